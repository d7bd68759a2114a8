package studio.sselfie.storage.resilience;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.Presigner;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.resilience.CallRejectedException.Reason;

/**
 * Wraps any {@link StorageBackend} with resilience4j: retry with exponential backoff and jitter, a circuit breaker, a
 * bulkhead and an optional rate limiter, configured by a {@link ResilienceConfig}. It is the one retry layer: give it a
 * backend whose client does not retry itself ({@code clientRetries=false} in an {@code s3://} or {@code minio://}
 * URI, {@code sdkRetries(1)} in {@code S3StorageConfig}); the Guice {@code StorageModule} does that for you.
 *
 * <p><b>What is retried.</b> Only failures whose {@link StorageException#isRetryable()} is true (the store could not
 * be reached, a 5xx, a timeout, a reset connection), never a typed answer (not found, precondition failed, bad key,
 * access denied) and never a {@link CallRejectedException} (the breaker, bulkhead or rate limiter said no: retrying
 * would only add load). Per operation:
 * <ul>
 *   <li>{@code get}, {@code head}, {@code listPage}, {@code delete}, {@code deleteAll}, {@code copy}: idempotent, so
 *       simply sent again.</li>
 *   <li>{@code deleteAll}: keys that failed with a retryable per-key error are sent again, alone; deleted keys are
 *       reported once each, in the order given.</li>
 *   <li>{@code put} without precondition: sent again with the same body. A body given as bytes or a file is read
 *       afresh; a stream is replayed from the first {@link ResilienceConfig#replayBufferBytes()} bytes it yielded,
 *       kept in memory (none when {@code maxAttempts} is 1). A stream longer than that cannot be sent again: the put
 *       then fails at once with a non-retryable {@link StorageException} that says so and keeps the store's failure
 *       as its cause.</li>
 *   <li>{@code put} with {@code ifNoneMatchAny} or {@code ifMatch}: a failure may have come after the store applied the
 *       write (a timeout after the request was sent). Resending blindly would then fail its own precondition, so the
 *       put is settled first, by a head: if the precondition still holds (no object; or the ETag {@code ifMatch}
 *       names), the put is sent again; else, if the object is this put's (same size, SHA-256 or MD5 ETag, or else the
 *       bytes read back, and the same user metadata), the put succeeded; otherwise it fails with a
 *       {@link studio.sselfie.storage.PreconditionFailedException} whose cause is the ambiguous failure. If the
 *       object cannot be read back, the put fails with a {@link studio.sselfie.storage.StorageUnavailableException}
 *       saying its outcome is unknown, caused by the put's failure, the read's failure suppressed.</li>
 *   <li>Read streams: when the body breaks off, the read resumes at the byte it got to (a ranged
 *       read of the same ETag), up to {@code maxAttempts - 1} times per stream; at its end the byte count is checked
 *       against the size and, with {@link ResilienceConfig#verifyReads()}, the bytes against the object's SHA-256 or
 *       MD5 ETag (32 hex digits exactly: a multipart {@code -N} ETag proves nothing); a mismatch throws
 *       {@link CorruptReadException} instead of the end of stream, and again on every later read. A whole read with no
 *       such proof is returned unverified and counted ({@link #unverifiedReads()}). Ranged reads are resumed the same way and checked for their length.</li>
 * </ul>
 *
 * <p><b>Observability.</b> {@link #retry()}, {@link #circuitBreaker()}, {@link #bulkhead()} and {@link #rateLimiter()}
 * expose the resilience4j instances, whose event publishers report retries, state changes and rejections; each retry
 * is also logged at DEBUG with operation, key and cause (never a credential: the backends keep them out of messages).
 *
 * <p>Thread-safe. {@link #name()} and {@link #capabilities()} are the wrapped backend's, so that its typed exceptions
 * and the wrapper agree on the backend's name.
 */
