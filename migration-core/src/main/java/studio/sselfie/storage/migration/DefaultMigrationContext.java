package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * The context of a step, run for real or dry-run (see {@link StepMode}): the guarded store, the step's backups and
 * journal, the counters for the history and the listener, and where the step is (for the failure record): the key a
 * unit or write failed at, else the key it last completed. The transforms live in {@link Transforms}. A dry run has no
 * backups and no journal: the guarded store and the transforms record their writes instead of making them, and
 * {@link #backup}, {@link #checkpoint} and {@link #restoreRollbackPoint} only check.
 */
final class DefaultMigrationContext implements MigrationContext {
    private final Settings settings;
    private final MigrationVersion version;
    private final boolean down;
    private final StepMode mode;
    private final BackupStore backups;
    private final BackupStore upBackups;
    private final Journal journal;
    private final Runnable fence;
    private final GuardedBackend store;
    private final Transforms transforms;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger workLists = new AtomicInteger();
    private final Set<Integer> resumedWorkLists = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> failedUnit = new AtomicReference<>();
    private volatile String failedWrite;
    private volatile String lastCompleted;

    /**
     * @param backups   where this step backs up what it changes
     * @param upBackups the up step's rollback point (the same as {@code backups} in an up step)
     * @param fence     throws {@link LockLostException} once this runner lost the lock
     */
    DefaultMigrationContext(Settings settings, MigrationVersion version, boolean down, BackupStore backups,
                            BackupStore upBackups, Journal journal, Runnable fence) {
        this(settings, version, down, StepMode.run(), backups, upBackups, journal, fence);
    }

    private DefaultMigrationContext(Settings settings, MigrationVersion version, boolean down, StepMode mode,
                                    BackupStore backups, BackupStore upBackups, Journal journal, Runnable fence) {
        this.settings = settings;
        this.version = version;
        this.down = down;
        this.mode = mode;
        this.backups = backups;
        this.upBackups = upBackups;
        this.journal = journal;
        this.fence = fence;
        this.store = new GuardedBackend(settings.backend(), settings.keys(), mode, this);
        this.transforms = new Transforms(this);
    }

    /** The context of a dry run of the step of {@code version}: no backups, no journal, no lock to check. */
    static DefaultMigrationContext dryRun(Settings settings, MigrationVersion version, boolean down, StepMode mode) {
        return new DefaultMigrationContext(settings, version, down, mode, null, null, null, () -> {
        });
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
    public boolean isDryRun() {
        return mode.isDryRun();
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
        try {
            checkWritable(key);
            if (!mode.isDryRun()) {
                backups.backup(key);
            }
        } catch (RuntimeException e) {
            writeFailed(key);
            throw e;
        }
        completed(key);
    }

    @Override
    public void checkpoint(String unit) {
        requireNonNull(unit, "unit is null");
        // At once, unlike the transforms' batched checkpoints: custom units need not be independent, so redoing a unit
        // after a later one already ran (what an unflushed batch costs after a crash) could give a different result.
        if (!mode.isDryRun()) {
            journal.checkpointNow(unit);
        }
    }

    @Override
    public boolean isDone(String unit) {
        requireNonNull(unit, "unit is null");
        return !mode.isDryRun() && journal.isDone(unit);
    }

    @Override
    public void restoreRollbackPoint() {
        if (!down) {
            throw new IllegalStateException("restoreRollbackPoint() belongs in a down step; version " + version + " is running up");
        }
        if (mode.isDryRun()) {
            // The rollback point holds the keys the up step wrote, each checked when it was backed up: nothing to check.
            return;
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

    StepMode mode() {
        return mode;
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

    /** Rejects a key (or listing prefix) under the reserved prefix; in a dry run the violation is noted. */
    void checkReadable(String key) {
        mode.rule(() -> WorkPlanner.checkNotReserved(settings.keys(), key));
    }

    /** Rejects a key under the reserved prefix, before any write. */
    void checkWritable(String key) {
        checkReadable(key);
    }

    /** What every write through the guarded store does first: reserved prefix, lease, backup (a dry run: the first). */
    void beforeWrite(String key) {
        checkWritable(key);
        if (mode.isDryRun()) {
            return;
        }
        fence.run();
        backups.backup(key);
        fence.run();
    }

    /** Counts one changed object and the bytes written for it. */
    void countChange(long written) {
        objects.incrementAndGet();
        bytes.addAndGet(written);
    }

    /** Notes the key a unit of a transform failed on; the first one wins (the others stop because of it). */
    void failedAt(String key) {
        failedUnit.compareAndSet(null, key);
    }

    /** Notes a write through the guarded store (or a backup) that failed at {@code key}. */
    void writeFailed(String key) {
        failedWrite = key;
    }

    /**
     * Notes a key whose write, backup or unit completed. It also forgets a failed write: the step caught that failure
     * and went on, so it is not what the step failed at.
     */
    void completed(String key) {
        lastCompleted = key;
        failedWrite = null;
    }

    /**
     * Where the step failed, for the failure record and the log: {@code at key 'k'} if a unit or a write failed at
     * {@code k}; else {@code after key 'k'}, the key it last completed (the failure came later, e.g. in the step's own
     * code, so {@code k} is not to blame); null if it completed nothing.
     */
    String failurePlace() {
        String exact = failedUnit.get();
        if (exact == null) {
            exact = failedWrite;
        }
        if (exact != null) {
            return "at key '" + exact + "'";
        }
        String done = lastCompleted;
        return done == null ? null : "after key '" + done + "'";
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
        Optional<WorkList> stored = journal.workList(index);
        if (stored.isPresent()) {
            resumedWorkLists.add(index);
            return stored.get();
        }
        WorkList list = compute.get();
        journal.saveWorkList(index, list);
        return list;
    }

    /** Whether the work list of transform call {@code index} came from the journal: a run that crashed planned it. */
    boolean isResumed(int index) {
        return resumedWorkLists.contains(index);
    }

    /** Tells the listener (nothing in a dry run); calls are serialized. */
    void report(Progress progress) {
        if (mode.isDryRun()) {
            return;
        }
        synchronized (this) {
            settings.listener().progress(version, progress);
        }
    }
}
