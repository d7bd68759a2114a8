package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * Simulates a process that dies at its N-th write: that write and every later one fail with a RuntimeException
 * before reaching the store (a dead process writes nothing more, not even its lock release), reads still work.
 */
final class CrashingBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final AtomicInteger crashAt;
    private final AtomicInteger writes = new AtomicInteger();
    private final List<String> putKeys = new CopyOnWriteArrayList<>();

    /** @param crashAt the 1-based write that fails first; 0 never crashes (counts only) */
    CrashingBackend(StorageBackend store, int crashAt) {
        super("crashing(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.crashAt = new AtomicInteger(crashAt);
    }

    /** Writes attempted so far, including the failed ones. */
    int writes() {
        return writes.get();
    }

    boolean crashed() {
        return crashAt.get() > 0 && writes.get() >= crashAt.get();
    }

    /** Makes the next write the one that crashes. */
    void crashNow() {
        crashAt.set(writes.get() + 1);
    }

    /** The keys of the puts attempted so far, in order. */
    List<String> putKeys() {
        return List.copyOf(putKeys);
    }

    private void write(String what) {
        int n = writes.incrementAndGet();
        int at = crashAt.get();
        if (at > 0 && n >= at) {
            throw new IllegalStateException("simulated crash: write " + n + " (" + what + ") never reached the store");
        }
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        putKeys.add(key);
        write("put " + key);
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
    protected void doDelete(String key) {
        write("delete " + key);
        store.delete(key);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        write("deleteAll " + keys.size());
        return store.deleteAll(keys);
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        return store.listPage(options);
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        write("copy " + sourceKey + " -> " + targetKey);
        return store.copy(sourceKey, targetKey, options);
    }

    @Override
    protected void doClose() {
        // The test owns the store.
    }
}
