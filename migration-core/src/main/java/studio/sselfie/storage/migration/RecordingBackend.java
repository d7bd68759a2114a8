package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import studio.sselfie.storage.AbstractStorageBackend;
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
 * The store of a dry run: reads pass through to the real store (not under the reserved prefix), writes are recorded
 * and not done. A put's body is not read; the info it returns is made up (ETag {@code "planned"}).
 */
final class RecordingBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final StateKeys keys;
    private final RecordingContext context;

    RecordingBackend(StorageBackend store, StateKeys keys, RecordingContext context) {
        super("plan(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.keys = keys;
        this.context = context;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        WorkPlanner.checkNotReserved(keys, key);
        context.record(MigrationPlan.Kind.PUT, key, null, null);
        return ObjectInfo.builder().key(key).size(Math.max(0, length)).etag("\"planned\"").lastModified(Instant.now())
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE)).metadata(options.metadata()).build();
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        WorkPlanner.checkNotReserved(keys, key);
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        WorkPlanner.checkNotReserved(keys, key);
        return store.head(key);
    }

    @Override
    protected void doDelete(String key) {
        WorkPlanner.checkNotReserved(keys, key);
        context.record(MigrationPlan.Kind.DELETE, key, null, null);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> batch) {
        batch.forEach(key -> WorkPlanner.checkNotReserved(keys, key));
        batch.forEach(key -> context.record(MigrationPlan.Kind.DELETE, key, null, null));
        return new DeleteResult(List.copyOf(batch), Map.of());
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        WorkPlanner.checkNotReserved(keys, options.prefix());
        return WorkPlanner.withoutReserved(keys, options.prefix(), store.listPage(options));
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey) {
        WorkPlanner.checkNotReserved(keys, sourceKey);
        WorkPlanner.checkNotReserved(keys, targetKey);
        ObjectInfo source = store.head(sourceKey).orElseThrow(() -> new studio.sselfie.storage.ObjectNotFoundException(
                name(), studio.sselfie.storage.StorageOperation.COPY, sourceKey, "source object not found", null));
        context.record(MigrationPlan.Kind.COPY, targetKey, sourceKey, null);
        return source.toBuilder().key(targetKey).build();
    }

    @Override
    protected void doClose() {
        // The store belongs to the migrator's caller.
    }
}
