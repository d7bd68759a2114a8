package studio.sselfie.storage.s3;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;
import studio.sselfie.storage.testkit.TrafficMeter;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The whole conformance suite through the AWS SDK over HTTP, against the embedded S3 server (S3Proxy 4.1, transient
 * store) or the external endpoint named by {@code STORAGE_TEST_S3_ENDPOINT}.
 *
 * <p>On the embedded server each test gets a bucket of its own: S3Proxy's store keeps keys as files, and a failed put
 * leaves an empty directory that later delimiter listings would show as a common prefix. Creating a bucket there
 * costs a directory. On an external endpoint the class shares one bucket, emptied after each test.
 *
 * <p>On a plain-HTTP endpoint the backends talk to it through an {@link HttpFaultProxy} without faults, the suite's
 * {@link #trafficMeter()}. The multipart tests get backends with 5 MiB parts that also copy sources over one part
 * with UploadPartCopy (the package-private constructor's copy threshold), so the kit covers both copy paths.
 */
class S3ConformanceTest extends StorageBackendConformanceSuite {
    private static final Map<String, S3TestBucket> PER_TEST_BUCKETS = new ConcurrentHashMap<>();
    private static S3TestBucket shared;
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void createSharedBucketAndProxy() {
        S3TestEndpoint endpoint = S3TestEndpoint.get();
        if (endpoint.isExternal()) {
            shared = S3TestBucket.create("s3-conformance");
        }
        if ("http".equalsIgnoreCase(endpoint.endpoint().getScheme())) {
            proxy = HttpFaultProxy.start(endpoint.endpoint());
        }
    }

    @AfterAll
    static void deleteBucketsAndStopProxy() {
        if (shared != null) {
            shared.close();
        }
        for (S3TestBucket bucket : PER_TEST_BUCKETS.values()) {
            bucket.closeQuietly();
        }
        PER_TEST_BUCKETS.clear();
        if (proxy != null) {
            proxy.close();
        }
    }

    @Override
    protected StorageBackend createBackend() {
        return new S3StorageBackend(config(newBucket()));
    }

    @Override
    protected Optional<StorageBackend> createBackendWithPartSize(long partSize) {
        S3StorageConfig config = config(newBucket()).with(builder -> builder.partSize(partSize));
        return Optional.of(new S3StorageBackend(config, overrides -> { }, partSize));
    }

    /** A second backend over the same bucket writing every key S3 holds, as another tool would have. */
    @Override
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        S3StorageConfig config = ((S3StorageBackend) backend).config();
        return Optional.of(new S3StorageBackend(config.with(builder -> builder.writeKeys(KeyPolicy.STORE))));
    }

    @Override
    protected Optional<TrafficMeter> trafficMeter() {
        return Optional.ofNullable(proxy);
    }

    private static S3TestBucket newBucket() {
        if (shared != null) {
            return shared;
        }
        S3TestBucket bucket = S3TestBucket.create("s3-conformance");
        PER_TEST_BUCKETS.put(bucket.name(), bucket);
        return bucket;
    }

    private static S3StorageConfig config(S3TestBucket bucket) {
        return proxy == null ? bucket.config() : bucket.config(builder -> builder.endpoint(proxy.endpoint()));
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
