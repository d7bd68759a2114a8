package studio.sselfie.storage.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.HistoryStore;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.LeaseLock;
import studio.sselfie.storage.migration.internal.LockRecord;

/**
 * Runs one step under the lock: records it RUNNING, runs it with a {@link DefaultMigrationContext}, records the
 * outcome. A step that throws is rolled back to its rollback point and recorded FAILED; a runner that lost the lock
 * stops and records nothing (the step stays RUNNING for the next runner to resume); a crash leaves it RUNNING.
 */
final class StepRunner {
    private static final Logger LOG = LoggerFactory.getLogger(StepRunner.class);

    private final Settings settings;
    private final LeaseLock lock;
    private final HistoryStore history;
    private final Runnable fence;

    StepRunner(Settings settings, LeaseLock lock, HistoryStore history, Runnable fence) {
        this.settings = settings;
        this.lock = lock;
        this.history = history;
        this.fence = fence;
    }

    /**
     * Runs the up step of {@code migration}, or resumes it if {@code record} says it is RUNNING up.
     *
     * @return the new history line
     */
    MigrationInfo up(Migration migration, HistoryRecord record) {
        return run(migration, false, record);
    }

    /**
     * Runs the down step of {@code migration} ({@code record} is its applied record), or resumes it if {@code record}
     * says it is RUNNING down.
     */
    MigrationInfo down(Migration migration, HistoryRecord record) {
        return run(migration, true, record);
    }

    /** Finishes every step a crashed runner left RUNNING, in its direction, oldest first. */
    List<MigrationInfo> resumeInterrupted(List<HistoryRecord> records) {
        List<MigrationInfo> ran = new ArrayList<>();
        for (HistoryRecord record : HistoryView.byVersion(records).values()) {
            if (HistoryView.state(record) == MigrationState.RUNNING) {
                Migration migration = settings.migration(MigrationVersion.parse(record.version()));
                ran.add(record.isDown() ? down(migration, record) : up(migration, record));
            }
        }
        return ran;
    }

