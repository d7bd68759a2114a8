package studio.sselfie.storage.resilience;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.resilience.CallRejectedException.Reason;

/**
 * Micrometer metrics for storage backends: {@link #bind} counts what a {@link ResilientStorageBackend}'s retry,
 * circuit breaker, bulkhead and rate limiter do, and {@link #timed} times every call of any backend by operation and
 * outcome.
 *
 * <p>Micrometer is an optional dependency of this module: only an application that calls this class needs
 * {@code io.micrometer:micrometer-core} on its class path; no other class of the module uses it.
 *
 * <p>Every meter is tagged {@code backend} with the backend's {@link StorageBackend#name()} (such as
 * {@code s3://photos}), which never holds a secret. No meter is tagged with an object key: keys are unbounded (each
 * would make a new time series) and may be personal data. Two backends of the same name share their counters and
 * timers, and their gauges report the first one bound; give backends that must be told apart distinct names, or
 * distinct registries.
 *
 * <table class="striped">
 *   <caption>Meters</caption>
 *   <thead>
 *     <tr><th>Name</th><th>Type</th><th>Tags besides {@code backend}</th><th>Meaning</th></tr>
 *   </thead>
 *   <tbody>
 *     <tr><td>{@code storage.retries}</td><td>counter</td><td>{@code operation}</td>
 *         <td>Attempts sent again after a retryable failure ({@link #bind}).</td></tr>
 *     <tr><td>{@code storage.retry.exhausted}</td><td>counter</td><td>{@code operation}</td>
 *         <td>Calls that failed with a retryable error on their last attempt ({@link #bind}).</td></tr>
 *     <tr><td>{@code storage.calls.rejected}</td><td>function counter</td>
 *         <td>{@code reason}: {@code circuit_open}, {@code bulkhead_full}, {@code rate_limited} (this one only with
 *         a rate limit)</td>
 *         <td>Attempts the decorator did not make, one per {@link CallRejectedException}, the breaker forced open
 *         included ({@link #bind}; {@link ResilientStorageBackend#rejectedCalls}).</td></tr>
 *     <tr><td>{@code storage.reads.unverified}</td><td>function counter</td><td>none</td>
 *         <td>Whole reads returned unverified with {@code verifyReads} on: no SHA-256 and no plain MD5 ETag (a
 *         multipart ETag, say) to check the bytes against ({@link #bind};
 *         {@link ResilientStorageBackend#unverifiedReads}).</td></tr>
 *     <tr><td>{@code storage.circuit.state}</td><td>gauge</td><td>none</td>
 *         <td>The circuit breaker's state: 0 closed, 1 open, 2 half open, 3 disabled, 4 forced open, 5 metrics only
 *         ({@link #bind}).</td></tr>
 *     <tr><td>{@code storage.circuit.transitions}</td><td>counter</td>
 *         <td>{@code to}: {@code closed}, {@code open}, {@code half_open}, {@code disabled}, {@code forced_open},
 *         {@code metrics_only}</td>
 *         <td>State changes of the circuit breaker, by the state entered ({@link #bind}).</td></tr>
 *     <tr><td>{@code storage.bulkhead.available}</td><td>gauge</td><td>none</td>
 *         <td>Free bulkhead slots: calls that may start now ({@link #bind}).</td></tr>
 *     <tr><td>{@code storage.requests}</td><td>timer</td>
 *         <td>{@code operation}: {@code put}, {@code get}, {@code head}, {@code delete}, {@code deleteAll},
 *         {@code list}, {@code copy};<br>{@code outcome}: {@code success}, {@code not_found},
 *         {@code precondition_failed}, {@code invalid}, {@code access_denied}, {@code rejected},
 *         {@code unavailable}, {@code error}</td>
 *         <td>Calls and their duration ({@link #timed}).</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>The {@code operation} of the retry counters is the one the failure names ({@link StorageException#operation()}):
 * resilience4j's retry events do not know the call they belong to.
 */
public final class StorageMetrics {
    private StorageMetrics() {
    }

