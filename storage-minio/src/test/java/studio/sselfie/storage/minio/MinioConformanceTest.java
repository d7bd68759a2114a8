package studio.sselfie.storage.minio;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
    /** Seen only through the MinIO client; the embedded server's other limitations come from S3TestEndpoint. */
    static final Map<String, String> MINIO_ON_EMBEDDED_SERVER = Map.of(
            "Concurrency.putAndDelete_racingOnOneKey_leaveObjectWholeOrAbsent", "S3Proxy's transient store lets a put race"
                    + " a concurrent delete of the same key: the put fails now and then with HTTP 500"
                    + " (NoSuchFileException on its temporary file)");

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

    @Override
    protected Optional<TrafficMeter> trafficMeter() {
        return Optional.ofNullable(proxy);
    }

    private static MinioStorageConfig.Builder config() {
        return proxy == null ? bucket.config() : bucket.config().endpoint(proxy.endpoint());
    }

    @Override
    protected String knownLimitation(String category, String test) {
        if (bucket.endpoint().isExternal()) {
            return null;
        }
        String reason = MINIO_ON_EMBEDDED_SERVER.get(category + "." + test);
        return reason != null ? reason : bucket.endpoint().knownLimitation(category, test);
    }
}
