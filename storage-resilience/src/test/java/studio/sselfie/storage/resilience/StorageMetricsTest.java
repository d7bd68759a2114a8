package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.Keys;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.resilience.CallRejectedException.Reason;
import studio.sselfie.storage.resilience.FlakyBackend.When;

class StorageMetricsTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final FlakyBackend flaky = new FlakyBackend(store);

    @AfterEach
    void close() {
        store.close();
    }

    private ResilientStorageBackend bound(ResilienceConfig config) {
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, config);
        StorageMetrics.bind(backend, registry);
        return backend;
    }

    /** A counter's count, 0 when it was never registered (counters of an operation appear on first use). */
    private double count(String name, String... tags) {
        Search search = registry.find(name).tags("backend", store.name()).tags(tags);
        FunctionCounter function = search.functionCounter();
        if (function != null) {
            return function.count();
        }
        return Optional.ofNullable(search.counter()).map(Counter::count).orElse(0.0);
    }

    private double gauge(String name) {
        return registry.get(name).tags("backend", store.name()).gauge().value();
    }

    private Timer requests(String operation, String outcome) {
        return registry.get("storage.requests")
                .tags("backend", store.name(), "operation", operation, "outcome", outcome).timer();
    }

    @Test
    void bind_getRetriedTwice_countsTwoRetriesOfGet() {
        store.put("photo", "hello");
        ResilientStorageBackend backend = bound(FAST);
        flaky.failNext(StorageOperation.GET, 2, When.BEFORE);

        assertThat(backend.getString("photo")).isEqualTo("hello");

        assertThat(count("storage.retries", "operation", "get")).isEqualTo(2.0);
        assertThat(count("storage.retry.exhausted")).isZero();
    }

    @Test
    void bind_retriesUsedUp_countsOneExhaustedCallOfItsOperation() {
        ResilientStorageBackend backend = bound(FAST);
        flaky.failNext(StorageOperation.HEAD, 3, When.BEFORE);

        assertThatThrownBy(() -> backend.head("photo")).isInstanceOf(StorageUnavailableException.class);

        assertThat(count("storage.retry.exhausted", "operation", "head")).isEqualTo(1.0);
        assertThat(count("storage.retries", "operation", "head")).isEqualTo(2.0);
    }

    @Test
    void bind_typedAnswer_countsNeitherRetryNorExhaustion() {
        ResilientStorageBackend backend = bound(FAST);

        assertThatThrownBy(() -> backend.get("missing")).isInstanceOf(ObjectNotFoundException.class);

        assertThat(count("storage.retries")).isZero();
        assertThat(count("storage.retry.exhausted")).isZero();
    }

    @Test
    void bind_circuitOpened_countsTransitionAndRejectionAndReportsOpen() {
        ResilientStorageBackend backend = bound(FAST.toBuilder().maxAttempts(1)
                .slidingWindowSize(2).minimumNumberOfCalls(2).build());
        assertThat(gauge("storage.circuit.state")).isZero();
        flaky.failNext(StorageOperation.HEAD, 2, When.BEFORE);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> backend.head("photo")).isInstanceOf(StorageUnavailableException.class);
        }

        assertThatThrownBy(() -> backend.head("photo")).isInstanceOf(CallRejectedException.class);

        assertThat(count("storage.calls.rejected", "reason", "circuit_open")).isEqualTo(1.0);
        assertThat(count("storage.circuit.transitions", "to", "open")).isEqualTo(1.0);
        assertThat(gauge("storage.circuit.state")).isEqualTo(1.0);
    }

    @Test
    void bind_circuitForcedOpen_reportsStateFourAndCountsItsRejections() {
        ResilientStorageBackend backend = bound(FAST);
        backend.circuitBreaker().transitionToForcedOpenState();

        assertThatThrownBy(() -> backend.head("photo")).isInstanceOf(CallRejectedException.class);
        assertThatThrownBy(() -> backend.put("photo", "x")).isInstanceOf(CallRejectedException.class);

        assertThat(gauge("storage.circuit.state")).isEqualTo(4.0);
        assertThat(count("storage.circuit.transitions", "to", "forced_open")).isEqualTo(1.0);
        // resilience4j publishes no event for these: the decorator counts them itself.
        assertThat(count("storage.calls.rejected", "reason", "circuit_open")).isEqualTo(2.0);
        assertThat(backend.rejectedCalls(CallRejectedException.Reason.CIRCUIT_OPEN)).isEqualTo(2);
        assertThat(flaky.calls(StorageOperation.HEAD) + flaky.calls(StorageOperation.PUT)).isZero();
    }

    @Test
    void bind_noRejectionYet_registersAZeroForEachReasonItCanHave() {
        bound(FAST);

        assertThat(registry.find("storage.calls.rejected").functionCounters()).hasSize(2);
        assertThat(count("storage.calls.rejected", "reason", "circuit_open")).isZero();
        assertThat(count("storage.calls.rejected", "reason", "bulkhead_full")).isZero();
    }

    @Test
    void bind_bulkheadFull_countsRejectionAndReportsNoFreeSlot() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        StorageBackend blocking = new FlakyBackend(store) {
            @Override
            public Optional<ObjectInfo> head(String key) {
                inside.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.head(key);
            }
        };
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(blocking, FAST.toBuilder().maxConcurrentCalls(1).build());
        StorageMetrics.bind(backend, registry);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<?> first = executor.submit(() -> backend.head("photo"));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(gauge("storage.bulkhead.available")).isZero();

            assertThatThrownBy(() -> backend.head("photo")).isInstanceOf(CallRejectedException.class);

            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        assertThat(count("storage.calls.rejected", "reason", "bulkhead_full")).isEqualTo(1.0);
        assertThat(gauge("storage.bulkhead.available")).isEqualTo(1.0);
    }

    @Test
    void bind_rateLimiterWithoutPermits_countsEachRateLimitedRejection() {
        ResilientStorageBackend backend = bound(FAST.toBuilder().rateLimitPerSecond(1).build());
        RateLimiter limiter = backend.rateLimiter().orElseThrow();
        limiter.changeTimeoutDuration(Duration.ZERO);
        assertThat(count("storage.calls.rejected", "reason", "rate_limited")).isZero();
        int rejected = 0;
        // A call may fall into the next one-second period and get its permit; a few calls make a rejection certain.
        for (int i = 0; i < 3; i++) {
            limiter.drainPermissions();
            try {
                backend.head("photo");
            } catch (CallRejectedException e) {
                assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                rejected++;
            }
        }

        assertThat(rejected).isPositive();
        assertThat(count("storage.calls.rejected", "reason", "rate_limited")).isEqualTo(rejected);
    }

    @Test
    void timed_putAndMissingGet_recordSuccessAndNotFound() {
        StorageBackend backend = StorageMetrics.timed(store, registry);

        backend.put("photo", "hello");
        assertThatThrownBy(() -> backend.get("missing")).isInstanceOf(ObjectNotFoundException.class);

        assertThat(requests("put", "success").count()).isEqualTo(1);
        assertThat(requests("get", "not_found").count()).isEqualTo(1);
        assertThat(registry.find("storage.requests").timers()).hasSize(2);
    }

    @Test
    void timed_get_recordsTheCallOnceTheObjectIsOpened() throws Exception {
        store.put("photo", "hello");
        StorageBackend backend = StorageMetrics.timed(store, registry);

        try (StorageObject object = backend.get("photo")) {
            assertThat(requests("get", "success").count()).isEqualTo(1);
            assertThat(object.stream().readAllBytes()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void timed_overAnOpenCircuit_recordsRejected() {
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(store, FAST);
        resilient.circuitBreaker().transitionToForcedOpenState();
        StorageBackend backend = StorageMetrics.timed(resilient, registry);

        assertThatThrownBy(() -> backend.delete("photo")).isInstanceOf(CallRejectedException.class);

        assertThat(requests("delete", "rejected").count()).isEqualTo(1);
    }

    @Test
    void timed_byteBodyOverResilient_isSentAgainWhole() {
        // With no replay buffer, only a put given as bytes can be sent again: the decorator must pass bytes on as bytes.
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(flaky, FAST.toBuilder().replayBufferBytes(0).build());
        StorageBackend backend = StorageMetrics.timed(resilient, registry);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        backend.put("photo", "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(store.getString("photo")).isEqualTo("hello");
        assertThat(requests("put", "success").count()).isEqualTo(1);
    }

    @Test
    void timed_nameCapabilitiesAndClose_areTheWrappedBackends() {
        StorageBackend backend = StorageMetrics.timed(store, registry);
        assertThat(backend.name()).isEqualTo(store.name());
        assertThat(backend.capabilities()).isEqualTo(store.capabilities());

        backend.close();

        assertThatThrownBy(() -> store.head("photo")).isInstanceOf(IllegalStateException.class);
        assertThat(registry.find("storage.requests").timers()).isEmpty();
    }

    @Test
    void outcome_ofEachFailure_namesItsKind() {
        String name = store.name();
        StorageOperation get = StorageOperation.GET;
        assertThat(MeteredStorageBackend.outcome(new ObjectNotFoundException(name, get, "k", "x", null)))
                .isEqualTo("not_found");
        assertThat(MeteredStorageBackend.outcome(new PreconditionFailedException(name, get, "k", "x", null)))
                .isEqualTo("precondition_failed");
        assertThat(MeteredStorageBackend.outcome(new InvalidKeyException(name, get, "", Keys.Rule.EMPTY)))
                .isEqualTo("invalid");
        assertThat(MeteredStorageBackend.outcome(new AccessDeniedException(name, get, "k", "x", null)))
                .isEqualTo("access_denied");
        assertThat(MeteredStorageBackend.outcome(new CallRejectedException(name, get, "k", Reason.BULKHEAD_FULL, "x", null)))
                .isEqualTo("rejected");
        assertThat(MeteredStorageBackend.outcome(new StorageUnavailableException(name, get, "k", "x", null)))
                .isEqualTo("unavailable");
        assertThat(MeteredStorageBackend.outcome(new StorageException(name, get, "k", "x", null))).isEqualTo("error");
        assertThat(MeteredStorageBackend.outcome(new IllegalStateException("closed"))).isEqualTo("error");
    }

    @Test
    void meters_ofEveryOperation_carryTheBackendNameAndNoKey() {
        String key = "people/alice-4711/selfie.jpg";
        ResilientStorageBackend resilient = bound(FAST.toBuilder().rateLimitPerSecond(1000).build());
        StorageBackend backend = StorageMetrics.timed(resilient, registry);
        flaky.failNext(StorageOperation.GET, 1, When.BEFORE);
        backend.put(key, "hello");
        backend.getBytes(key);
        backend.head(key);
        backend.copy(key, key + ".copy");
        assertThat(backend.list("people/")).hasSize(2);
        backend.deleteAll(List.of(key + ".copy"));
        backend.delete(key);
        assertThatThrownBy(() -> backend.get(key)).isInstanceOf(ObjectNotFoundException.class);

        List<Meter> meters = registry.getMeters();
        assertThat(meters).hasSizeGreaterThan(10);
        assertThat(meters).allSatisfy(meter -> {
            assertThat(meter.getId().getTag("backend")).isEqualTo(store.name());
            assertThat(meter.getId().getTags()).extracting(Tag::getValue)
                    .noneMatch(value -> value.contains("alice") || value.contains("selfie"));
        });
    }

    @Test
    void bindAndTimed_nullArgument_throwNamingIt() {
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(store, FAST);
        assertThatThrownBy(() -> StorageMetrics.bind(null, registry)).hasMessage("backend is null");
        assertThatThrownBy(() -> StorageMetrics.bind(backend, null)).hasMessage("registry is null");
        assertThatThrownBy(() -> StorageMetrics.timed(null, registry)).hasMessage("backend is null");
        assertThatThrownBy(() -> StorageMetrics.timed(store, null)).hasMessage("registry is null");
    }
}
