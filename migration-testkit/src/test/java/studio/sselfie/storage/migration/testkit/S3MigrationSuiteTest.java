package studio.sselfie.storage.migration.testkit;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.s3.S3StorageBackend;

/**
 * The migration suite on the S3 backend, over HTTP through the AWS SDK, against the embedded S3 server (S3Proxy) or
 * the external endpoint named by {@code STORAGE_TEST_S3_ENDPOINT}. Every store is a bucket of its own: cheap on the
 * embedded server (a directory), and no test sees another's leftovers.
 */
class S3MigrationSuiteTest extends AbstractMigrationSuite {

    @Override
    protected StorageBackend createBackend() {
        return S3Buckets.newBackend("migration-suite");
    }

    @Override
    protected void cleanUp(StorageBackend backend) {
        String bucket = ((S3StorageBackend) backend).config().bucket();
        try {
            super.cleanUp(backend);
        } finally {
            S3Buckets.deleteQuietly(bucket);
        }
    }
}
