package studio.sselfie.storage.migration;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.HistoryStore;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.LeaseLock;

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
        if (resumed) {
            running = record;
            int done = journal.load();
            LOG.info("Resuming the {} step of version {} ({}) left RUNNING by {}: {} units were done", direction, v,
                    migration.description(), record.appliedBy(), done);
        } else {
            // A fresh start: drop what an earlier, finished attempt left (journal, backups of an undone run).
            journal.clear();
            backups.deleteAll();
            if (!down) {
                backups.markRollbackPoint();
            }
            String now = settings.clock().instant().toString();
            running = down
                    ? new HistoryRecord(v, migration.description(), record.checksum(), MigrationState.RUNNING.name(), direction,
                    settings.owner(), now, record.appliedAt(), record.durationMillis(), record.objects(), record.bytes(), null, null)
                    : new HistoryRecord(v, migration.description(), settings.checksum(version), MigrationState.RUNNING.name(),
                    direction, settings.owner(), now, null, null, 0, 0, null, null);
            history.write(running);
            LOG.info("Running the {} step of version {} ({})", direction, v, migration.description());
        }
        settings.listener().stepStarted(version, down, resumed);
        DefaultMigrationContext context = new DefaultMigrationContext(settings, version, down, backups, upBackups, journal, fence);
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
            throw fail(migration, down, running, context, backups, journal, e);
        }
        // Nothing is pending unless the step caught a failed transform and went on: flushed, so that a crash before
        // the end record below resumes without redoing them.
        journal.flush();
        fence.run();
        long millis = (System.nanoTime() - started) / 1_000_000;
        HistoryRecord ended = running.ended(down ? MigrationState.UNDONE.name() : MigrationState.SUCCESS.name(),
                settings.clock().instant().toString(), millis, context.objects(), context.bytes());
        history.write(ended);
        journal.clear();
        if (down) {
            // Undone: the store is as before the up step, so neither rollback point means anything any more.
            backups.deleteAll();
            upBackups.deleteAll();
        }
        MigrationInfo info = HistoryView.info(settings, migration, ended);
        LOG.info("Version {} {}: {} objects, {} bytes in {} ms", v, down ? "undone" : "applied", context.objects(), context.bytes(), millis);
        settings.listener().stepSucceeded(info);
        return info;
    }

    private MigrationException fail(Migration migration, boolean down, HistoryRecord running, DefaultMigrationContext context,
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

    private LockLostException lockLost(MigrationVersion version, Throwable cause) {
        return new LockLostException("runner " + settings.owner() + " lost the migration lock ("
                + lock.lostReason().orElse("lease lapsed") + ") while running version " + version
                + "; it stopped, and the next migrate resumes the step", cause);
    }

    private BackupStore backups(String version, boolean down) {
        return new BackupStore(settings.backend(), settings.keys(), down ? version + "-down" : version, fence, settings.clock());
    }
}
