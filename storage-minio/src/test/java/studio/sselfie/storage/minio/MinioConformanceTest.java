package studio.sselfie.storage.minio;

import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;
import studio.sselfie.storage.testkit.TrafficMeter;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * The whole conformance suite through the real MinIO client over HTTP, against the embedded S3 server (S3Proxy) or the
 * external store {@code STORAGE_TEST_S3_ENDPOINT} names, in a bucket of this class's own. On a plain-HTTP endpoint
 * the backends talk to it through an {@link HttpFaultProxy} without faults, the suite's {@link #trafficMeter()}.
 */
class MinioConformanceTest extends StorageBackendConformanceSuite {
    private static TestBucket bucket;
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void createBucketAndProxy() {
        bucket = TestBucket.create("minio-conformance");
        if ("http".equalsIgnoreCase(bucket.endpoint().endpoint().getScheme())) {
            proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
        }
    }

    @AfterAll
    static void deleteBucketAndStopProxy() {
        if (bucket != null) {
            bucket.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    protected StorageBackend createBackend() {
        return MinioStorageBackend.create(config().build());
    }

    @Override
    protected Optional<StorageBackend> createBackendWithPartSize(long partSize) {
        return Optional.of(MinioStorageBackend.create(config().partSize(partSize).build()));
    }

    /** A second backend over the same bucket writing every key S3 holds, as another tool would have. */
    @Override
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        return Optional.of(MinioStorageBackend.create(config().writeKeys(KeyPolicy.STORE).build()));
    }

    @Override
    protected Optional<TrafficMeter> trafficMeter() {
        return Optional.ofNullable(proxy);
    }

    private static MinioStorageConfig.Builder config() {
        return proxy == null ? bucket.config() : bucket.config().endpoint(proxy.endpoint());
    }

    @Override
    protected String knownLimitation(String category, String test) {
        // The put/delete race on one key that S3Proxy answers with a 500 now and then is no limitation any more: the
        // backend retries it, as the S3 backend's SDK does.
        return bucket.endpoint().knownLimitation(category, test);
    }
}
