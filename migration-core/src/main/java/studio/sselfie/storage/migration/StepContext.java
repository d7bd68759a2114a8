package studio.sselfie.storage.migration;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * The engine's side of one step, beneath the {@link MigrationContext} its author sees: how it runs ({@link StepMode}),
 * its backups and journal (none in a dry run), the guard every write passes (reserved prefix, lease, backup), the
 * counters for the history and the listener, and where the step is (for the failure record): the key a unit or write
 * failed at, else the key it last completed. {@link DefaultMigrationContext}, {@link GuardedBackend},
 * {@link Transforms} and {@link UnitRunner} share it and call down into it; it calls none of them. Thread-safe.
 */
final class StepContext {
    private final Settings settings;
    private final MigrationVersion version;
    private final StepMode mode;
    private final BackupStore backups;
    private final Journal journal;
    private final Runnable fence;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger workLists = new AtomicInteger();
    private final Set<Integer> resumedWorkLists = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> failedUnit = new AtomicReference<>();
    private volatile String failedWrite;
    private volatile String lastCompleted;

    /**
     * A step run for real.
     *
     * @param backups where this step backs up what it changes
     * @param fence   throws {@link LockLostException} once this runner lost the lock
     */
    StepContext(Settings settings, MigrationVersion version, BackupStore backups, Journal journal, Runnable fence) {
        this(settings, version, StepMode.run(), backups, journal, fence);
    }

    private StepContext(Settings settings, MigrationVersion version, StepMode mode, BackupStore backups, Journal journal,
                        Runnable fence) {
        this.settings = settings;
        this.version = version;
        this.mode = mode;
        this.backups = backups;
        this.journal = journal;
        this.fence = fence;
    }

    /** A dry run of the step of {@code version}: no backups, no journal, no lock to check. */
    static StepContext dryRun(Settings settings, MigrationVersion version, StepMode mode) {
        return new StepContext(settings, version, mode, null, null, () -> {
        });
    }

    Settings settings() {
        return settings;
    }

    MigrationVersion version() {
        return version;
    }

    StepMode mode() {
        return mode;
    }

    /** Where this step backs up what it changes; null in a dry run. */
    BackupStore backups() {
        return backups;
    }

    /** This step's journal; null in a dry run. */
    Journal journal() {
        return journal;
    }

    /** Fails with {@link LockLostException} if this runner lost the lock. */
    void fence() {
        fence.run();
    }

    // ---- the guard

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

    /** {@link MigrationContext#backup}: checks the key and backs it up (a dry run only checks). */
    void backup(String key) {
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

    // ---- the journal of custom units

    /** {@link MigrationContext#checkpoint}: at once (nothing in a dry run). */
    void checkpoint(String unit) {
        // At once, unlike the transforms' batched checkpoints: custom units need not be independent, so redoing a unit
        // after a later one already ran (what an unflushed batch costs after a crash) could give a different result.
        if (!mode.isDryRun()) {
            journal.checkpointNow(unit);
        }
    }

    /** {@link MigrationContext#isDone}: always false in a dry run. */
    boolean isDone(String unit) {
        return !mode.isDryRun() && journal.isDone(unit);
    }

    // ---- work lists of the transforms

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

    // ---- counters, progress and the failure place

    /** Counts one changed object and the bytes written for it. */
    void countChange(long written) {
        objects.incrementAndGet();
        bytes.addAndGet(written);
    }

    long objects() {
        return objects.get();
    }

    long bytes() {
        return bytes.get();
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
}
