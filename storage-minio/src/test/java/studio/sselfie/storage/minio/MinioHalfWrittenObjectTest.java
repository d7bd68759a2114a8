package studio.sselfie.storage.minio;

import java.net.URI;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.s3server.HalfWrittenObjectContract;
import studio.sselfie.storage.testkit.s3server.HalfWrittenObjectServer;

/** An object the store shows without an ETag is not there yet (see {@link HalfWrittenObjectContract}). */
class MinioHalfWrittenObjectTest extends HalfWrittenObjectContract {
    @Override
    protected StorageBackend createBackend(URI endpoint) {
        return MinioStorageBackend.create(MinioStorageConfig.builder().endpoint(endpoint)
                .bucket(HalfWrittenObjectServer.BUCKET).credentials("access", "secret-key-of-the-test").build());
    }
}
