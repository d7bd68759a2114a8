package studio.sselfie.storage.s3;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The whole conformance suite through the AWS SDK over HTTP, against the embedded S3 server (S3Proxy 4.1, transient
 * store) or the external endpoint named by {@code STORAGE_TEST_S3_ENDPOINT}.
 *
 * <p>On the embedded server each test gets a bucket of its own: S3Proxy's store keeps keys as files, and a failed put
 * leaves an empty directory that later delimiter listings would show as a common prefix. Creating a bucket there
 * costs a directory. On an external endpoint the class shares one bucket, emptied after each test.
 */
class S3ConformanceTest extends StorageBackendConformanceSuite {
    private static final Map<String, S3TestBucket> PER_TEST_BUCKETS = new ConcurrentHashMap<>();
    private static S3TestBucket shared;

    @BeforeAll
    static void createSharedBucket() {
        if (S3TestEndpoint.get().isExternal()) {
            shared = S3TestBucket.create("s3-conformance");
        }
    }

    @AfterAll
    static void deleteBuckets() {
        if (shared != null) {
            shared.close();
        }
        for (S3TestBucket bucket : PER_TEST_BUCKETS.values()) {
            bucket.closeQuietly();
        }
        PER_TEST_BUCKETS.clear();
    }

    @Override
    protected StorageBackend createBackend() {
        if (shared != null) {
            return new S3StorageBackend(shared.config());
        }
        S3TestBucket bucket = S3TestBucket.create("s3-conformance");
        PER_TEST_BUCKETS.put(bucket.name(), bucket);
        return new S3StorageBackend(bucket.config());
    }

    @Override
    protected void cleanUp(StorageBackend backend) {
        super.cleanUp(backend);
        if (shared != null) {
            shared.empty();
            return;
        }
        S3TestBucket bucket = PER_TEST_BUCKETS.remove(((S3StorageBackend) backend).config().bucket());
        if (bucket != null) {
            bucket.closeQuietly();
        }
    }

    @Override
    protected String knownLimitation(String category, String test) {
        return S3TestEndpoint.get().knownLimitation(category, test);
    }
}
