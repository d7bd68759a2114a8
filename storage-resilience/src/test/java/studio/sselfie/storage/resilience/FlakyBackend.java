package studio.sselfie.storage.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * A scripted test double around a real backend: the next calls of an operation fail before or after they take
 * effect, as queued; it counts the calls that reached it. For exact scenarios; random faults come from the testkit's
 * fault-injecting backend.
 */
class FlakyBackend implements StorageBackend {
    enum When { BEFORE, AFTER, AFTER_READING_BODY, PER_KEY }

    private final StorageBackend delegate;
    private final Map<StorageOperation, Deque<When>> script = new EnumMap<>(StorageOperation.class);
    private final Map<StorageOperation, AtomicInteger> calls = new EnumMap<>(StorageOperation.class);

    FlakyBackend(StorageBackend delegate) {
        this.delegate = delegate;
        for (StorageOperation operation : StorageOperation.values()) {
            calls.put(operation, new AtomicInteger());
        }
    }

    synchronized FlakyBackend failNext(StorageOperation operation, int times, When when) {
        Deque<When> queue = script.computeIfAbsent(operation, o -> new ArrayDeque<>());
        for (int i = 0; i < times; i++) {
            queue.add(when);
        }
        return this;
    }

    int calls(StorageOperation operation) {
        return calls.get(operation).get();
    }

    private synchronized When next(StorageOperation operation) {
        calls.get(operation).incrementAndGet();
        Deque<When> queue = script.get(operation);
        return queue == null ? null : queue.poll();
    }

    private StorageUnavailableException fault(StorageOperation operation, String key, When when) {
        return new StorageUnavailableException(name(), operation, key, "scripted fault " + when, null);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<Capability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
        When when = next(StorageOperation.PUT);
        if (when == When.BEFORE) {
            throw fault(StorageOperation.PUT, key, when);
        }
        if (when == When.AFTER_READING_BODY) {
            try {
                body.transferTo(OutputStreamSink.INSTANCE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw fault(StorageOperation.PUT, key, when);
        }
        ObjectInfo info = delegate.put(key, body, length, options);
        if (when == When.AFTER) {
            throw fault(StorageOperation.PUT, key, when);
        }
        return info;
    }

    @Override
    public StorageObject get(String key, GetOptions options) {
        When when = next(StorageOperation.GET);
        if (when == When.BEFORE) {
            throw fault(StorageOperation.GET, key, when);
        }
        return delegate.get(key, options);
    }

    @Override
    public Optional<ObjectInfo> head(String key) {
        When when = next(StorageOperation.HEAD);
        if (when != null) {
            throw fault(StorageOperation.HEAD, key, when);
        }
        return delegate.head(key);
    }

    @Override
    public void delete(String key) {
        When when = next(StorageOperation.DELETE);
        if (when == When.BEFORE) {
            throw fault(StorageOperation.DELETE, key, when);
        }
        delegate.delete(key);
        if (when != null) {
            throw fault(StorageOperation.DELETE, key, when);
        }
    }

    @Override
    public DeleteResult deleteAll(Collection<String> keys) {
        When when = next(StorageOperation.DELETE_ALL);
        if (when == When.BEFORE) {
            throw fault(StorageOperation.DELETE_ALL, null, when);
        }
        if (when == When.PER_KEY) {
            // A batch answered with a per-key error for every key, nothing deleted.
            Map<String, studio.sselfie.storage.StorageException> failures = new java.util.LinkedHashMap<>();
            for (String key : keys) {
                failures.put(key, fault(StorageOperation.DELETE_ALL, key, when));
            }
            return new DeleteResult(java.util.List.of(), failures);
        }
        DeleteResult result = delegate.deleteAll(keys);
        if (when != null) {
            throw fault(StorageOperation.DELETE_ALL, null, when);
        }
        return result;
    }

    @Override
    public ListPage listPage(ListOptions options) {
        When when = next(StorageOperation.LIST);
        if (when != null) {
            throw fault(StorageOperation.LIST, null, when);
        }
        return delegate.listPage(options);
    }

    @Override
    public ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        When when = next(StorageOperation.COPY);
        if (when == When.BEFORE) {
            throw fault(StorageOperation.COPY, targetKey, when);
        }
        ObjectInfo info = delegate.copy(sourceKey, targetKey, options);
        if (when != null) {
            throw fault(StorageOperation.COPY, targetKey, when);
        }
        return info;
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
