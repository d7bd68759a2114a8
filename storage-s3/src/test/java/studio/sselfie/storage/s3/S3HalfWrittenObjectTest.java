package studio.sselfie.storage.s3;

import java.net.URI;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.s3server.HalfWrittenObjectContract;
import studio.sselfie.storage.testkit.s3server.HalfWrittenObjectServer;

/** An object the store shows without an ETag is not there yet (see {@link HalfWrittenObjectContract}). */
class S3HalfWrittenObjectTest extends HalfWrittenObjectContract {
    @Override
    protected StorageBackend createBackend(URI endpoint) {
        return S3StorageBackend.create(S3StorageConfig.builder().endpoint(endpoint).pathStyle(true).region("us-east-1")
                .bucket(HalfWrittenObjectServer.BUCKET).credentials("access", "secret-key-of-the-test").build());
    }
}
