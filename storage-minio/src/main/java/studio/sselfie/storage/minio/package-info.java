/**
 * The MinIO backend: {@link studio.sselfie.storage.minio.MinioStorageBackend} over one bucket of any S3-compatible
 * store through the MinIO Java SDK, its {@link studio.sselfie.storage.minio.MinioStorageConfig} and the provider of
 * {@code minio://bucket?endpoint=...} URIs, {@link studio.sselfie.storage.minio.MinioStorageProvider}.
 *
 * <p>Null contract: no parameter of a public method in this package accepts {@code null}; a {@code null} argument
 * fails with a {@link java.lang.NullPointerException} naming the parameter.
 */
package studio.sselfie.storage.minio;
