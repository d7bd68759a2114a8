/**
 * The S3 backend: {@link studio.sselfie.storage.s3.S3StorageBackend} over AWS S3 or any S3-compatible store,
 * configured by {@link studio.sselfie.storage.s3.S3StorageConfig} or opened by URI through
 * {@link studio.sselfie.storage.s3.S3StorageProvider} ({@code s3://bucket?endpoint=...&region=...&pathStyle=true}).
 *
 * <p>Null contract: no parameter accepts {@code null} unless its Javadoc says so; a {@code null} argument fails with
 * a {@link java.lang.NullPointerException} naming it.
 */
package studio.sselfie.storage.s3;
