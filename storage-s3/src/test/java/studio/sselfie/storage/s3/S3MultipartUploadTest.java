package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/** Multipart uploads through the real client: parts, bounds, aborts. Parts of 5 MiB keep the bodies small. */
@Timeout(120)
class S3MultipartUploadTest {
    private static final long MIB = 1024 * 1024;
    private static final long PART = 5 * MIB;

    private static S3TestBucket bucket;
    private S3StorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-multipart");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @AfterEach
    void closeAndEmpty() {
        if (backend != null) {
            backend.close();
        }
        bucket.empty();
    }

    private S3StorageBackend open(int maxPartsInFlight, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        backend = new S3StorageBackend(bucket.config(c -> c.partSize(PART).maxPartsInFlight(maxPartsInFlight)),
                overrides, S3Copies.MAX_SINGLE_COPY_BYTES);
        return backend;
    }

    private S3StorageBackend open() {
        return open(2, overrides -> { });
    }

    @Test
    void put_unknownLength20MiB_storesExactBytes() {
        S3StorageBackend s3 = open();

        ObjectInfo info = s3.put("big.bin", TestBodies.random(20 * MIB + 123, 1), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().contentType("application/x-test").metadata("origin", "test").build());

        assertThat(info.size()).isEqualTo(20 * MIB + 123);
        assertThat(downloadSha256(s3, "big.bin")).isEqualTo(TestBodies.sha256(TestBodies.random(20 * MIB + 123, 1)));
        assertThat(s3.head("big.bin").orElseThrow().contentType()).contains("application/x-test");
        assertThat(s3.head("big.bin").orElseThrow().metadata()).containsEntry("origin", "test");
    }

    @Test
    void put_knownLengthAbovePartSize_storesExactBytes() {
        S3StorageBackend s3 = open();

        s3.put("known.bin", TestBodies.random(11 * MIB, 2), 11 * MIB, PutOptions.defaults());

        assertThat(downloadSha256(s3, "known.bin")).isEqualTo(TestBodies.sha256(TestBodies.random(11 * MIB, 2)));
    }

