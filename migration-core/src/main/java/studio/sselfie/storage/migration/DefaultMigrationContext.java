package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * The context of a running step: the guarded store, the step's backups and journal, the counters for the history and
 * the listener, and the key it last worked on (for the failure record). The transforms live in {@link Transforms}.
 */
final class DefaultMigrationContext implements MigrationContext {
    private final Settings settings;
    private final MigrationVersion version;
    private final boolean down;
    private final BackupStore backups;
    private final BackupStore upBackups;
    private final Journal journal;
    private final Runnable fence;
    private final GuardedBackend store;
    private final Transforms transforms;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger workLists = new AtomicInteger();
    private final AtomicReference<String> failedKey = new AtomicReference<>();
    private volatile String lastKey;

    /**
     * @param backups   where this step backs up what it changes
     * @param upBackups the up step's rollback point (the same as {@code backups} in an up step)
     * @param fence     throws {@link LockLostException} once this runner lost the lock
     */
    DefaultMigrationContext(Settings settings, MigrationVersion version, boolean down, BackupStore backups,
                            BackupStore upBackups, Journal journal, Runnable fence) {
        this.settings = settings;
        this.version = version;
        this.down = down;
        this.backups = backups;
        this.upBackups = upBackups;
        this.journal = journal;
        this.fence = fence;
        this.store = new GuardedBackend(settings.backend(), settings.keys(), this);
        this.transforms = new Transforms(this);
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public boolean isDown() {
        return down;
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
        requireNonNull(key, "key is null");
        checkWritable(key);
        touch(key);
        backups.backup(key);
    }

    @Override
    public void checkpoint(String unit) {
        requireNonNull(unit, "unit is null");
        journal.checkpoint(unit);
    }

    @Override
    public boolean isDone(String unit) {
        requireNonNull(unit, "unit is null");
        return journal.isDone(unit);
    }

    @Override
    public void restoreRollbackPoint() {
        if (!down) {
            throw new IllegalStateException("restoreRollbackPoint() belongs in a down step; version " + version + " is running up");
        }
        if (!upBackups.hasRollbackPoint()) {
            throw new MigrationException("version " + version + " has no rollback point (its backups were pruned, or it was"
                    + " baselined): its migration needs a down step that computes the old state");
        }
        transforms.restore(upBackups);
    }

    @Override
    public void progress(long objectsDone, long bytesDone) {
        report(new Progress("custom", objectsDone, -1, bytesDone, -1));
    }

    @Override
    public void progress(long objectsDone, long bytesDone, long objectsTotal) {
        report(new Progress("custom", objectsDone, objectsTotal, bytesDone, -1));
    }

    // ---- for GuardedBackend, Transforms and StepRunner

    Settings settings() {
        return settings;
    }

    BackupStore backups() {
        return backups;
    }

    Journal journal() {
        return journal;
    }

    /** Fails with {@link LockLostException} if this runner lost the lock. */
    void fence() {
        fence.run();
    }

    /** Rejects a key (or listing prefix) under the reserved prefix. */
    void checkReadable(String key) {
        WorkPlanner.checkNotReserved(settings.keys(), key);
    }

    /** Rejects a key under the reserved prefix, before any write. */
    void checkWritable(String key) {
        checkReadable(key);
    }

    /** What every write through the guarded store does first: reserved prefix, lease, backup. */
    void beforeWrite(String key) {
        checkWritable(key);
        touch(key);
        fence.run();
        backups.backup(key);
        fence.run();
    }

    /** Counts one changed object and the bytes written for it. */
    void countChange(long written) {
        objects.incrementAndGet();
        bytes.addAndGet(written);
    }

    /** Notes the key being worked on, for the failure record. */
    void touch(String key) {
        lastKey = key;
    }

    /** Notes the key a unit failed on; the first one wins. */
    void failedAt(String key) {
        failedKey.compareAndSet(null, key);
    }

    /** The key the step failed on, or the last key it worked on; null if none. */
    String failureKey() {
        String failed = failedKey.get();
        return failed != null ? failed : lastKey;
    }

    long objects() {
        return objects.get();
    }

    long bytes() {
        return bytes.get();
    }

    /** The index of the next transform call of this step: its work list and unit names carry it. */
    int nextWorkList() {
        return workLists.getAndIncrement();
    }

    /** The work list of transform call {@code index}: the stored one after a crash, else computed now and stored. */
    WorkList workList(int index, Supplier<WorkList> compute) {
        return journal.workList(index).orElseGet(() -> {
            WorkList list = compute.get();
            journal.saveWorkList(index, list);
            return list;
        });
    }

    /** Tells the listener; calls are serialized. */
    void report(Progress progress) {
        synchronized (this) {
            settings.listener().progress(version, progress);
        }
    }
}
