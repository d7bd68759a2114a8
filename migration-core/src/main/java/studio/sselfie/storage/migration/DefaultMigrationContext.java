package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.internal.BackupStore;

/**
 * The {@link MigrationContext} of a step, run for real or dry-run (see {@link StepMode}): checks the author's
 * arguments and hands each call down, to the guarded store ({@link GuardedBackend}), the transforms
 * ({@link Transforms}) or the step's state ({@link StepContext}). Nothing beneath calls back up into it.
 */
final class DefaultMigrationContext implements MigrationContext {
    private final StepContext step;
    private final boolean down;
    private final BackupStore upBackups;
    private final GuardedBackend store;
    private final Transforms transforms;

    /** @param upBackups the up step's rollback point (the same as the step's backups in an up step; null in a dry run) */
    DefaultMigrationContext(StepContext step, boolean down, BackupStore upBackups) {
        this.step = step;
        this.down = down;
        this.upBackups = upBackups;
        this.store = new GuardedBackend(step);
        this.transforms = new Transforms(step);
    }

    /** The context of a dry run of the step of {@code version}: no backups, no journal, no lock to check. */
    static DefaultMigrationContext dryRun(Settings settings, MigrationVersion version, boolean down, StepMode mode) {
        return new DefaultMigrationContext(StepContext.dryRun(settings, version, mode), down, null);
    }

    @Override
    public MigrationVersion version() {
        return step.version();
    }

    @Override
    public boolean isDown() {
        return down;
    }

    @Override
    public boolean isDryRun() {
        return step.mode().isDryRun();
    }

    @Override
    public StorageBackend store() {
        return store;
    }

    @Override
    public long moveKeys(String prefix, Function<String, String> mapping) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(mapping, "mapping is null");
        return transforms.moveKeys(prefix, mapping);
    }

    @Override
    public long copyFrom(StorageBackend source, String prefix, Function<String, String> mapping) {
        requireNonNull(source, "source is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(mapping, "mapping is null");
        return transforms.copyFrom(source, prefix, mapping);
    }

    @Override
    public long transform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(transform, "transform is null");
        return transforms.transform(prefix, filter, transform);
    }

    @Override
    public long updateMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(update, "update is null");
        return transforms.updateMetadata(prefix, update);
    }

    @Override
    public void backup(String key) {
        step.backup(requireNonNull(key, "key is null"));
    }

    @Override
    public void checkpoint(String unit) {
        step.checkpoint(requireNonNull(unit, "unit is null"));
    }

    @Override
    public boolean isDone(String unit) {
        return step.isDone(requireNonNull(unit, "unit is null"));
    }

    @Override
    public void restoreRollbackPoint() {
        if (!down) {
            throw new IllegalStateException("restoreRollbackPoint() belongs in a down step; version " + version() + " is running up");
        }
        if (isDryRun()) {
            // The rollback point holds the keys the up step wrote, each checked when it was backed up: nothing to check.
            return;
        }
        if (!upBackups.hasRollbackPoint()) {
            throw new MigrationException("version " + version() + " has no rollback point (its backups were pruned, or it was"
                    + " baselined): its migration needs a down step that computes the old state");
        }
        transforms.restore(upBackups);
    }

    @Override
    public void progress(long objectsDone, long bytesDone) {
        step.report(new Progress("custom", objectsDone, -1, bytesDone, -1));
    }

    @Override
    public void progress(long objectsDone, long bytesDone, long objectsTotal) {
        step.report(new Progress("custom", objectsDone, objectsTotal, bytesDone, -1));
    }
}
