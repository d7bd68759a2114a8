package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;

/**
 * The store of a dry run: reads pass through to the real store (not under the reserved prefix), writes are recorded
 * and not done. A put's body is not read; the info it returns is made up (ETag {@code "planned"}). A key under the
 * reserved prefix fails as it would in a run, and the context notes it (a write is recorded first, so a plan lists the
 * offending key).
 */
final class RecordingBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final RecordingContext context;

    RecordingBackend(StorageBackend store, RecordingContext context) {
        super("plan(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.context = context;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        context.record(MigrationPlan.Kind.PUT, key, null, null);
        context.checkNotReserved(key);
        return ObjectInfo.builder().key(key).size(Math.max(0, length)).etag("\"planned\"").lastModified(Instant.now())
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE)).metadata(options.metadata()).build();
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        context.checkNotReserved(key);
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        context.checkNotReserved(key);
        return store.head(key);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        context.checkNotReserved(key);
        return store.head(key, options);
    }

    @Override
    protected void doDelete(String key) {
        context.record(MigrationPlan.Kind.DELETE, key, null, null);
        context.checkNotReserved(key);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> batch) {
        batch.forEach(key -> context.record(MigrationPlan.Kind.DELETE, key, null, null));
        batch.forEach(context::checkNotReserved);
        return new DeleteResult(List.copyOf(batch), Map.of());
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        context.checkNotReserved(options.prefix());
        return WorkPlanner.withoutReserved(context.settings().keys(), options.prefix(), store.listPage(options));
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        context.checkNotReserved(sourceKey);
        context.record(MigrationPlan.Kind.COPY, targetKey, sourceKey, null);
        context.checkNotReserved(targetKey);
        ObjectInfo source = store.head(sourceKey).orElseThrow(() -> new ObjectNotFoundException(
                name(), StorageOperation.COPY, sourceKey, "source object not found", null));
        ObjectInfo.Builder target = source.toBuilder().key(targetKey);
        options.replacement().ifPresent(r -> target.contentType(r.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(r.headers()).metadata(r.metadata()));
        return target.build();
    }

    @Override
    protected void doClose() {
        // The store belongs to the migrator's caller.
    }
}
