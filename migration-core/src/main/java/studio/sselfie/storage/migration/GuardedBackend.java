package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

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
import studio.sselfie.storage.migration.internal.StateKeys;

/**
 * The store as a step sees it through {@link MigrationContext#store()}. Extends {@link AbstractStorageBackend}, so
 * every argument is checked as the real store would before anything here runs. Every write passes through
 * {@link DefaultMigrationContext#beforeWrite}: reserved prefix, lease, backup; and tells the context whether it failed
 * or completed, for the failure record. Reads pass through, but not under the reserved prefix, and listings leave the
 * reserved keys out.
 */
final class GuardedBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final StateKeys keys;
    private final DefaultMigrationContext context;

    GuardedBackend(StorageBackend store, StateKeys keys, DefaultMigrationContext context) {
        super("guarded(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.keys = keys;
        this.context = context;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        ObjectInfo info = write(key, () -> {
            context.beforeWrite(key);
            return store.put(key, body, length, options);
        });
        context.countChange(info.size());
        return info;
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        context.checkReadable(key);
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        context.checkReadable(key);
        return store.head(key);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        context.checkReadable(key);
        return store.head(key, options);
    }

    @Override
    protected void doDelete(String key) {
        write(key, () -> {
            context.beforeWrite(key);
            store.delete(key);
            return null;
        });
        context.countChange(0);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> batch) {
        // All keys are checked before the first backup, so a batch with a reserved key changes nothing.
        batch.forEach(key -> failingAt(key, () -> context.checkWritable(key)));
        batch.forEach(key -> failingAt(key, () -> context.beforeWrite(key)));
        // A failure of the batch itself names no single key: the record then says after which key it came.
        DeleteResult result = store.deleteAll(batch);
        result.deleted().forEach(key -> {
            context.countChange(0);
            context.completed(key);
        });
        return result;
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        context.checkReadable(options.prefix());
        return WorkPlanner.withoutReserved(keys, options.prefix(), store.listPage(options));
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        context.checkReadable(sourceKey);
        ObjectInfo info = write(targetKey, () -> {
            context.beforeWrite(targetKey);
            return store.copy(sourceKey, targetKey, options);
        });
        context.countChange(info.size());
        return info;
    }

    /** Runs a write of {@code key}, noting for the failure record whether it failed or completed. */
    private <T> T write(String key, Supplier<T> write) {
        T result;
        try {
            result = write.get();
        } catch (RuntimeException e) {
            context.writeFailed(key);
            throw e;
        }
        context.completed(key);
        return result;
    }

    private void failingAt(String key, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            context.writeFailed(key);
            throw e;
        }
    }

    @Override
    protected void doClose() {
        // The store belongs to the migrator's caller.
    }
}
