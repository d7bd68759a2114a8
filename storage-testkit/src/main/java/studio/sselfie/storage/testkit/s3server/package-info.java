/**
 * An S3-compatible server for the tests of S3 backends: {@link studio.sselfie.storage.testkit.s3server.EmbeddedS3Server}
 * (S3Proxy in this JVM), {@link studio.sselfie.storage.testkit.s3server.S3TestEndpoint} (the shared server, or an
 * external endpoint from {@code STORAGE_TEST_S3_*} environment variables) and the JUnit extension
 * {@link studio.sselfie.storage.testkit.s3server.S3ServerExtension}. Needs {@code org.gaul:s3proxy} on the test class
 * path unless an external endpoint is used.
 *
 * <p>Null contract: no parameter accepts {@code null}; a {@code null} argument fails with a
 * {@link java.lang.NullPointerException} naming it.
 */
package studio.sselfie.storage.testkit.s3server;
