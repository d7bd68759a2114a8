package studio.sselfie.storage.testkit.faults;

import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.testkit.faults.FaultInjector.Decision;

/**
 * Decorates any {@link StorageBackend} with seeded, reproducible faults, to test what sits above it (a retry layer, a
 * migration) against the failures of a real network: see {@link Fault}. Thread-safe.
 *
 * <p><b>One call, one decision.</b> Every call of {@code put(key, body, length, options)}, {@code get(key, options)},
 * {@code head}, {@code delete}, {@code deleteAll}, {@code listPage} and {@code copy} draws from one
 * {@link java.util.Random} seeded with {@link Builder#seed(long)}, under a lock, in call order: whether to inject
 * (probability {@link Builder#rate(double)}), then which of the configured faults that apply to the operation
 * (a call that can get none, or comes while injection is off, draws nothing). The same seed and the same
 * single-threaded sequence of calls give the same faults, listed by {@link #log()}. {@code deleteAll}
 * and {@code copy} go straight to the delegate's own method, so its batch delete or server-side copy is kept and the
 * call gets one decision; the convenience methods ({@code put(key, bytes)}, {@code getBytes}, {@code exists},
 * {@code list}...) are the interface's defaults, so each request they make goes through one of the methods above (a
 * listing of three pages gets three decisions).
 *
 * <p><b>Bad arguments.</b> Faults are decided without looking at the arguments: a call with a bad key may get
 * {@link Fault#FAIL_BEFORE} (a retryable {@link StorageUnavailableException}) instead of the delegate's
 * {@link studio.sselfie.storage.InvalidKeyException}; repeating the call, as a retry layer does, then surfaces the
 * typed exception. Where the delegate runs first ({@link Fault#FAIL_AFTER}, the read faults) its exception wins and
 * no fault is recorded. After {@link #close()} no fault is injected, so every call fails with the delegate's
 * {@link IllegalStateException}.
 *
 * <p><b>Bookkeeping.</b> {@link #stats()} and {@link #log()} report exactly what was injected: a fault is recorded when
 * it is thrown or, for latency, before the delay; a read fault when the altered stream is handed out (even if the
 * caller never reads as far). A read fault decided for an empty body is not injected and not recorded. Exceptions say
 * {@code "injected fault FAIL_BEFORE (seed S, call N)"}, N being {@link InjectedFault#call()}.
 *
 * <p>{@link #name()}, {@link #capabilities()} and {@link #supports} are the delegate's: the typed exceptions that
 * pass through name the delegate, and the conformance kit asserts that an exception names {@code backend.name()}, so
 * a decorator with a name of its own would fail it (the resilience decorator passes the name through for the same
 * reason). Injected exceptions say {@code "injected fault"}; {@link #toString()} says {@code "faulty(<name>)"}.
 * {@link #close()} closes the delegate and is never faulted.
 */
public final class FaultInjectingBackend implements StorageBackend {
    private static final Set<StorageOperation> DECORATED = EnumSet.complementOf(EnumSet.of(StorageOperation.OPEN));

    private final StorageBackend delegate;
    private final FaultInjector injector;
    private final Duration latency;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultInjectingBackend(Builder builder) {
        this.delegate = builder.delegate;
        this.injector = new FaultInjector(builder.seed, builder.rate, builder.faults, builder.operations);
        this.latency = builder.latency;
    }

    /**
     * A builder decorating {@code delegate}; see {@link Builder} for the defaults.
     *
     * @throws NullPointerException if delegate is {@code null}
     */
    public static Builder builder(StorageBackend delegate) {
        return new Builder(delegate);
    }

    /**
     * Decorates {@code delegate} with every fault, in every operation, at {@code rate}, with a latency of 1 ms.
     *
     * @throws NullPointerException     if delegate is {@code null}
     * @throws IllegalArgumentException if rate is not within 0..1
     */
    public static FaultInjectingBackend faulty(StorageBackend delegate, long seed, double rate) {
        return builder(delegate).seed(seed).rate(rate).build();
    }

    /** What was seen and injected so far: a consistent snapshot, agreeing with {@link #log()}. */
    public FaultStats stats() {
        return injector.stats();
    }

    /** Every fault injected so far, in the order injected. A copy: later faults do not change it. */
    public List<InjectedFault> log() {
        return injector.log();
    }

    /** The decorated backend. */
    public StorageBackend delegate() {
        return delegate;
    }

    /**
     * Switches injection on or off; on at first. While off, calls go straight to the delegate and draw nothing from the
     * random sequence (they are still counted in {@link FaultStats#calls()}), e.g. to check the store after a soak run.
     */
    public void enabled(boolean on) {
        injector.enabled(on);
    }

    /** Whether injection is on; see {@link #enabled(boolean)}. */
    public boolean enabled() {
        return injector.enabled();
    }

    /** The delegate's name (see the class comment for why not a name of its own). */
    @Override
    public String name() {
        return delegate.name();
    }

