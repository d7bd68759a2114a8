package studio.sselfie.storage.resilience;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * Settings of a {@link ResilientStorageBackend}: retry, circuit breaker, bulkhead and an optional rate limiter.
 * Immutable; the builder checks each value when it is set and names the setting it rejects.
 *
 * <p>Defaults, chosen for a backend reached over the network:
 * <ul>
 *   <li>retry: {@value #DEFAULT_MAX_ATTEMPTS} attempts in all, exponential backoff from 100 ms, multiplier 2,
 *       jitter 0.5 (each wait drawn from ±50% of the nominal one), waits capped at 5 s;</li>
 *   <li>circuit breaker: opens when at least 50% of the last 50 calls (counted once 20 were made) failed with a
 *       retryable error; stays open 30 s, then lets 5 trial calls through;</li>
 *   <li>bulkhead: at most 64 calls at once, a call waits up to 0 ms for a slot (fails at once when full);</li>
 *   <li>rate limiter: none;</li>
 *   <li>replay buffer: 8 MiB of a put's body is kept so that the put can be retried, and 64 MiB at most across all
 *       the decorator's puts in flight; see {@link ResilientStorageBackend} for what happens to larger bodies;</li>
 *   <li>read verification: on; a whole-object read is checked against the object's size and checksum.</li>
 * </ul>
 */
public final class ResilienceConfig {
    /** Default {@link #maxAttempts()}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** Default {@link #replayBufferBytes()}: 8 MiB. */
    public static final int DEFAULT_REPLAY_BUFFER_BYTES = 8 * 1024 * 1024;
    /** Default {@link #replayBudgetBytes()}: 64 MiB. */
    public static final long DEFAULT_REPLAY_BUDGET_BYTES = 64L * 1024 * 1024;

    private static final ResilienceConfig DEFAULTS = builder().build();

    private final String name;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double backoffMultiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final float failureRateThreshold;
    private final int slidingWindowSize;
    private final int minimumNumberOfCalls;
    private final Duration openStateDuration;
    private final int halfOpenCalls;
    private final int maxConcurrentCalls;
    private final Duration maxBulkheadWait;
    private final int rateLimitPerSecond;
    private final int replayBufferBytes;
    private final long replayBudgetBytes;
    private final boolean verifyReads;

    private ResilienceConfig(Builder builder) {
        this.name = builder.name;
        this.maxAttempts = builder.maxAttempts;
        this.initialBackoff = builder.initialBackoff;
        this.backoffMultiplier = builder.backoffMultiplier;
        this.jitter = builder.jitter;
        this.maxBackoff = builder.maxBackoff;
        this.failureRateThreshold = builder.failureRateThreshold;
        this.slidingWindowSize = builder.slidingWindowSize;
        this.minimumNumberOfCalls = builder.minimumNumberOfCalls;
        this.openStateDuration = builder.openStateDuration;
        this.halfOpenCalls = builder.halfOpenCalls;
        this.maxConcurrentCalls = builder.maxConcurrentCalls;
        this.maxBulkheadWait = builder.maxBulkheadWait;
        this.rateLimitPerSecond = builder.rateLimitPerSecond;
        this.replayBufferBytes = builder.replayBufferBytes;
        this.replayBudgetBytes = builder.replayBudgetBytes;
        this.verifyReads = builder.verifyReads;
    }

    /** The defaults listed in the class comment. */
    public static ResilienceConfig defaults() {
        return DEFAULTS;
    }

    /** A builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.maxAttempts = maxAttempts;
        builder.initialBackoff = initialBackoff;
        builder.backoffMultiplier = backoffMultiplier;
        builder.jitter = jitter;
        builder.maxBackoff = maxBackoff;
        builder.failureRateThreshold = failureRateThreshold;
        builder.slidingWindowSize = slidingWindowSize;
        builder.minimumNumberOfCalls = minimumNumberOfCalls;
        builder.openStateDuration = openStateDuration;
        builder.halfOpenCalls = halfOpenCalls;
        builder.maxConcurrentCalls = maxConcurrentCalls;
        builder.maxBulkheadWait = maxBulkheadWait;
        builder.rateLimitPerSecond = rateLimitPerSecond;
        builder.replayBufferBytes = replayBufferBytes;
        builder.replayBudgetBytes = replayBudgetBytes;
        builder.verifyReads = verifyReads;
        return builder;
    }

    /**
     * Name of the retry, circuit breaker, bulkhead and rate limiter instances (their events carry it). Default: empty,
     * meaning the wrapped backend's {@code name()}.
     */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** Attempts per call in all, the first included; 1 switches retries off. Default 3. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** Nominal wait before the first retry; at least 1 ms. Default 100 ms. */
    public Duration initialBackoff() {
        return initialBackoff;
    }

    /** Factor between one nominal wait and the next. Default 2. */
    public double backoffMultiplier() {
        return backoffMultiplier;
    }

    /** Randomization factor of each wait, in [0, 1): a wait is drawn from nominal ± nominal × jitter. Default 0.5. */
    public double jitter() {
        return jitter;
    }

    /** Upper bound of any wait; at least 1 ms. Default 5 s. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Failure rate, in percent, at or above which the circuit opens. Default 50. */
    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    /** Number of most recent calls the failure rate is computed over. Default 50. */
    public int slidingWindowSize() {
        return slidingWindowSize;
    }

    /** Calls needed in the window before the failure rate counts. Default 20. */
    public int minimumNumberOfCalls() {
        return minimumNumberOfCalls;
    }

    /** How long the circuit stays open before trial calls; at least 1 ms. Default 30 s. */
    public Duration openStateDuration() {
        return openStateDuration;
    }

    /** Trial calls let through while half open. Default 5. */
    public int halfOpenCalls() {
        return halfOpenCalls;
    }

    /** Calls allowed at once (bulkhead). Default 64. */
    public int maxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    /** How long a call waits for a bulkhead slot before it is rejected. Default 0 (rejected at once). */
    public Duration maxBulkheadWait() {
        return maxBulkheadWait;
    }

    /**
     * Calls per second the rate limiter allows; empty (the default) means no rate limiter. A call waits up to 5 s for
     * a permit, then fails with {@link CallRejectedException}.
     */
    public Optional<Integer> rateLimitPerSecond() {
        return rateLimitPerSecond == 0 ? Optional.empty() : Optional.of(rateLimitPerSecond);
    }

    /**
     * Bytes of a put's stream body kept in memory so that the put can be sent again; the buffer grows as the body is
     * read, and none is kept when {@link #maxAttempts()} is 1. Bodies given as bytes or a file need none. Default 8 MiB.
     */
    public int replayBufferBytes() {
        return replayBufferBytes;
    }

    /**
     * Bytes kept for replay across all the puts of the decorator in flight at once: the bound on the memory of its
     * replay buffers whatever the number of concurrent puts (64 calls x 8 MiB would otherwise be 512 MiB). A put that
     * finds the budget spent keeps no more bytes: it is still sent, but not sent again after a failure past the bytes
     * it kept (the failure is then reported, as for a body longer than {@link #replayBufferBytes()}). Default 64 MiB.
     */
    public long replayBudgetBytes() {
        return replayBudgetBytes;
    }

    /**
     * Whether whole-object reads are checked against what the store proves about the bytes: the object's SHA-256
     * (when the backend knows it), else its ETag when that is exactly 32 hex digits, taken as the MD5 of the bytes.
     * Default true. A read with neither (a multipart upload's {@code "...-N"} ETag, a 40-hex ETag) is returned
     * unverified and counted ({@link ResilientStorageBackend#unverifiedReads()}, metric
     * {@code storage.reads.unverified}), never failed. So is a read of an SSE-KMS or SSE-C object
     * ({@link studio.sselfie.storage.ObjectInfo#encryption()}, from the store's reply): S3 gives it a 32-hex ETag that
     * is not the MD5 of the bytes. The byte count is checked either way.
     */
    public boolean verifyReads() {
        return verifyReads;
    }

    @Override
    public String toString() {
        return "ResilienceConfig{name=" + name + ", maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", backoffMultiplier=" + backoffMultiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff
                + ", failureRateThreshold=" + failureRateThreshold + ", slidingWindowSize=" + slidingWindowSize
                + ", minimumNumberOfCalls=" + minimumNumberOfCalls + ", openStateDuration=" + openStateDuration
                + ", halfOpenCalls=" + halfOpenCalls + ", maxConcurrentCalls=" + maxConcurrentCalls
                + ", maxBulkheadWait=" + maxBulkheadWait + ", rateLimitPerSecond=" + rateLimitPerSecond
                + ", replayBufferBytes=" + replayBufferBytes + ", replayBudgetBytes=" + replayBudgetBytes + ", verifyReads=" + verifyReads + '}';
    }

    /** Builder of {@link ResilienceConfig}; each setter rejects a bad value at once with the setting's name. */
    public static final class Builder {
        private String name;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = Duration.ofMillis(100);
        private double backoffMultiplier = 2.0;
        private double jitter = 0.5;
        private Duration maxBackoff = Duration.ofSeconds(5);
        private float failureRateThreshold = 50f;
        private int slidingWindowSize = 50;
        private int minimumNumberOfCalls = 20;
        private Duration openStateDuration = Duration.ofSeconds(30);
        private int halfOpenCalls = 5;
        private int maxConcurrentCalls = 64;
        private Duration maxBulkheadWait = Duration.ZERO;
        private int rateLimitPerSecond;
        private int replayBufferBytes = DEFAULT_REPLAY_BUFFER_BYTES;
        private long replayBudgetBytes = DEFAULT_REPLAY_BUDGET_BYTES;
        private boolean verifyReads = true;

        private Builder() {
        }

        /** See {@link ResilienceConfig#name()}. @throws IllegalArgumentException if blank */
        public Builder name(String name) {
            requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            this.name = name;
            return this;
        }

        /** See {@link ResilienceConfig#maxAttempts()}. @throws IllegalArgumentException if below 1 */
        public Builder maxAttempts(int maxAttempts) {
            this.maxAttempts = atLeast("maxAttempts", maxAttempts, 1);
            return this;
        }

        /** See {@link ResilienceConfig#initialBackoff()}. @throws IllegalArgumentException if below 1 ms */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = positive("initialBackoff", initialBackoff);
            return this;
        }

        /** See {@link ResilienceConfig#backoffMultiplier()}. @throws IllegalArgumentException if below 1 */
        public Builder backoffMultiplier(double backoffMultiplier) {
            if (!(backoffMultiplier >= 1.0) || Double.isInfinite(backoffMultiplier)) {
                throw new IllegalArgumentException("backoffMultiplier must be >= 1, was " + backoffMultiplier);
            }
            this.backoffMultiplier = backoffMultiplier;
            return this;
        }

        /** See {@link ResilienceConfig#jitter()}. @throws IllegalArgumentException if outside [0, 1) */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0.0 && jitter < 1.0)) {
                throw new IllegalArgumentException("jitter must be >= 0 and < 1, was " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** See {@link ResilienceConfig#maxBackoff()}. @throws IllegalArgumentException if below 1 ms */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        /** See {@link ResilienceConfig#failureRateThreshold()}. @throws IllegalArgumentException if outside (0, 100] */
        public Builder failureRateThreshold(float percent) {
            if (!(percent > 0f && percent <= 100f)) {
                throw new IllegalArgumentException("failureRateThreshold must be > 0 and <= 100, was " + percent);
            }
            this.failureRateThreshold = percent;
            return this;
        }

        /** See {@link ResilienceConfig#slidingWindowSize()}. @throws IllegalArgumentException if below 1 */
        public Builder slidingWindowSize(int calls) {
            this.slidingWindowSize = atLeast("slidingWindowSize", calls, 1);
            return this;
        }

        /** See {@link ResilienceConfig#minimumNumberOfCalls()}. @throws IllegalArgumentException if below 1 */
        public Builder minimumNumberOfCalls(int calls) {
            this.minimumNumberOfCalls = atLeast("minimumNumberOfCalls", calls, 1);
            return this;
        }

        /** See {@link ResilienceConfig#openStateDuration()}. @throws IllegalArgumentException if below 1 ms */
        public Builder openStateDuration(Duration duration) {
            this.openStateDuration = positive("openStateDuration", duration);
            return this;
        }

        /** See {@link ResilienceConfig#halfOpenCalls()}. @throws IllegalArgumentException if below 1 */
        public Builder halfOpenCalls(int calls) {
            this.halfOpenCalls = atLeast("halfOpenCalls", calls, 1);
            return this;
        }

        /** See {@link ResilienceConfig#maxConcurrentCalls()}. @throws IllegalArgumentException if below 1 */
        public Builder maxConcurrentCalls(int calls) {
            this.maxConcurrentCalls = atLeast("maxConcurrentCalls", calls, 1);
            return this;
        }

        /** See {@link ResilienceConfig#maxBulkheadWait()}. @throws IllegalArgumentException if negative */
        public Builder maxBulkheadWait(Duration wait) {
            requireNonNull(wait, "maxBulkheadWait is null");
            if (wait.isNegative()) {
                throw new IllegalArgumentException("maxBulkheadWait must not be negative, was " + wait);
            }
            this.maxBulkheadWait = representable("maxBulkheadWait", wait);
            return this;
        }

        /** Adds a rate limiter of {@code callsPerSecond}. @throws IllegalArgumentException if below 1 */
        public Builder rateLimitPerSecond(int callsPerSecond) {
            this.rateLimitPerSecond = atLeast("rateLimitPerSecond", callsPerSecond, 1);
            return this;
        }

        /** Removes the rate limiter (the default). */
        public Builder noRateLimit() {
            this.rateLimitPerSecond = 0;
            return this;
        }

        /** See {@link ResilienceConfig#replayBufferBytes()}. @throws IllegalArgumentException if negative */
        public Builder replayBufferBytes(int bytes) {
            this.replayBufferBytes = atLeast("replayBufferBytes", bytes, 0);
            return this;
        }

        /** See {@link ResilienceConfig#replayBudgetBytes()}. @throws IllegalArgumentException if negative */
        public Builder replayBudgetBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("replayBudgetBytes must be greater than or equal to 0, but was " + bytes);
            }
            this.replayBudgetBytes = bytes;
            return this;
        }

        /** See {@link ResilienceConfig#verifyReads()}. */
        public Builder verifyReads(boolean verifyReads) {
            this.verifyReads = verifyReads;
            return this;
        }

        /**
         * Builds the configuration.
         *
         * @throws IllegalArgumentException when settings contradict each other (maxBackoff below initialBackoff,
         *                                  minimumNumberOfCalls above slidingWindowSize)
         */
        public ResilienceConfig build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must be >= initialBackoff ("
                        + initialBackoff + ")");
            }
            if (minimumNumberOfCalls > slidingWindowSize) {
                throw new IllegalArgumentException("minimumNumberOfCalls (" + minimumNumberOfCalls
                        + ") must be <= slidingWindowSize (" + slidingWindowSize + ")");
            }
            return new ResilienceConfig(this);
        }

        private static int atLeast(String setting, int value, int minimum) {
            if (value < minimum) {
                throw new IllegalArgumentException(setting + " must be >= " + minimum + ", was " + value);
            }
            return value;
        }

        /** At least 1 ms: resilience4j counts these in milliseconds and refuses 0 for some. */
        private static Duration positive(String setting, Duration value) {
            requireNonNull(value, setting + " is null");
            if (value.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException(setting + " must be positive, at least 1 ms, was " + value);
            }
            return representable(setting, value);
        }

        /** Within what resilience4j can count (nanoseconds in a long, about 292 years), so that wrap cannot fail. */
        private static Duration representable(String setting, Duration value) {
            try {
                value.toNanos();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(setting + " must be at most " + Duration.ofNanos(Long.MAX_VALUE)
                        + ", was " + value, e);
            }
            return value;
        }
    }
}