    private MigrationInfo run(Migration migration, boolean down, HistoryRecord record) {
        MigrationVersion version = migration.version();
        String v = version.toString();
        String direction = down ? HistoryRecord.DOWN : HistoryRecord.UP;
        boolean resumed = record != null && HistoryView.state(record) == MigrationState.RUNNING && record.isDown() == down;
        BackupStore backups = backups(v, down);
        BackupStore upBackups = down ? backups(v, false) : backups;
        Journal journal = new Journal(settings.backend(), settings.keys(), v, direction, fence, settings.checkpointBatch());
        HistoryRecord running;
        String now = settings.clock().instant().toString();
        if (resumed) {
            int done = journal.load();
            long crashedMillis = crashedRunMillis(record, journal);
            running = record.resumed(settings.owner(), now, journal.runId(), crashedMillis);
            history.write(running);
            // WARN: a run of this step crashed, which an operator wants to hear of even with INFO off.
            LOG.warn("Resuming the {} step of version {} ({}): its run {} by {}, started at {}, stopped after about {} ms"
                            + " without finishing; its journal holds {} finished units ({} objects, {} bytes changed),"
                            + " and units finished after its last checkpoint batch (up to {} per transform call) are found"
                            + " done in the store and verified, or redone", direction, v, migration.description(),
                    record.runCount(), record.appliedBy(), record.latestRunStart(), crashedMillis, done,
                    journal.loadedObjects(), journal.loadedBytes(), settings.checkpointBatch() - 1);
        } else {
            // A fresh start: drop what an earlier, finished attempt left (journal, backups of an undone run).
            journal.clear();
            backups.deleteAll();
            if (!down) {
                backups.markRollbackPoint();
            }
            running = HistoryRecord.started(v, migration.description(), down ? record.checksum() : settings.checksum(version),
                    MigrationState.RUNNING.name(), direction, settings.owner(), now, journal.runId(), down ? record : null);
            history.write(running);
            LOG.info("Running the {} step of version {} ({})", direction, v, migration.description());
        }
        settings.listener().stepStarted(version, down, resumed);
        StepContext step = new StepContext(settings, version, backups, journal, fence);
        DefaultMigrationContext context = new DefaultMigrationContext(step, down, upBackups);
        long started = System.nanoTime();
        try {
            if (down) {
                migration.down(context);
            } else {
                migration.up(context);
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (LockLostException e) {
            throw e;
        } catch (Throwable e) {
            if (!lock.isHeld()) {
                throw lockLost(version, e);
            }
            throw fail(migration, down, running, step, backups, journal, e);
        }
        // Nothing is pending unless the step caught a failed transform and went on: flushed, so that a crash before
        // the end record below resumes without redoing them.
        journal.flush();
        fence.run();
        long runMillis = (System.nanoTime() - started) / 1_000_000;
        long millis = running.earlierRunsMillis() + runMillis;
        long objects = journal.loadedObjects() + step.objects();
        long bytes = journal.loadedBytes() + step.bytes();
        HistoryRecord ended = running.ended(down ? MigrationState.UNDONE.name() : MigrationState.SUCCESS.name(),
                settings.clock().instant().toString(), millis, objects, bytes);
        history.write(ended);
        journal.clear();
        if (down) {
            // Undone: the store is as before the up step, so neither rollback point means anything any more.
            backups.deleteAll();
            upBackups.deleteAll();
        }
        MigrationInfo info = HistoryView.info(settings, migration, ended);
        LOG.info("Version {} {}: {} objects, {} bytes in {} ms{}", v, down ? "undone" : "applied", objects, bytes, millis,
                running.runCount() > 1 ? " over " + running.runCount() + " runs (this run: " + step.objects() + " objects in "
                        + runMillis + " ms)" : "");
        settings.listener().stepSucceeded(info);
        return info;
    }

    private MigrationException fail(Migration migration, boolean down, HistoryRecord running, StepContext context,
                                    BackupStore backups, Journal journal, Throwable cause) {
        MigrationVersion version = migration.version();
        // "at key" only when the failing unit or write is known; else "after" the key last completed, not to blame it.
        String place = context.failurePlace();
        String error = (place == null ? "" : place + ": ") + cause;
        String step = (down ? "the down step of " : "") + "version " + version + " (" + migration.description() + ")";
        String where = place == null ? "" : " " + place;
        String failed = step + " failed" + where + ": " + cause;
        LOG.error("Migration failed: {}{}: {}; rolling back", step, where, cause.toString(), cause);
        boolean recorded = false;
        try {
            history.write(running.failed(error, false));
            recorded = true;
            long restored = backups.restoreAll();
            journal.clear();
            history.write(running.failed(error, true));
            backups.deleteAll();
            LOG.info("Rolled {} back: {} keys restored and verified", step, restored);
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            settings.listener().stepFailed(version, down, cause);
            if (!recorded) {
                LOG.error("Recording the failure of {} failed; it stays RUNNING and the next migrate resumes it", step, rollbackFailure);
                return new MigrationFailedException(failed + ", and recording the failure failed too ("
                        + rollbackFailure + "); the step stays RUNNING and the next migrate resumes it", cause);
            }
            LOG.error("Rolling back {} failed; run repair() to finish the rollback", step, rollbackFailure);
            return new MigrationFailedException(failed + ", and rolling it back failed too ("
                    + rollbackFailure + "); run repair() to finish the rollback", cause);
        }
        settings.listener().stepFailed(version, down, cause);
        return new MigrationFailedException(failed + "; the store was rolled back to before the step"
                + " and the failure recorded. Fix the migration, then run repair() before migrating again", cause);
    }

    /**
     * How long the run that crashed lasted, at least: until its last checkpoint batch, or until it last renewed the
     * lock this runner took over from it (same runner name), whichever is later; 0 if neither tells.
     */
    private long crashedRunMillis(HistoryRecord record, Journal journal) {
        long millis = journal.elapsedMillis(record.runId()).orElse(0);
        Optional<LockRecord> stale = lock.takenOver();
        if (stale.isPresent() && stale.get().owner().equals(record.appliedBy()) && record.latestRunStart() != null) {
            millis = Math.max(millis, Duration.between(Instant.parse(record.latestRunStart()), stale.get().lastSeen()).toMillis());
        }
        return Math.max(0, millis);
    }

    private LockLostException lockLost(MigrationVersion version, Throwable cause) {
        return new LockLostException("runner " + settings.owner() + " lost the migration lock ("
                + lock.lostReason().orElse("lease lapsed") + ") while running version " + version
                + "; it stopped, and the next migrate resumes the step", cause);
    }

    private BackupStore backups(String version, boolean down) {
        return new BackupStore(settings.backend(), settings.keys(), down ? version + "-down" : version, fence, settings.clock());
    }
}