    @Test
    void put_unknownLengthExactlyOnePart_isStoredWhole() {
        S3StorageBackend s3 = open();

        ObjectInfo info = s3.put("one-part.bin", TestBodies.random(PART, 3), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(info.size()).isEqualTo(PART);
        assertThat(downloadSha256(s3, "one-part.bin")).isEqualTo(TestBodies.sha256(TestBodies.random(PART, 3)));
    }

    @Test
    void put_unknownLengthEmptyBody_storesEmptyObject() {
        S3StorageBackend s3 = open();

        ObjectInfo info = s3.put("empty.bin", InputStream.nullInputStream(), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(info.size()).isZero();
        assertThat(s3.getBytes("empty.bin")).isEmpty();
    }

    @Test
    void put_bodyFailsInThirdPart_abortsUploadAndStoresNothing() {
        S3StorageBackend s3 = open();

        assertThatThrownBy(() -> s3.put("broken.bin", TestBodies.failingAfter(TestBodies.random(30 * MIB, 4), 12 * MIB),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("broken.bin");

        assertThat(bucket.uploadsInProgress()).isEmpty();
        assertThat(s3.exists("broken.bin")).isFalse();
    }

    @Test
    void put_bodyShorterThanDeclaredMultipartLength_throwsInvalidRequestAndAborts() {
        S3StorageBackend s3 = open();

        assertThatThrownBy(() -> s3.put("short.bin", TestBodies.random(11 * MIB, 5), 12 * MIB, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(String.valueOf(12 * MIB));

        assertThat(bucket.uploadsInProgress()).isEmpty();
        assertThat(s3.exists("short.bin")).isFalse();
    }

    @Test
    void put_bodyLongerThanDeclaredMultipartLength_throwsInvalidRequestAndAborts() {
        S3StorageBackend s3 = open();

        assertThatThrownBy(() -> s3.put("long.bin", TestBodies.random(12 * MIB, 6), 11 * MIB, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(bucket.uploadsInProgress()).isEmpty();
        assertThat(s3.exists("long.bin")).isFalse();
    }

    @Test
    void put_threadInterruptedBetweenParts_abortsUploadAndKeepsInterruptFlag() {
        S3StorageBackend s3 = open();
        InputStream interruptingBody = new java.io.FilterInputStream(TestBodies.random(30 * MIB, 7)) {
            private long read;

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                if (read > 6 * MIB) {
                    // Interrupted while the second part is being read: the wait for the third part sees it.
                    Thread.currentThread().interrupt();
                }
                return n;
            }
        };

        assertThatThrownBy(() -> s3.put("interrupted.bin", interruptingBody, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("interrupted");

        assertThat(Thread.interrupted()).isTrue();
        assertThat(bucket.uploadsInProgress()).isEmpty();
        assertThat(s3.exists("interrupted.bin")).isFalse();
    }

    @Test
    void put_partUploadFails_abortsUploadAndStoresNothing() {
        S3StorageBackend s3 = open(2, overrides -> overrides.addExecutionInterceptor(new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest && ((UploadPartRequest) context.request()).partNumber() == 2) {
                    throw new IllegalStateException("part 2 refused by the test");
                }
            }
        }));

        assertThatThrownBy(() -> s3.put("part-fails.bin", TestBodies.random(12 * MIB, 8), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasRootCauseMessage("part 2 refused by the test");

        assertThat(bucket.uploadsInProgress()).isEmpty();
        assertThat(s3.exists("part-fails.bin")).isFalse();
    }

    @Test
    void put_manyParts_uploadsInParallelButNeverMoreThanMaxPartsInFlight() {
        int maxPartsInFlight = 3;
        PartGate gate = new PartGate(maxPartsInFlight);
        S3StorageBackend s3 = open(maxPartsInFlight, overrides -> overrides.addExecutionInterceptor(gate));

        s3.put("parallel.bin", TestBodies.random(18 * MIB, 9), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(gate.parts.get()).isEqualTo(4);
        assertThat(gate.peak.get()).isEqualTo(maxPartsInFlight);
        assertThat(downloadSha256(s3, "parallel.bin")).isEqualTo(TestBodies.sha256(TestBodies.random(18 * MIB, 9)));
    }

    @Test
    void put_multipartIfNoneMatchAnyOnExistingKey_throwsPreconditionFailedAndKeepsOldObject() {
        S3StorageBackend s3 = open();
        s3.put("guarded.bin", new byte[] {1, 2, 3});

        assertThatThrownBy(() -> s3.put("guarded.bin", TestBodies.random(11 * MIB, 10), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().ifNoneMatchAny().build()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(s3.getBytes("guarded.bin")).containsExactly(1, 2, 3);
        assertThat(bucket.uploadsInProgress()).isEmpty();
    }

    @Test
    void put_multipartIfMatchStaleEtag_throwsPreconditionFailedAndKeepsObject() {
        S3StorageBackend s3 = open();
        String stale = s3.put("versioned.bin", new byte[] {1}).etag();
        s3.put("versioned.bin", new byte[] {2});

        assertThatThrownBy(() -> s3.put("versioned.bin", TestBodies.random(11 * MIB, 11), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().ifMatch(stale).build()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(s3.getBytes("versioned.bin")).containsExactly(2);
        assertThat(bucket.uploadsInProgress()).isEmpty();
    }

    @Test
    void put_multipartIfMatchCurrentEtag_replacesObject() {
        S3StorageBackend s3 = open();
        String current = s3.put("current.bin", new byte[] {1}).etag();

        ObjectInfo info = s3.put("current.bin", TestBodies.random(11 * MIB, 12), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().ifMatch(current).build());

        assertThat(info.size()).isEqualTo(11 * MIB);
    }

    private static String downloadSha256(S3StorageBackend s3, String key) {
        try (StorageObject object = s3.get(key)) {
            return TestBodies.sha256(object.stream());
        }
    }

    /**
     * Holds each UploadPart until {@code expected} are in flight together (or 10 s pass, so that a sequential upload
     * fails the peak assertion rather than hanging), and records the peak.
     */
    private static final class PartGate implements ExecutionInterceptor {
        final AtomicInteger parts = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final CountDownLatch allInFlight;

        PartGate(int expected) {
            this.allInFlight = new CountDownLatch(expected);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof UploadPartRequest)) {
                return;
            }
            parts.incrementAndGet();
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allInFlight.countDown();
            try {
                allInFlight.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                inFlight.decrementAndGet();
            }
        }

        @Override
        public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof UploadPartRequest) {
                inFlight.decrementAndGet();
            }
        }
    }
}
