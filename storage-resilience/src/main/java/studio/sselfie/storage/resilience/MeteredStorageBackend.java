package studio.sselfie.storage.resilience;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.Presigner;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * Times each call of a backend in the {@code storage.requests} timer, by operation and outcome; see
 * {@link StorageMetrics#timed(StorageBackend, MeterRegistry)}.
 *
 * <p>Every method the wrapped backend may specialize is passed on as is, the byte and file puts included: a
 * {@link ResilientStorageBackend} resends those whole, while the stream put the default methods fall back to could
 * only be replayed from its buffer.
 */
final class MeteredStorageBackend implements StorageBackend {
    private final StorageBackend delegate;
    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> requests;

    MeteredStorageBackend(StorageBackend delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
        this.requests = Timer.builder("storage.requests")
                .description("Storage calls by operation and outcome")
                .tag("backend", delegate.name())
                .withRegistry(registry);
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
        return timed(StorageOperation.PUT, () -> delegate.put(key, body, length, options));
    }

    @Override
    public ObjectInfo put(String key, byte[] bytes, PutOptions options) {
        return timed(StorageOperation.PUT, () -> delegate.put(key, bytes, options));
    }

    @Override
    public ObjectInfo put(String key, Path file, PutOptions options) {
        return timed(StorageOperation.PUT, () -> delegate.put(key, file, options));
    }

    @Override
    public StorageObject get(String key, GetOptions options) {
        return timed(StorageOperation.GET, () -> delegate.get(key, options));
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        return timed(StorageOperation.HEAD, () -> delegate.head(key));
    }

    @Override
    public Optional<ObjectInfo> head(String key, GetOptions options) {
        return timed(StorageOperation.HEAD, () -> delegate.head(key, options));
    }

    @Override
    public void delete(String key) {
        timed(StorageOperation.DELETE, () -> {
            delegate.delete(key);
            return null;
        });
    }

    @Override
    public DeleteResult deleteAll(Collection<String> keys) {
        return timed(StorageOperation.DELETE_ALL, () -> delegate.deleteAll(keys));
    }

    @Override
    public ListPage listPage(ListOptions options) {
        return timed(StorageOperation.LIST, () -> delegate.listPage(options));
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        return timed(StorageOperation.COPY, () -> delegate.copy(sourceKey, targetKey, options));
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "MeteredStorageBackend{" + delegate + '}';
    }

    private <T> T timed(StorageOperation operation, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        // Stays "error" for what is not a RuntimeException (an Error, a checked exception thrown sneakily).
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "success";
            return result;
        } catch (RuntimeException e) {
            outcome = outcome(e);
            throw e;
        } finally {
            sample.stop(requests.withTags("operation", operation.label(), "outcome", outcome));
        }
    }

    /** The {@code outcome} tag of a call that failed with {@code failure}. */
    static String outcome(Throwable failure) {
        if (failure instanceof ObjectNotFoundException) {
            return "not_found";
        }
        if (failure instanceof PreconditionFailedException) {
            return "precondition_failed";
        }
        if (failure instanceof InvalidRequestException) {
            return "invalid";
        }
        if (failure instanceof AccessDeniedException) {
            return "access_denied";
        }
        // Before its superclass: a rejection is the decorator's load shedding, not the store failing.
        if (failure instanceof CallRejectedException) {
            return "rejected";
        }
        if (failure instanceof StorageUnavailableException) {
            return "unavailable";
        }
        return "error";
    }
}
