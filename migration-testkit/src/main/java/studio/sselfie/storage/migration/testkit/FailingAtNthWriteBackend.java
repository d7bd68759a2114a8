package studio.sselfie.storage.migration.testkit;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import studio.sselfie.storage.AbstractStorageBackend;
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
 * A decorator that simulates a process dying at its N-th write: writes (put, copy, delete, deleteAll) are counted, and
 * the N-th and every later one fails with a retryable {@link StorageUnavailableException} before it reaches the
 * store. Like a dead process, it writes nothing more, not even the release of its lock; reads still pass through, so
 * the code under test sees its failure only when it writes. Thread-safe. Closing it does not close the store.
 */
public final class FailingAtNthWriteBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final int failAt;
    private final AtomicInteger writes = new AtomicInteger();

    private FailingAtNthWriteBackend(StorageBackend store, int failAt) {
        super("failing-at-write-" + failAt + "(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.failAt = failAt;
    }

    /**
     * Wraps {@code store}, failing its {@code failAt}-th write (1-based) and every later one.
     *
     * @throws IllegalArgumentException if {@code failAt} is below 1
     */
    public static FailingAtNthWriteBackend failingAt(StorageBackend store, int failAt) {
        requireNonNull(store, "store is null");
        if (failAt < 1) {
            throw new IllegalArgumentException("failAt must be 1 or more, was " + failAt);
        }
        return new FailingAtNthWriteBackend(store, failAt);
    }

    /** Wraps {@code store} without ever failing: it only counts the writes (e.g. of a clean run). */
    public static FailingAtNthWriteBackend counting(StorageBackend store) {
        requireNonNull(store, "store is null");
        return new FailingAtNthWriteBackend(store, 0);
    }

    /** Writes attempted so far, the failed ones included. */
    public int writes() {
        return writes.get();
    }

    /** Whether a write failed, i.e. the simulated process is dead. */
    public boolean failed() {
        return failAt > 0 && writes.get() >= failAt;
    }

    private void write(StorageOperation operation, String key) {
        int n = writes.incrementAndGet();
        if (failAt > 0 && n >= failAt) {
            throw new StorageUnavailableException(name(), operation, key,
                    "simulated crash: write " + n + " never reached the store (failing from write " + failAt + ")", null);
        }
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        write(StorageOperation.PUT, key);
        return store.put(key, body, length, options);
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return store.head(key);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        return store.head(key, options);
    }

    @Override
    protected void doDelete(String key) {
        write(StorageOperation.DELETE, key);
        store.delete(key);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        write(StorageOperation.DELETE_ALL, keys.isEmpty() ? null : keys.iterator().next());
        return store.deleteAll(keys);
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        return store.listPage(options);
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        write(StorageOperation.COPY, targetKey);
        return store.copy(sourceKey, targetKey, options);
    }

    @Override
    protected void doClose() {
        // The caller owns the store.
    }
}
