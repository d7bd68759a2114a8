package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.resilience.FlakyBackend.When;

class ResilientStorageBackendTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final FlakyBackend flaky = new FlakyBackend(store);
    private final ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, FAST);

    @AfterEach
    void close() {
        backend.close();
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void get_failingTwiceBeforeTakingEffect_isRetriedAndReturnsTheBytes() {
        store.put("a", "hello");
        flaky.failNext(StorageOperation.GET, 2, When.BEFORE);
        AtomicInteger retries = new AtomicInteger();
        backend.retry().getEventPublisher().onRetry(event -> retries.incrementAndGet());

        assertThat(backend.getString("a")).isEqualTo("hello");
        assertThat(flaky.calls(StorageOperation.GET)).isEqualTo(3);
        assertThat(retries).hasValue(2);
    }

    @Test
    void get_failingOnEveryAttempt_throwsTheLastFailureAfterMaxAttempts() {
        store.put("a", "hello");
        flaky.failNext(StorageOperation.GET, 5, When.BEFORE);

        assertThatThrownBy(() -> backend.getBytes("a")).isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("scripted fault");
        assertThat(flaky.calls(StorageOperation.GET)).isEqualTo(ResilienceConfig.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void get_ofMissingKey_isNotRetried() {
        assertThatThrownBy(() -> backend.get("missing")).isInstanceOf(ObjectNotFoundException.class);
        assertThat(flaky.calls(StorageOperation.GET)).isEqualTo(1);
    }

    @Test
    void put_ofStreamFailingAfterReadingTheBody_isReplayedAndStoresTheSameBytes() {
        byte[] body = bytes(200_000, 1);
        flaky.failNext(StorageOperation.PUT, 2, When.AFTER_READING_BODY);

        backend.put("k", new ByteArrayInputStream(body), body.length, PutOptions.defaults());

        assertThat(store.getBytes("k")).isEqualTo(body);
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(3);
    }

    @Test
    void put_ofStreamOfUnknownLength_isReplayedAndStoresTheSameBytes() {
        byte[] body = bytes(150_000, 2);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        backend.put("k", new ByteArrayInputStream(body), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(store.getBytes("k")).isEqualTo(body);
    }

    @Test
    void put_ofStreamLongerThanTheReplayBuffer_failsOnceWithoutRetryAndSaysWhy() {
        ResilientStorageBackend small = ResilientStorageBackend.wrap(flaky,
                FAST.toBuilder().replayBufferBytes(1024).build());
        byte[] body = bytes(10_000, 3);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        assertThatThrownBy(() -> small.put("k", new ByteArrayInputStream(body), body.length, PutOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot be sent again").hasMessageContaining("1024")
                .hasCauseInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(1);
        assertThat(store.exists("k")).isFalse();
    }

    @Test
    void put_ofFileLargerThanTheReplayBuffer_isRetriedFromTheFile(@TempDir Path dir) throws IOException {
        ResilientStorageBackend small = ResilientStorageBackend.wrap(flaky,
                FAST.toBuilder().replayBufferBytes(1024).build());
        byte[] body = bytes(50_000, 4);
        Path file = Files.write(dir.resolve("selfie.bin"), body);
        flaky.failNext(StorageOperation.PUT, 2, When.AFTER_READING_BODY);

        small.put("k", file, PutOptions.defaults());

        assertThat(store.getBytes("k")).isEqualTo(body);
    }

    @Test
    void put_ofBytesFailingBeforeTakingEffect_isRetried() {
        byte[] body = bytes(1000, 5);
        flaky.failNext(StorageOperation.PUT, 2, When.BEFORE);

        backend.put("k", body);

        assertThat(store.getBytes("k")).isEqualTo(body);
    }

    @Test
    void put_ifNoneMatchThatLandedBeforeFailing_isSettledAsSuccessWithoutResending() {
        byte[] body = bytes(5000, 6);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER);

        ObjectInfo info = backend.put("k", body, PutOptions.builder().ifNoneMatchAny().build());

        assertThat(info.size()).isEqualTo(body.length);
        assertThat(store.getBytes("k")).isEqualTo(body);
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(1);
    }

    @Test
    void put_ifNoneMatchFailingBeforeTakingEffect_isSentAgain() {
        byte[] body = bytes(5000, 7);
        flaky.failNext(StorageOperation.PUT, 1, When.BEFORE);

        backend.put("k", body, PutOptions.builder().ifNoneMatchAny().build());

        assertThat(store.getBytes("k")).isEqualTo(body);
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(2);
    }

    @Test
    void put_ifNoneMatchFailingWhileAnotherWriterWon_throwsPreconditionFailedWithTheFailureAsCause() {
        byte[] theirs = bytes(100, 8);
        store.put("k", theirs);
        flaky.failNext(StorageOperation.PUT, 1, When.BEFORE);

        assertThatThrownBy(() -> backend.put("k", bytes(100, 9), PutOptions.builder().ifNoneMatchAny().build()))
                .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("no longer holds")
                .hasCauseInstanceOf(StorageUnavailableException.class);
        assertThat(store.getBytes("k")).isEqualTo(theirs);
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(1);
    }

    @Test
    void put_ifMatchThatLandedBeforeFailing_isSettledAsSuccess() {
        ObjectInfo old = store.put("k", "old");
        byte[] body = bytes(3000, 10);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER);

        ObjectInfo info = backend.put("k", body, PutOptions.builder().ifMatch(old.etag()).build());

        assertThat(info.etag()).isNotEqualTo(old.etag());
        assertThat(store.getBytes("k")).isEqualTo(body);
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(1);
    }

    @Test
    void delete_thatTookEffectBeforeFailing_isRetriedAsANoOp() {
        store.put("k", "x");
        flaky.failNext(StorageOperation.DELETE, 1, When.AFTER);

        backend.delete("k");

        assertThat(store.exists("k")).isFalse();
        assertThat(flaky.calls(StorageOperation.DELETE)).isEqualTo(2);
    }

    @Test
    void listAndCopyAndDeleteAll_failingOnce_areRetried() {
        store.put("p/a", "1");
        flaky.failNext(StorageOperation.LIST, 1, When.BEFORE)
                .failNext(StorageOperation.COPY, 1, When.AFTER)
                .failNext(StorageOperation.DELETE_ALL, 1, When.AFTER);

        assertThat(backend.list("p/").map(ObjectInfo::key)).containsExactly("p/a");
        backend.copy("p/a", "p/b");
        assertThat(backend.deleteAll(List.of("p/a", "p/b")).deleted()).isNotNull();

        assertThat(store.list("p/")).isEmpty();
    }

    @Test
    void deleteAll_withRetryablePerKeyFailures_sendsThoseKeysAgain() {
        store.put("a", "1");
        store.put("b", "2");
        flaky.failNext(StorageOperation.DELETE_ALL, 1, When.PER_KEY);

        DeleteResult result = backend.deleteAll(List.of("a", "b"));

        assertThat(result.deleted()).containsExactly("a", "b");
        assertThat(result.isSuccess()).isTrue();
        assertThat(store.list("")).isEmpty();
        assertThat(flaky.calls(StorageOperation.DELETE_ALL)).isEqualTo(2);
    }

    @Test
    void deleteAll_withPerKeyFailuresOnEveryAttempt_reportsThemPerKey() {
        store.put("a", "1");
        flaky.failNext(StorageOperation.DELETE_ALL, 5, When.PER_KEY);

        DeleteResult result = backend.deleteAll(List.of("a"));

        assertThat(result.deleted()).isEmpty();
        assertThat(result.failures()).containsOnlyKeys("a");
        assertThat(store.exists("a")).isTrue();
        assertThat(flaky.calls(StorageOperation.DELETE_ALL)).isEqualTo(ResilienceConfig.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void read_brokenOffMidBody_resumesAtThatByteAndReturnsAllBytes() throws IOException {
        byte[] body = bytes(300_000, 11);
        store.put("k", body);
        BreakingBackend breaking = new BreakingBackend(store, 100_000, false);
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(breaking, FAST);

        try (StorageObject object = resilient.get("k")) {
            assertThat(object.stream().readAllBytes()).isEqualTo(body);
        }
        assertThat(breaking.opened).hasValue(2);
    }

    @Test
    void read_silentlyCorrupted_throwsCorruptReadExceptionInsteadOfTheEnd() {
        byte[] body = bytes(50_000, 12);
        store.put("k", body);
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(new BreakingBackend(store, 20_000, true), FAST);

        try (StorageObject object = resilient.get("k")) {
            assertThatThrownBy(() -> object.stream().readAllBytes()).isInstanceOf(CorruptReadException.class)
                    .hasMessageContaining("'k'").hasMessageContaining("SHA-256");
        }
    }

    @Test
    void circuitBreaker_afterMostCallsFailed_opensAndRejectsWithoutCallingTheBackend() {
        ResilientStorageBackend fragile = ResilientStorageBackend.wrap(flaky, FAST.toBuilder().maxAttempts(1)
                .slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50).build());
        store.put("k", "x");
        flaky.failNext(StorageOperation.HEAD, 4, When.BEFORE);
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> fragile.head("k")).isInstanceOf(StorageUnavailableException.class);
        }

        assertThatThrownBy(() -> fragile.head("k")).isInstanceOf(CallRejectedException.class)
                .hasMessageContaining("circuit breaker")
                .satisfies(e -> assertThat(((CallRejectedException) e).reason())
                        .isEqualTo(CallRejectedException.Reason.CIRCUIT_OPEN));
        assertThat(fragile.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(flaky.calls(StorageOperation.HEAD)).isEqualTo(4);
    }

    @Test
    void circuitBreaker_doesNotCountTypedAnswersAsFailures() {
        ResilientStorageBackend fragile = ResilientStorageBackend.wrap(flaky, FAST.toBuilder()
                .slidingWindowSize(4).minimumNumberOfCalls(4).build());
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> fragile.get("missing")).isInstanceOf(ObjectNotFoundException.class);
        }
        assertThat(fragile.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void bulkhead_whenFull_rejectsTheNextCallAtOnce() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StorageBackend blocking = new FlakyBackend(store) {
            @Override
            public java.util.Optional<ObjectInfo> head(String key) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.head(key);
            }
        };
        ResilientStorageBackend narrow = ResilientStorageBackend.wrap(blocking, FAST.toBuilder().maxConcurrentCalls(1).build());
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = executor.submit(() -> narrow.head("k"));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> narrow.exists("k")).isInstanceOf(CallRejectedException.class)
                    .satisfies(e -> assertThat(((CallRejectedException) e).reason())
                            .isEqualTo(CallRejectedException.Reason.BULKHEAD_FULL));
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void nameAndCapabilities_areTheWrappedBackends() {
        assertThat(backend.name()).isEqualTo(store.name());
        assertThat(backend.capabilities()).isEqualTo(store.capabilities());
        assertThat(backend.delegate()).isSameAs(flaky);
    }

    @Test
    void rateLimiter_isPresentOnlyWhenConfigured() {
        assertThat(backend.rateLimiter()).isEmpty();
        ResilientStorageBackend limited = ResilientStorageBackend.wrap(store, FAST.toBuilder().rateLimitPerSecond(1000).build());
        assertThat(limited.rateLimiter()).hasValueSatisfying(
                limiter -> assertThat(limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(1000));
        limited.put("k", "v");
        assertThat(limited.getString("k")).isEqualTo("v");
    }

    /** A backend whose whole-object streams break off (or silently flip a byte) at a given offset, once. */
    private static final class BreakingBackend extends FlakyBackend {
        final AtomicInteger opened = new AtomicInteger();
        private final long at;
        private final boolean corrupt;

        BreakingBackend(StorageBackend delegate, long at, boolean corrupt) {
            super(delegate);
            this.at = at;
            this.corrupt = corrupt;
        }

        @Override
        public StorageObject get(String key, studio.sselfie.storage.GetOptions options) {
            StorageObject object = super.get(key, options);
            if (opened.incrementAndGet() > 1) {
                return object;
            }
            InputStream broken = new FilterInputStream(object.stream()) {
                private long position;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (!corrupt && position >= at) {
                        throw new IOException("connection reset (test)");
                    }
                    int n = super.read(b, off, (int) Math.min(len, Math.max(1, at - position)));
                    if (n > 0 && corrupt && position <= at && at < position + n) {
                        b[off + (int) (at - position)] ^= 0x01;
                    }
                    if (n > 0) {
                        position += n;
                    }
                    return n;
                }
            };
            return new StorageObject(object.info(), broken, object.contentLength(), object.range().orElse(null));
        }
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
