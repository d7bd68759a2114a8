package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.minio.MinioStorageBackend;
import studio.sselfie.storage.minio.MinioStorageConfig;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.faults.HttpFault;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Exactly one layer retries: with the decorator on and the clients' own retries off, the store sees exactly as many
 * requests as the decorator made attempts. Counted at the HTTP fault proxy, between the real clients and the embedded
 * S3 server.
 */
class OneRetryLayerTest {
    private static final ResilienceConfig THREE_ATTEMPTS = ResilienceConfig.builder().maxAttempts(3)
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    private static HttpFaultProxy proxy;
    private static String bucket;

    @BeforeAll
    static void start() {
        proxy = HttpFaultProxy.start(S3TestEndpoint.get().endpoint());
        bucket = S3TestBuckets.create("one-retry-layer");
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    @BeforeEach
    void noFaults() {
        proxy.clearFaults();
    }

    private static ResilientStorageBackend resilient(StorageBackend backend, AtomicInteger retries) {
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(backend, THREE_ATTEMPTS);
        resilient.retry().getEventPublisher().onRetry(event -> retries.incrementAndGet());
        return resilient;
    }

    @Test
    void s3_withSdkRetriesOff_storeSeesOneRequestPerDecoratorAttempt() {
        AtomicInteger retries = new AtomicInteger();
        try (StorageBackend backend = resilient(new S3StorageBackend(S3TestBuckets.through(proxy.endpoint(), bucket)), retries)) {
            backend.put("s3/one-layer.txt", "hello");
            proxy.failNext(2, HttpFault.SLOW_DOWN_503);
            int before = proxy.requestsSeen();

            assertThat(backend.getString("s3/one-layer.txt")).isEqualTo("hello");

            assertThat(retries).hasValue(2);
            assertThat(proxy.requestsSeen() - before).isEqualTo(3);
        }
    }

    @Test
    void s3_withSdkRetriesOff_exhaustedAttemptsMakeExactlyMaxAttemptsRequests() {
        AtomicInteger retries = new AtomicInteger();
        try (StorageBackend backend = resilient(new S3StorageBackend(S3TestBuckets.through(proxy.endpoint(), bucket)), retries)) {
            proxy.failNext(10, HttpFault.INTERNAL_ERROR_500);
            int before = proxy.requestsSeen();

            assertThatThrownBy(() -> backend.head("s3/any.txt")).isInstanceOf(StorageUnavailableException.class);

            assertThat(proxy.requestsSeen() - before).isEqualTo(THREE_ATTEMPTS.maxAttempts());
        }
    }

    /** What the rule prevents: the SDK's three attempts inside each of the decorator's three. */
    @Test
    void s3_withSdkRetriesLeftOn_attemptsMultiply() {
        AtomicInteger retries = new AtomicInteger();
        S3StorageConfig sdkRetrying = S3TestBuckets.through(proxy.endpoint(), bucket).toBuilder()
                .sdkRetries(S3StorageConfig.DEFAULT_SDK_MAX_ATTEMPTS).build();
        try (StorageBackend backend = resilient(new S3StorageBackend(sdkRetrying), retries)) {
            proxy.failNext(20, HttpFault.INTERNAL_ERROR_500);
            int before = proxy.requestsSeen();

            assertThatThrownBy(() -> backend.head("s3/any.txt")).isInstanceOf(StorageUnavailableException.class);

            assertThat(proxy.requestsSeen() - before).isEqualTo(THREE_ATTEMPTS.maxAttempts() * S3StorageConfig.DEFAULT_SDK_MAX_ATTEMPTS);
        }
    }

    @Test
    void minio_withClientRetriesOff_storeSeesOneRequestPerDecoratorAttempt() {
        AtomicInteger retries = new AtomicInteger();
        S3TestEndpoint server = S3TestEndpoint.get();
        MinioStorageConfig config = MinioStorageConfig.builder().endpoint(proxy.endpoint()).bucket(bucket)
                .region(server.region()).credentials(server.accessKey(), server.secretKey())
                .clientRetries(false).build();
        try (StorageBackend backend = resilient(MinioStorageBackend.create(config), retries)) {
            backend.put("minio/one-layer.txt", "hello");
            proxy.failNext(2, HttpFault.RESET_BEFORE_RESPONSE);
            int before = proxy.requestsSeen();

            assertThat(backend.exists("minio/one-layer.txt")).isTrue();

            assertThat(retries).hasValue(2);
            assertThat(proxy.requestsSeen() - before).isEqualTo(3);
        }
    }
}
