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
import studio.sselfie.storage.resilience.ResilienceConfig;
import studio.sselfie.storage.resilience.ResilientStorageBackend;

/**
 * The backends every {@link StorageModule} of an injector opened, and the one place that closes them. Bound as an
 * eager singleton as soon as one {@code StorageModule} is installed (however many are): creating the injector opens
 * every backend, in the order the modules bound them, and fails, closing those already opened, if one cannot be
 * opened.
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
     * Opens every backend of {@code specs}, in order.
     *
     * @throws IllegalArgumentException naming the setting of the first backend that could not be opened (the
     *                                  backends opened before it are closed)
     */
    static StorageLifecycle open(Collection<BackendSpec> specs) {
        Map<Key<StorageBackend>, StorageBackend> backends = new LinkedHashMap<>();
        Map<Key<StorageBackend>, URI> uris = new LinkedHashMap<>();
        for (BackendSpec spec : specs) {
            try {
                URI uri = spec.resilience().isPresent() ? BackendUris.withoutClientRetries(spec) : spec.uri();
                StorageBackend backend = open(uri, spec.resilience().orElse(null));
                backends.put(spec.key(), backend);
                uris.put(spec.key(), uri);
                LOG.info("Opened {} for {}{}", backend.name(), BackendSpec.describe(spec.key()),
                        spec.resilience().isPresent() ? " with resilience" : "");
            } catch (RuntimeException e) {
                RuntimeException failure = e.getMessage() != null && e.getMessage().startsWith(spec.origin())
                        ? e : new IllegalArgumentException(spec.origin() + ": " + e.getMessage(), e);
                closeAll(new ArrayList<>(backends.values()), failure);
                throw failure;
            }
        }
        return new StorageLifecycle(backends, uris);
    }

    private static StorageBackend open(URI uri, ResilienceConfig resilience) {
        StorageBackend backend = StorageBackends.open(uri);
        if (resilience == null) {
            return backend;
        }
        try {
            return ResilientStorageBackend.wrap(backend, resilience);
        } catch (RuntimeException e) {
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

    /** The URI the backend bound to {@code key} was opened with ({@code clientRetries=false} added under resilience). */
    URI resolvedUri(Key<StorageBackend> key) {
        return uris.get(requireNonNull(key, "key is null"));
    }

    /** Closes {@code opened} in reverse order; returns {@code failure}, or the first close failure, with the rest suppressed. */
    private static RuntimeException closeAll(List<StorageBackend> opened, RuntimeException failure) {
        RuntimeException first = failure;
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                if (first == null) {
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
