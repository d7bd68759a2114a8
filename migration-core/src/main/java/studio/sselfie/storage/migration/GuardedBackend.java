package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.migration.internal.StateKeys;

/**
 * The store as a step sees it through {@link MigrationContext#store()}, in a run and in a dry run alike. Extends
 * {@link AbstractStorageBackend}, so every argument is checked as the real store would before anything here runs.
 * Every write passes through {@link StepContext#beforeWrite}: reserved prefix, lease, backup; and tells the step
 * whether it failed or completed, for the failure record. Reads pass through, but not under the reserved
 * prefix, and listings leave the reserved keys out.
 *
 * <p>In a dry run ({@link StepMode#isDryRun()}) a write is recorded (before its checks, so a plan lists the offending
 * key), checked, and not done: a put's body is not read, and the info a put or copy returns is made up (ETag
 * {@code "planned"} for a put, the source's info for a copy).
 */
final class GuardedBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final StateKeys keys;
    private final StepMode mode;
    private final StepContext step;

    GuardedBackend(StepContext step) {
        super((step.mode().isDryRun() ? "plan(" : "guarded(") + step.settings().backend().name() + ")",
                step.settings().backend().capabilities());
        this.store = step.settings().backend();
        this.keys = step.settings().keys();
        this.mode = step.mode();
        this.step = step;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        ObjectInfo info = write(MigrationPlan.Kind.PUT, key, null, () -> store.put(key, body, length, options),
                () -> ObjectInfo.builder().key(key).size(Math.max(0, length)).etag("\"planned\"").lastModified(Instant.now())
                        .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                        .metadata(options.metadata()).build());
        step.countChange(info.size());
        return info;
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        step.checkReadable(key);
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        step.checkReadable(key);
        return store.head(key);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        step.checkReadable(key);
        return store.head(key, options);
    }

    @Override
    protected void doDelete(String key) {
        write(MigrationPlan.Kind.DELETE, key, null, () -> {
            store.delete(key);
            return null;
        }, () -> null);
        step.countChange(0);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> batch) {
        batch.forEach(key -> mode.record(MigrationPlan.Kind.DELETE, key, null, null));
        // All keys are checked before the first backup, so a batch with a reserved key changes nothing.
        batch.forEach(key -> failingAt(key, () -> step.checkWritable(key)));
        DeleteResult result;
        if (mode.isDryRun()) {
            result = new DeleteResult(List.copyOf(batch), Map.of());
        } else {
            batch.forEach(key -> failingAt(key, () -> step.beforeWrite(key)));
            // A failure of the batch itself names no single key: the record then says after which key it came.
            result = store.deleteAll(batch);
        }
        result.deleted().forEach(key -> {
            step.countChange(0);
            step.completed(key);
        });
        return result;
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        step.checkReadable(options.prefix());
        return WorkPlanner.withoutReserved(keys, options.prefix(), store.listPage(options));
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        step.checkReadable(sourceKey);
        ObjectInfo info = write(MigrationPlan.Kind.COPY, targetKey, sourceKey, () -> store.copy(sourceKey, targetKey, options),
                () -> plannedCopy(sourceKey, targetKey, options));
        step.countChange(info.size());
        return info;
    }

    /**
     * Runs a write of {@code key} ({@code planned} instead in a dry run, which records it first), noting for the
     * failure record whether it failed or completed.
     */
    private <T> T write(MigrationPlan.Kind kind, String key, String source, Supplier<T> write, Supplier<T> planned) {
        T result;
        try {
            mode.record(kind, key, source, null);
            step.beforeWrite(key);
            result = mode.isDryRun() ? planned.get() : write.get();
        } catch (RuntimeException e) {
            step.writeFailed(key);
            throw e;
        }
        step.completed(key);
        return result;
    }

    private ObjectInfo plannedCopy(String sourceKey, String targetKey, CopyOptions options) {
        ObjectInfo source = store.head(sourceKey).orElseThrow(() -> new ObjectNotFoundException(
                name(), StorageOperation.COPY, sourceKey, "source object not found", null));
        ObjectInfo.Builder target = source.toBuilder().key(targetKey);
        options.replacement().ifPresent(r -> target.contentType(r.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(r.headers()).metadata(r.metadata()));
        return target.build();
    }

    private void failingAt(String key, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            step.writeFailed(key);
            throw e;
        }
    }

    @Override
    protected void doClose() {
        // The store belongs to the migrator's caller.
    }
}
