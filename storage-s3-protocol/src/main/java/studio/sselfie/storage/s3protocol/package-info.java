/**
 * What the S3-protocol backends ({@code storage-s3}, {@code storage-minio}) share and neither client knows:
 * {@link studio.sselfie.storage.s3protocol.S3ErrorTable}, the one table from an S3 error answer to the contract's
 * exception and retry decision.
 *
 * <p>Null contract: no parameter accepts {@code null} unless its Javadoc says so; a {@code null} argument fails with
 * a {@link java.lang.NullPointerException} naming it.
 */
package studio.sselfie.storage.s3protocol;