public final class ResilientStorageBackend implements StorageBackend {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientStorageBackend.class);
    /** How long a call waits for a rate limiter permit before it is rejected. */
    static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(5);

    private final StorageBackend delegate;
    private final ResilienceConfig config;
    private final ReplayBudget replayBudget;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final Map<Reason, LongAdder> rejections = new EnumMap<>(Reason.class);
    private final LongAdder unverifiedReads = new LongAdder();

    private ResilientStorageBackend(StorageBackend delegate, ResilienceConfig config) {
        this.delegate = delegate;
        this.config = config;
        this.replayBudget = new ReplayBudget(config.replayBudgetBytes());
        String name = config.name().orElse(delegate.name());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalFunction(backoff(config))
                .retryOnException(ResilientStorageBackend::isRetryable)
                .build());
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .failureRateThreshold(config.failureRateThreshold())
                .slidingWindowSize(config.slidingWindowSize())
                .minimumNumberOfCalls(config.minimumNumberOfCalls())
                .waitDurationInOpenState(config.openStateDuration())
                .permittedNumberOfCallsInHalfOpenState(config.halfOpenCalls())
                .recordException(ResilientStorageBackend::isRetryable)
                .build());
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(config.maxConcurrentCalls())
                .maxWaitDuration(config.maxBulkheadWait())
                .build());
        this.rateLimiter = config.rateLimitPerSecond()
                .map(perSecond -> RateLimiter.of(name, RateLimiterConfig.custom()
                        .limitForPeriod(perSecond)
                        .limitRefreshPeriod(Duration.ofSeconds(1))
                        .timeoutDuration(RATE_LIMIT_WAIT)
                        .build()))
                .orElse(null);
        for (Reason reason : Reason.values()) {
            rejections.put(reason, new LongAdder());
        }
        retry.getEventPublisher().onRetry(event -> LOG.debug("[{}] retry {} of {} in {} ms after: {}", delegate.name(),
                event.getNumberOfRetryAttempts(), config.maxAttempts() - 1, event.getWaitInterval().toMillis(),
                String.valueOf(event.getLastThrowable())));
        circuitBreaker.getEventPublisher().onStateTransition(event -> LOG.warn("[{}] circuit breaker {}",
                delegate.name(), event.getStateTransition()));
    }

    /**
     * Wraps {@code delegate}. Closing the wrapper closes the delegate.
     *
     * @throws NullPointerException if an argument is null
     */
    public static ResilientStorageBackend wrap(StorageBackend delegate, ResilienceConfig config) {
        return new ResilientStorageBackend(requireNonNull(delegate, "delegate is null"), requireNonNull(config, "config is null"));
    }

    private static IntervalFunction backoff(ResilienceConfig config) {
        if (config.jitter() == 0.0) {
            return IntervalFunction.ofExponentialBackoff(config.initialBackoff(), config.backoffMultiplier(),
                    config.maxBackoff());
        }
        return IntervalFunction.ofExponentialRandomBackoff(config.initialBackoff(), config.backoffMultiplier(),
                config.jitter(), config.maxBackoff());
    }

    /** Whether a put with {@code options} is settled after an ambiguous failure, which needs its body's digests. */
    private static boolean isConditional(PutOptions options) {
        return options != null && options.hasPrecondition();
    }

    /** Whether the decorator sends a call that failed with {@code failure} again. */
    static boolean isRetryable(Throwable failure) {
        return failure instanceof StorageException e && e.isRetryable() && !(failure instanceof CallRejectedException);
    }

    /** The wrapped backend. */
    public StorageBackend delegate() {
        return delegate;
    }

    /** The configuration this wrapper was made with. */
    public ResilienceConfig config() {
        return config;
    }

    /** The retry; its event publisher reports each retry, success after retries and exhausted retries. */
    public Retry retry() {
        return retry;
    }

    /** The circuit breaker; its event publisher reports state changes and rejected calls. */
    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** The bulkhead; its event publisher reports rejected calls. */
    public Bulkhead bulkhead() {
        return bulkhead;
    }

    /** The rate limiter, when {@link ResilienceConfig#rateLimitPerSecond()} is set. */
    public Optional<RateLimiter> rateLimiter() {
        return Optional.ofNullable(rateLimiter);
    }

    /**
     * How many attempts were rejected for {@code reason} so far: one per {@link CallRejectedException} thrown, none of
     * them sent to the store. Counted here rather than from resilience4j's events, which a circuit breaker forced open
     * does not publish.
     */
    public long rejectedCalls(Reason reason) {
        return rejections.get(requireNonNull(reason, "reason is null")).sum();
    }

    /**
     * How many whole-object reads were returned unverified so far although {@link ResilienceConfig#verifyReads()} is
     * on: the object had no SHA-256 and its ETag is not a plain MD5 (a multipart upload's {@code "...-N"}, or the
     * ETag of a store that does not use MD5), so nothing the store gave proves the bytes. Counted when the read is
     * opened. Ranged reads, never verified, and reads with {@code verifyReads} off are not counted.
     */
    public long unverifiedReads() {
        return unverifiedReads.sum();
    }

    private CallRejectedException rejected(StorageOperation operation, String key, Reason reason, String detail) {
        rejections.get(reason).increment();
        return new CallRejectedException(delegate.name(), operation, key, reason, detail, null);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    /** The wrapped backend's: signing sends no request, so nothing here applies to it. */
    @Override
    public Presigner presigner() {
        return delegate.presigner();
    }

    @Override
    public ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
        if (body == null) {
            return call(StorageOperation.PUT, key, () -> delegate.put(key, null, length, options));
        }
        // With retries off nothing is ever sent again: keep no bytes.
        int keep = config.maxAttempts() > 1 ? config.replayBufferBytes() : 0;
        try (ReplayableBody replayable = new ReplayableBody(body, length, keep, isConditional(options), replayBudget)) {
            return PutAttempts.replaying(this, key, length, options, replayable).run();
        }
    }

    @Override
    public ObjectInfo put(String key, byte[] bytes, PutOptions options) {
        requireNonNull(bytes, "bytes is null");
        return PutAttempts.reopening(this, key, bytes.length, options,
                () -> new ReplayableBody(new ByteArrayInputStream(bytes), bytes.length, 0, isConditional(options))).run();
    }

    @Override
    public ObjectInfo put(String key, Path file, PutOptions options) {
        requireNonNull(file, "file is null");
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading file " + file + " failed", e);
        }
        // Each attempt opens the file afresh: a file body of any size can be sent again.
        OpenFiles files = new OpenFiles(file);
        try (files) {
            return PutAttempts.reopening(this, key, size, options,
                    () -> new ReplayableBody(files.open(), size, 0, isConditional(options))).run();
        }
    }

    @Override
    public StorageObject get(String key, GetOptions options) {
        StorageObject object = call(StorageOperation.GET, key, () -> delegate.get(key, options));
        if (object.contentLength() == 0) {
            return object;
        }
        try {
            Optional<ByteRange> range = object.range();
            long first = range.map(r -> r.firstByte(object.info().size())).orElse(0L);
            long last = first + object.contentLength() - 1;
            VerifiedStream stream = new VerifiedStream(object,
                    offset -> call(StorageOperation.GET, key,
                            () -> delegate.get(key, resumed(options, ByteRange.of(first + offset, last)))),
                    config.maxAttempts() - 1, config.verifyReads() && range.isEmpty());
            if (config.verifyReads() && range.isEmpty() && !stream.verifies()) {
                unverifiedReads.increment();
                LOG.debug("read of '{}' is not verified: no SHA-256, and its ETag {} is not a plain MD5", key,
                        object.info().etag());
            }
            return new StorageObject(object.info(), stream, object.contentLength(), range.orElse(null));
        } catch (RuntimeException e) {
            try {
                object.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    // A resumed read asks for the rest of the bytes with the same SSE-C key: the store refuses it otherwise.
    private static GetOptions resumed(GetOptions options, ByteRange rest) {
        GetOptions range = GetOptions.range(rest);
        return options.customerKey().map(range::customerKey).orElse(range);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return call(StorageOperation.HEAD, key, () -> delegate.head(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key, GetOptions options) {
        return call(StorageOperation.HEAD, key, () -> delegate.head(key, options));
    }

    @Override
    public void delete(String key) {
        call(StorageOperation.DELETE, key, () -> {
            delegate.delete(key);
            return null;
        });
    }

    /**
     * Deletes the keys; keys the delegate reports as failed with a retryable error (a batch's per-key errors, or
     * the whole batch) are sent again, alone, until they are deleted, fail for good, or the attempts are used up;
     * then the result reports them as failed. Deleted keys are reported once each, in the order given.
     */
    @Override
    public DeleteResult deleteAll(Collection<String> keys) {
        requireNonNull(keys, "keys is null");
        return new BatchDelete(this, keys).run();
    }

    @Override
    public ListPage listPage(ListOptions options) {
        return call(StorageOperation.LIST, null, () -> delegate.listPage(options));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        return call(StorageOperation.COPY, targetKey, () -> delegate.copy(sourceKey, targetKey, options));
    }

    /** Closes the wrapped backend; not retried. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "ResilientStorageBackend{" + delegate.name() + ", " + config + '}';
    }

    /** One call with retries: each attempt goes through the circuit breaker, rate limiter and bulkhead. */
    <T> T call(StorageOperation operation, String key, Supplier<T> action) {
        Retry.Context<T> context = retry.context();
        while (true) {
            try {
                T result = guard(operation, key, action);
                context.onComplete();
                return result;
            } catch (RuntimeException e) {
                // Sleeps for the backoff, or rethrows e when it is not retryable or the attempts are used up.
                context.onRuntimeError(e);
            }
        }
    }

    /** One attempt through the circuit breaker, rate limiter and bulkhead; rejections never reach the delegate. */
    <T> T guard(StorageOperation operation, String key, Supplier<T> action) {
        if (!circuitBreaker.tryAcquirePermission()) {
            throw rejected(operation, key, Reason.CIRCUIT_OPEN,
                    "circuit breaker '" + circuitBreaker.getName() + "' is " + circuitBreaker.getState());
        }
        long start = System.nanoTime();
        try {
            if (rateLimiter != null && !rateLimiter.acquirePermission()) {
                throw rejected(operation, key, Reason.RATE_LIMITED, "no permit of "
                        + rateLimiter.getRateLimiterConfig().getLimitForPeriod() + " calls/s within "
                        + RATE_LIMIT_WAIT.toSeconds() + " s");
            }
            if (!bulkhead.tryAcquirePermission()) {
                throw rejected(operation, key, Reason.BULKHEAD_FULL,
                        config.maxConcurrentCalls() + " calls already running");
            }
            T result;
            try {
                result = action.get();
            } finally {
                bulkhead.onComplete();
            }
            circuitBreaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return result;
        } catch (CallRejectedException e) {
            circuitBreaker.releasePermission();
            throw e;
        } catch (Throwable e) {
            // Every throwable, checked ones thrown sneakily included, gives the permit back: a half-open breaker
            // waits for the outcome of each trial call and would otherwise reject every call from then on.
            circuitBreaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            throw e;
        }
    }
}