    /**
     * Counts the retries, exhausted retries, rejections and circuit breaker transitions of {@code backend} and reports
     * its circuit breaker's state and free bulkhead slots, in {@code registry} (see the table above). Bind a backend
     * once: each bind adds listeners to its resilience4j event publishers, which cannot be removed, so a second bind
     * would count retries and transitions twice. The gauges and rejection counters do not keep the backend from being
     * collected; once it is, they read {@code NaN}.
     *
     * @param backend  the decorator whose resilience4j instances are observed
     * @param registry where the meters are registered
     * @throws NullPointerException if an argument is null
     */
    public static void bind(ResilientStorageBackend backend, MeterRegistry registry) {
        requireNonNull(backend, "backend is null");
        requireNonNull(registry, "registry is null");
        Tags tags = Tags.of("backend", backend.name());

        backend.retry().getEventPublisher()
                .onRetry(event -> counter(registry, "storage.retries", "Attempts sent again after a retryable failure",
                        tags.and("operation", operationOf(event.getLastThrowable()))).increment())
                .onError(event -> counter(registry, "storage.retry.exhausted",
                        "Calls that failed with a retryable error on their last attempt",
                        tags.and("operation", operationOf(event.getLastThrowable()))).increment());

        // Read from the decorator's own counts, which see every rejection (a breaker forced open publishes no event);
        // registered up front so that an alert on rejections sees a zero, not a missing series.
        for (Reason reason : Reason.values()) {
            if (reason == Reason.RATE_LIMITED && backend.rateLimiter().isEmpty()) {
                continue;
            }
            FunctionCounter.builder("storage.calls.rejected", backend, rejecting -> rejecting.rejectedCalls(reason))
                    .description("Attempts the resilience decorator did not make")
                    .tags(tags.and("reason", reason.name().toLowerCase(Locale.ROOT)))
                    .register(registry);
        }
        FunctionCounter.builder("storage.reads.unverified", backend, ResilientStorageBackend::unverifiedReads)
                .description("Whole reads returned unverified: the store gave no SHA-256 and no plain MD5 ETag")
                .tags(tags)
                .register(registry);
        backend.circuitBreaker().getEventPublisher()
                .onStateTransition(event -> counter(registry, "storage.circuit.transitions",
                        "State changes of the circuit breaker, by the state entered",
                        tags.and("to", event.getStateTransition().getToState().name().toLowerCase(Locale.ROOT)))
                        .increment());

        Gauge.builder("storage.circuit.state", backend.circuitBreaker(), breaker -> stateValue(breaker.getState()))
                .description("Circuit breaker state: 0 closed, 1 open, 2 half open, 3 disabled, 4 forced open, "
                        + "5 metrics only")
                .tags(tags)
                .register(registry);
        Gauge.builder("storage.bulkhead.available", backend.bulkhead(),
                        bulkhead -> bulkhead.getMetrics().getAvailableConcurrentCalls())
                .description("Free bulkhead slots")
                .tags(tags)
                .register(registry);
    }

    /**
     * A backend that passes every call to {@code backend} and records it in the {@code storage.requests} timer of
     * {@code registry}, tagged with its operation and outcome (see the table above). A {@code get} is timed until the
     * object is opened, not while its stream is read; {@code list} and {@code listPages} record one {@code list} per
     * page; a {@code deleteAll} whose keys failed one by one still records {@code success} (its result reports them).
     * The outcome comes from the exception's type: {@code rejected} for a {@link CallRejectedException},
     * {@code unavailable} for another {@link studio.sselfie.storage.StorageUnavailableException}, and {@code error}
     * for anything not a typed storage answer (a closed backend, a null argument).
     *
     * <p>Where it goes decides what it measures: {@code timed(ResilientStorageBackend.wrap(backend, config))} times
     * what the application sees, retries, backoff waits and rejections included; {@code
     * ResilientStorageBackend.wrap(timed(backend), config)} times each attempt that reaches the store (rejected
     * attempts never do). {@link StorageBackend#name()}, {@link StorageBackend#capabilities()} and
     * {@link StorageBackend#close()} are passed through, untimed.
     *
     * @param backend  the backend to time; closing the returned backend closes it
     * @param registry where the timer is registered
     * @return the timing backend, of the same name and capabilities
     * @throws NullPointerException if an argument is null
     */
    public static StorageBackend timed(StorageBackend backend, MeterRegistry registry) {
        return new MeteredStorageBackend(requireNonNull(backend, "backend is null"),
                requireNonNull(registry, "registry is null"));
    }

    private static Counter counter(MeterRegistry registry, String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** The operation a failure names; a key would be unbounded, an operation is one of a few. */
    private static String operationOf(Throwable failure) {
        return failure instanceof StorageException e ? e.operation().label() : "unknown";
    }

    /**
     * Spelled out rather than {@code State.getOrder()} so that the documented numbers cannot move; a state added by a
     * later resilience4j reads -1 instead of failing the gauge.
     */
    static int stateValue(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            case DISABLED -> 3;
            case FORCED_OPEN -> 4;
            case METRICS_ONLY -> 5;
            default -> -1;
        };
    }
}
