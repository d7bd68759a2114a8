package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.testkit.faults.HttpFault;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * Out of the box the MinIO backend retries as the S3 backend's SDK does (3 attempts in all); with
 * {@code clientRetries(false)} it sends each request once and leaves retrying to the layer above.
 */
class MinioRetryTest {
    private static TestBucket bucket;
    private static HttpFaultProxy proxy;
    private MinioStorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-retry");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void deleteBucket() {
        proxy.close();
        bucket.close();
    }

    @AfterEach
    void closeBackend() {
        proxy.clearFaults();
        if (backend != null) {
            backend.close();
        }
    }

    private MinioStorageBackend backend(boolean clientRetries) {
        backend = MinioStorageBackend.create(MinioStorageConfig.builder().endpoint(proxy.endpoint()).bucket(bucket.name())
                .region(bucket.endpoint().region())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())
                .clientRetries(clientRetries).build());
        return backend;
    }

    @Test
    void put_twoSlowDownAnswers_succeedsOnTheThirdAttempt() {
        MinioStorageBackend retrying = backend(true);
        proxy.failNext(2, HttpFault.SLOW_DOWN_503);
        int before = proxy.requestsSeen();

        retrying.put("k", "v".getBytes(StandardCharsets.UTF_8));

        assertThat(proxy.requestsSeen() - before).as("three attempts of one PUT").isEqualTo(3);
        assertThat(retrying.head("k")).isPresent();
    }

    @Test
    void get_internalErrorAndReset_succeedsOnTheThirdAttempt() throws Exception {
        MinioStorageBackend retrying = backend(true);
        retrying.put("k", "value".getBytes(StandardCharsets.UTF_8));
        proxy.failNext(1, HttpFault.INTERNAL_ERROR_500).failNext(1, HttpFault.RESET_BEFORE_RESPONSE);

        try (var object = retrying.get("k")) {
            assertThat(new String(object.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("value");
        }
    }

    @Test
    void put_threeInternalErrors_failsRetryableAfterThreeAttempts() {
        MinioStorageBackend retrying = backend(true);
        proxy.failNext(3, HttpFault.INTERNAL_ERROR_500);
        int before = proxy.requestsSeen();

        assertThatThrownBy(() -> retrying.put("k", new byte[1]))
                .isInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(((StorageUnavailableException) e).isRetryable()).isTrue());
        assertThat(proxy.requestsSeen() - before).as("attempts").isEqualTo(RetryInterceptor.MAX_ATTEMPTS);
    }

    @Test
    void put_clientRetriesOff_sendsOnceAndFailsRetryable() {
        MinioStorageBackend once = backend(false);
        proxy.failNext(1, HttpFault.SLOW_DOWN_503);
        int before = proxy.requestsSeen();

        assertThatThrownBy(() -> once.put("k", new byte[1])).isInstanceOf(StorageUnavailableException.class);
        assertThat(proxy.requestsSeen() - before).as("one attempt").isEqualTo(1);
    }
}