    /** The delegate's capabilities. */
    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    /** The wrapped backend's: signing sends no request, so nothing here applies to it. */
    @Override
    public Presigner presigner() {
        return delegate.presigner();
    }

    /** The delegate's answer. */
    @Override
    public boolean supports(Capability capability) {
        return delegate.supports(capability);
    }

    /**
     * Puts through the delegate, with a fault as decided. {@link Fault#FAIL_BEFORE} leaves the body unread;
     * {@link Fault#FAIL_AFTER} throws once the delegate has read the body and stored it.
     */
    @Override
    public ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
        Decision decision = decide(StorageOperation.PUT);
        before(decision, StorageOperation.PUT, key, "");
        ObjectInfo info = delegate.put(key, body, length, options);
        after(decision, StorageOperation.PUT, key, "");
        return info;
    }

    /**
     * Gets through the delegate, with a fault as decided. {@link Fault#FAIL_AFTER} opens the object and closes it
     * before throwing; the read faults alter the returned stream (see {@link Fault}), unless the body is empty.
     */
    @Override
    public StorageObject get(String key, GetOptions options) {
        Decision decision = decide(StorageOperation.GET);
        before(decision, StorageOperation.GET, key, "");
        StorageObject object = delegate.get(key, options);
        if (decision.is(Fault.FAIL_AFTER)) {
            StorageUnavailableException failure = failure(decision, StorageOperation.GET, key, "the object was opened");
            try {
                object.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
            throw failure;
        }
        if (decision.fault() == null || !decision.fault().isReadFault() || object.contentLength() == 0) {
            return object;
        }
        return ReadFaults.alter(injector, decision, key, object);
    }

    /** Heads through the delegate, with a fault as decided. */
    @Override
    public Optional<ObjectInfo> head(String key) {
        Decision decision = decide(StorageOperation.HEAD);
        before(decision, StorageOperation.HEAD, key, "");
        Optional<ObjectInfo> info = delegate.head(key);
        after(decision, StorageOperation.HEAD, key, "");
        return info;
    }

    /** Heads through the delegate with {@code options} (an SSE-C key), with a fault as decided. */
    @Override
    public Optional<ObjectInfo> head(String key, GetOptions options) {
        Decision decision = decide(StorageOperation.HEAD);
        before(decision, StorageOperation.HEAD, key, "");
        Optional<ObjectInfo> info = delegate.head(key, options);
        after(decision, StorageOperation.HEAD, key, "");
        return info;
    }

    /** Deletes through the delegate, with a fault as decided. */
    @Override
    public void delete(String key) {
        Decision decision = decide(StorageOperation.DELETE);
        before(decision, StorageOperation.DELETE, key, "");
        delegate.delete(key);
        after(decision, StorageOperation.DELETE, key, "");
    }

    /**
     * Calls the delegate's own {@code deleteAll} (keeping its batch delete), with one fault decision for the whole
     * call. {@link Fault#FAIL_AFTER} throws once every key was handled, whatever the per-key outcome.
     */
    @Override
    public DeleteResult deleteAll(Collection<String> keys) {
        Decision decision = decide(StorageOperation.DELETE_ALL);
        String context = keys == null ? "" : keys.size() + " keys";
        before(decision, StorageOperation.DELETE_ALL, null, context);
        DeleteResult result = delegate.deleteAll(keys);
        after(decision, StorageOperation.DELETE_ALL, null, context);
        return result;
    }

    /** Lists one page through the delegate, with a fault as decided. */
    @Override
    public ListPage listPage(ListOptions options) {
        Decision decision = decide(StorageOperation.LIST);
        String context = options == null ? "" : "prefix '" + options.prefix() + "'";
        before(decision, StorageOperation.LIST, null, context);
        ListPage page = delegate.listPage(options);
        after(decision, StorageOperation.LIST, null, context);
        return page;
    }

    /**
     * Calls the delegate's own {@code copy} (keeping its server-side copy), with one fault decision for the whole call;
     * faults name the target key.
     */
    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        Decision decision = decide(StorageOperation.COPY);
        String context = "from '" + sourceKey + "'";
        before(decision, StorageOperation.COPY, targetKey, context);
        ObjectInfo info = delegate.copy(sourceKey, targetKey, options);
        after(decision, StorageOperation.COPY, targetKey, context);
        return info;
    }

    /** Closes the delegate; never faulted. Later calls are not faulted either, so they fail as the delegate's do. */
    @Override
    public void close() {
        closed.set(true);
        delegate.close();
    }

    @Override
    public String toString() {
        return "faulty(" + delegate.name() + "){seed=" + injector.seed() + ", rate=" + injector.rate()
                + ", latency=" + latency + ", enabled=" + enabled() + '}';
    }

    private Decision decide(StorageOperation operation) {
        return injector.decide(operation, !closed.get());
    }

    private void before(Decision decision, StorageOperation operation, String key, String context) {
        if (decision.is(Fault.FAIL_BEFORE)) {
            throw failure(decision, operation, key, withContext("not sent", context));
        }
        if (decision.is(Fault.LATENCY)) {
            injector.record(decision, operation, key, withContext("delay " + latency, context));
            pause(decision, operation, key);
        }
    }

    private void after(Decision decision, StorageOperation operation, String key, String context) {
        if (decision.is(Fault.FAIL_AFTER)) {
            throw failure(decision, operation, key, withContext("the call took effect", context));
        }
    }

    /** Records the fault of {@code decision} and returns the exception that injects it. */
    private StorageUnavailableException failure(Decision decision, StorageOperation operation, String key,
            String detail) {
        injector.record(decision, operation, key, detail);
        return new StorageUnavailableException(name(), operation, key, "injected fault " + decision.fault() + " (seed "
                + injector.seed() + ", call " + decision.call() + "): " + detail, null);
    }

    private void pause(Decision decision, StorageOperation operation, String key) {
        long nanos;
        try {
            nanos = latency.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        if (nanos == 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(name(), operation, key, "interrupted during injected latency (seed "
                    + injector.seed() + ", call " + decision.call() + ")", e);
        }
    }

    private static String withContext(String detail, String context) {
        return context.isEmpty() ? detail : detail + "; " + context;
    }

    /**
     * Configures a {@link FaultInjectingBackend}. Defaults: seed 0, rate 0.1, every {@link Fault}, every operation the
     * decorator decorates (put, get, head, delete, deleteAll, list, copy), latency 1 ms. Each setter checks its
     * argument at once.
     */
    public static final class Builder {
        private final StorageBackend delegate;
        private long seed;
        private double rate = 0.1;
        private Set<Fault> faults = EnumSet.allOf(Fault.class);
        private Set<StorageOperation> operations = EnumSet.copyOf(DECORATED);
        private Duration latency = Duration.ofMillis(1);

        private Builder(StorageBackend delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate is null");
        }

        /** The seed of the random sequence every decision is drawn from. Default: 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The probability that a call gets a fault. Default: 0.1.
         *
         * @throws IllegalArgumentException if not within 0..1 (or NaN)
         */
        public Builder rate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("rate must be between 0.0 and 1.0, was " + rate);
            }
            this.rate = rate;
            return this;
        }

        /**
         * The faults to choose from; a call gets one of those that apply to its operation, each equally likely.
         * Default: all.
         *
         * @throws NullPointerException     if faults or one of them is {@code null}
         * @throws IllegalArgumentException if none is given (use {@code rate(0)} for no faults)
         */
        public Builder faults(Fault... faults) {
            Objects.requireNonNull(faults, "faults is null");
            return faults(new HashSet<>(Arrays.asList(faults)));
        }

        /** See {@link #faults(Fault...)}. */
        public Builder faults(Set<Fault> faults) {
            Objects.requireNonNull(faults, "faults is null");
            faults.forEach(fault -> Objects.requireNonNull(fault, "a fault is null"));
            if (faults.isEmpty()) {
                throw new IllegalArgumentException("faults must not be empty; use rate(0) for no faults");
            }
            this.faults = EnumSet.copyOf(faults);
            return this;
        }

        /**
         * The operations that may get a fault; calls of the others go straight to the delegate (but are counted).
         * Default: put, get, head, delete, deleteAll, list and copy.
         *
         * @throws NullPointerException     if operations or one of them is {@code null}
         * @throws IllegalArgumentException if none is given, or {@link StorageOperation#OPEN} (no backend method opens)
         */
        public Builder operations(StorageOperation... operations) {
            Objects.requireNonNull(operations, "operations is null");
            return operations(new HashSet<>(Arrays.asList(operations)));
        }

        /** See {@link #operations(StorageOperation...)}. */
        public Builder operations(Set<StorageOperation> operations) {
            Objects.requireNonNull(operations, "operations is null");
            operations.forEach(operation -> Objects.requireNonNull(operation, "an operation is null"));
            if (operations.isEmpty()) {
                throw new IllegalArgumentException("operations must not be empty; use rate(0) for no faults");
            }
            if (!DECORATED.containsAll(operations)) {
                throw new IllegalArgumentException("operations must be among " + DECORATED + ", was " + operations);
            }
            this.operations = EnumSet.copyOf(operations);
            return this;
        }

        /**
         * How long {@link Fault#LATENCY} delays a call. Default: 1 ms.
         *
         * @throws NullPointerException     if latency is {@code null}
         * @throws IllegalArgumentException if negative
         */
        public Builder latency(Duration latency) {
            Objects.requireNonNull(latency, "latency is null");
            if (latency.isNegative()) {
                throw new IllegalArgumentException("latency must be >= 0, was " + latency);
            }
            this.latency = latency;
            return this;
        }

        /** A new decorator with this configuration; it shares the delegate, not its random sequence. */
        public FaultInjectingBackend build() {
            return new FaultInjectingBackend(this);
        }
    }
}
