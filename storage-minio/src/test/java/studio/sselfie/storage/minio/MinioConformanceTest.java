package studio.sselfie.storage.minio;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/**
 * The whole conformance suite through the real MinIO client over HTTP, against the embedded S3 server (S3Proxy) or the
 * external store {@code STORAGE_TEST_S3_ENDPOINT} names, in a bucket of this class's own.
 */
class MinioConformanceTest extends StorageBackendConformanceSuite {
    /** Seen only through the MinIO client; the embedded server's other limitations come from S3TestEndpoint. */
    private static final Map<String, String> MINIO_ON_EMBEDDED_SERVER = Map.of(
            "Concurrency.putAndDelete_racingOnOneKey_leaveObjectWholeOrAbsent", "S3Proxy's transient store lets a put race"
                    + " a concurrent delete of the same key: the put fails now and then with HTTP 500"
                    + " (NoSuchFileException on its temporary file)");

    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-conformance");
    }

    @AfterAll
    static void deleteBucket() {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Override
    protected StorageBackend createBackend() {
        return bucket.backend();
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
