package studio.sselfie.storage.guice;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.inject.Key;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.resilience.ResilientStorageBackend;

/**
 * The backends every {@link StorageModule} of an injector opened (from a URI, or by calling the application's
 * factory), and the one place that closes them. Bound as an eager singleton as soon as one {@code StorageModule} is
 * installed (however many are): creating the injector opens every backend, in the order the modules bound them, and
 * fails, closing those already opened, if one cannot be opened. A backend a factory built is owned by the lifecycle
 * from then on: it is closed here too.
 *
 * <p>Close it when the application stops, e.g.
 * <pre>{@code
 * StorageLifecycle storage = injector.getInstance(StorageLifecycle.class);
 * Runtime.getRuntime().addShutdownHook(new Thread(storage::close));
 * }</pre>
 * or in a try-with-resources block. Afterwards every call on an injected backend fails with
 * {@link IllegalStateException}, as {@link StorageBackend#close()} says. Thread-safe.
 */
public final class StorageLifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StorageLifecycle.class);

    private final Map<Key<StorageBackend>, StorageBackend> backends;
    private final Map<Key<StorageBackend>, URI> uris;
    private final AtomicBoolean closed = new AtomicBoolean();

    private StorageLifecycle(Map<Key<StorageBackend>, StorageBackend> backends, Map<Key<StorageBackend>, URI> uris) {
        this.backends = Collections.unmodifiableMap(backends);
        this.uris = Collections.unmodifiableMap(uris);
    }

    /**
     * Opens every backend of {@code specs}, in order: a URI through {@link StorageBackends#open(URI)}, a factory by
     * calling it (once).
     *
     * @throws IllegalArgumentException naming the setting of the first backend that could not be opened (the
     *                                  backends opened before it are closed)
     * @throws IllegalStateException    naming the builder call whose factory returned null
     */
    static StorageLifecycle open(Collection<BackendSpec> specs) {
        Map<Key<StorageBackend>, StorageBackend> backends = new LinkedHashMap<>();
        Map<Key<StorageBackend>, URI> uris = new LinkedHashMap<>();
        for (BackendSpec spec : specs) {
            try {
                URI uri = spec.uri().isEmpty() ? null
                        : spec.resilience().isPresent() ? BackendUris.withoutClientRetries(spec) : spec.uri().get();
                StorageBackend backend = wrap(uri != null ? StorageBackends.open(uri) : build(spec), spec);
                backends.put(spec.key(), backend);
                if (uri != null) {
                    uris.put(spec.key(), uri);
                }
                LOG.info("Opened {} for {}{}{}", backend.name(), BackendSpec.describe(spec.key()),
                        uri == null ? " from " + spec.origin() : "",
                        spec.resilience().isPresent() ? " with resilience" : "");
            } catch (RuntimeException e) {
                String message = e.getMessage() != null ? e.getMessage() : e.toString();
                RuntimeException failure = message.startsWith(spec.origin())
                        ? e : new IllegalArgumentException(spec.origin() + ": " + message, e);
                closeAll(new ArrayList<>(backends.values()), failure);
                throw failure;
            } catch (Error e) {
                // A provider whose jar is broken fails with an Error (NoClassDefFoundError, ServiceConfigurationError):
                // the backends opened before it are closed all the same, and the Error goes on unchanged.
                closeAll(new ArrayList<>(backends.values()), e);
                throw e;
            }
        }
        return new StorageLifecycle(backends, uris);
    }

    /** Calls the factory of {@code spec}: the backend the application built, which the lifecycle now owns. */
    private static StorageBackend build(BackendSpec spec) {
        StorageBackend backend = spec.factory().orElseThrow().get();
        if (backend == null) {
            throw new IllegalStateException(spec.origin() + ": the factory returned null; it must return the backend"
                    + " it built");
        }
        return backend;
    }

    /** {@code backend}, in the resilience decorator if {@code spec} asks for it; closed if that fails. */
    private static StorageBackend wrap(StorageBackend backend, BackendSpec spec) {
        if (spec.resilience().isEmpty()) {
            return backend;
        }
        try {
            if (backend instanceof ResilientStorageBackend) {
                // Two decorators would multiply the attempts and stack two circuit breakers on one store.
                throw new IllegalArgumentException(spec.origin() + " gave a ResilientStorageBackend, but "
                        + spec.resilienceOrigin() + " wraps it in the resilience decorator again: exactly one layer"
                        + " may retry. Give the bare backend, or configure no resilience for it");
            }
            return ResilientStorageBackend.wrap(backend, spec.resilience().get());
        } catch (RuntimeException | Error e) {
            closeAll(List.of(backend), e);
            throw e;
        }
    }

    /** Every backend opened, by the key it is bound to, in the order they were opened. The map is unmodifiable. */
    public Map<Key<StorageBackend>, StorageBackend> backends() {
        return backends;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /**
     * Closes every backend, the last opened first. Idempotent: only the first call closes. Every backend is closed even
     * if one fails to; then the first failure is thrown with the others suppressed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        RuntimeException failure = closeAll(new ArrayList<>(backends.values()), null);
        if (failure != null) {
            throw failure;
        }
        LOG.info("Closed {} storage backend(s)", backends.size());
    }

    /** The backend bound to {@code key}. */
    StorageBackend backend(Key<StorageBackend> key) {
        StorageBackend backend = backends.get(requireNonNull(key, "key is null"));
        if (backend == null) {
            throw new IllegalStateException("no storage backend was opened for " + BackendSpec.describe(key));
        }
        return backend;
    }

    /**
     * The URI the backend bound to {@code key} was opened with ({@code clientRetries=false} added under resilience);
     * null for a backend built by a factory.
     */
    URI resolvedUri(Key<StorageBackend> key) {
        return uris.get(requireNonNull(key, "key is null"));
    }

    /**
     * Closes {@code opened} in reverse order. With a {@code failure}, every close failure is added to it as
     * suppressed and null is returned; without, the first close failure is returned, with the rest suppressed.
     */
    private static RuntimeException closeAll(List<StorageBackend> opened, Throwable failure) {
        RuntimeException first = null;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    @Override
    public String toString() {
        return "StorageLifecycle{backends=" + backends.size() + ", closed=" + closed.get() + '}';
    }
}
