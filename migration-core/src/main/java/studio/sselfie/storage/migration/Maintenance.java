package studio.sselfie.storage.migration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.Folders;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.HistoryStore;
import studio.sselfie.storage.migration.internal.Journal;

/** The bodies of {@link Migrator#baseline}, {@link Migrator#repair} and {@link Migrator#pruneBackups}, run under the lock. */
final class Maintenance {
    private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

    private Maintenance() {
    }

    static Void baseline(Settings settings, HistoryStore history, MigrationVersion version) {
        List<HistoryRecord> records = history.readAll();
        if (!records.isEmpty()) {
            throw new MigrationValidationException("baseline needs a store without migration history; this one has "
                    + records.size() + " history records");
        }
        String now = settings.clock().instant().toString();
        boolean marked = false;
        for (Migration migration : settings.migrations()) {
            if (migration.version().compareTo(version) <= 0) {
                history.write(HistoryRecord.baseline(migration.version().toString(), migration.description(),
                        settings.checksum(migration.version()), MigrationState.BASELINE.name(), settings.owner(), now));
                marked |= migration.version().equals(version);
            }
        }
        if (!marked) {
            history.write(HistoryRecord.baseline(version.toString(), HistoryView.BASELINE_MARK, null, MigrationState.BASELINE.name(),
                    settings.owner(), now));
        }
        LOG.info("Baselined {} at version {}", settings.backend().name(), version);
        return null;
    }

    static Void repair(Settings settings, HistoryStore history, Runnable fence) {
        for (HistoryRecord record : history.readAll()) {
            if (HistoryView.state(record) != MigrationState.FAILED) {
                continue;
            }
            String v = record.version();
            BackupStore backups = new BackupStore(settings.backend(), settings.keys(), record.isDown() ? v + "-down" : v,
                    fence, settings.clock());
            if (!Boolean.TRUE.equals(record.rollbackComplete())) {
                long restored = backups.restoreAll();
                LOG.info("repair: finished the rollback of version {}: {} keys restored and verified", v, restored);
            }
            new Journal(settings.backend(), settings.keys(), v, record.step(), fence).clear();
            backups.deleteAll();
            if (record.isDown()) {
                history.write(record.reapplied());
                LOG.info("repair: version {} is applied again (its down step had failed)", v);
            } else {
                history.delete(v);
                LOG.info("repair: cleared the failure of version {}; it is pending again", v);
            }
        }
        realignChecksums(settings, history);
        return null;
    }

    /**
     * Records the declared checksum (or none) of every migration given whose history record says otherwise, as
     * Flyway's repair does: the operator states that the migrations as they are now are what ran. Each change is
     * logged with both values, so the log keeps what the history no longer does.
     */
    private static void realignChecksums(Settings settings, HistoryStore history) {
        for (HistoryRecord record : history.readAll()) {
            MigrationVersion version = MigrationVersion.parse(record.version());
            Migration migration = settings.migration(version);
            String declared = settings.checksum(version);
            if (migration == null || Objects.equals(declared, record.checksum())) {
                continue;
            }
            history.write(record.withChecksum(declared));
            LOG.info("repair: version {} ({}): recorded checksum {} realigned to {}", record.version(),
                    migration.description(), record.checksum(), declared == null ? "none (the migration declares none)" : declared);
        }
    }

    /**
     * Deletes journals no running step needs: those a runner that died after recording its step's end did not get to
     * delete. One listing of {@code P/journal/}, empty in the normal case.
     */
    static void sweepJournals(Settings settings, List<HistoryRecord> records, Runnable fence) {
        Map<String, HistoryRecord> byVersion = new HashMap<>();
        records.forEach(record -> byVersion.put(record.version(), record));
        String root = settings.keys().prefix() + "journal/";
        Set<String> stale = new TreeSet<>();
        try (Stream<ObjectInfo> journals = settings.backend().list(root)) {
            journals.forEach(info -> {
                String[] parts = info.key().substring(root.length()).split("/", 3);
                if (parts.length < 3) {
                    return;
                }
                HistoryRecord record = byVersion.get(parts[0]);
                boolean running = record != null && HistoryView.state(record) == MigrationState.RUNNING && record.step().equals(parts[1]);
                if (!running) {
                    stale.add(settings.keys().journalStep(parts[0], parts[1]));
                }
            });
        }
        for (String folder : stale) {
            Folders.deleteAll(settings.backend(), folder, fence);
            LOG.info("Deleted the stale journal {}", folder);
        }
    }

    static long pruneBackups(Settings settings, HistoryStore history, MigrationVersion version, Runnable fence) {
        Optional<HistoryRecord> record = history.read(version.toString());
        if (record.isPresent() && (HistoryView.state(record.get()) == MigrationState.RUNNING
                || HistoryView.state(record.get()) == MigrationState.FAILED)) {
            throw new MigrationValidationException("version " + version + " is " + record.get().state()
                    + ": its backups are still needed (resume it or repair first)");
        }
        long deleted = Folders.deleteAll(settings.backend(), settings.keys().backupFolder(version.toString()), fence)
                + Folders.deleteAll(settings.backend(), settings.keys().backupFolder(version + "-down"), fence);
        LOG.info("Pruned the backups of version {}: {} objects", version, deleted);
        return deleted;
    }
}
