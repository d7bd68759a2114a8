package studio.sselfie.storage.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.LockRecord;

/** Reads the history records against the migrations given: {@link Migrator#info()} and {@link Migrator#validate()}. */
final class HistoryView {
    /** The description of the record {@link Migrator#baseline} writes for a version no migration has. */
    static final String BASELINE_MARK = "<< Baseline >>";

    private HistoryView() {
    }

    /** The records by version. */
    static Map<MigrationVersion, HistoryRecord> byVersion(List<HistoryRecord> records) {
        Map<MigrationVersion, HistoryRecord> map = new TreeMap<>();
        for (HistoryRecord record : records) {
            map.put(MigrationVersion.parse(record.version()), record);
        }
        return map;
    }

    /** The state a record stands for. */
    static MigrationState state(HistoryRecord record) {
        return MigrationState.valueOf(record.state());
    }

    /** Whether the version's up step is in effect in the store (applied, baselined, or being undone). */
    static boolean isApplied(HistoryRecord record) {
        MigrationState state = state(record);
        return state == MigrationState.SUCCESS || state == MigrationState.BASELINE
                || (record.isDown() && (state == MigrationState.RUNNING || state == MigrationState.FAILED));
    }

    /** Whether {@code migrate} has to run the version's up step: no record, undone, or failed (and repaired) up. */
    static boolean isPending(HistoryRecord record) {
        return record == null || (!isApplied(record) && state(record) != MigrationState.RUNNING);
    }

    /**
     * One line per version known to the migrator or the history, by version.
     *
     * @param lock the lease in the store, or null if there is none
     */
    static List<MigrationInfo> infos(Settings settings, List<HistoryRecord> records, LockRecord lock) {
        Map<MigrationVersion, HistoryRecord> history = byVersion(records);
        Map<MigrationVersion, MigrationInfo> lines = new TreeMap<>();
        for (Migration migration : settings.migrations()) {
            lines.put(migration.version(), info(settings, migration, history.get(migration.version()), lock));
        }
        history.forEach((version, record) -> lines.computeIfAbsent(version, v -> info(settings, null, record, lock)));
        return List.copyOf(lines.values());
    }

    /** The line of one version, as a runner that holds the lock sees it. */
    static MigrationInfo info(Settings settings, Migration migration, HistoryRecord record) {
        return info(settings, migration, record, null);
    }

    /**
     * The line of one version; {@code migration} or {@code record} may be null, not both. A RUNNING step is ACTIVE
     * while a runner holds the lock with a lease not expired (by the clock) whose process is not known dead, else
     * CRASHED.
     */
    static MigrationInfo info(Settings settings, Migration migration, HistoryRecord record, LockRecord lock) {
        if (record == null) {
            return new MigrationInfo(migration.version(), migration.description(), settings.checksum(migration.version()),
                    MigrationState.PENDING, null, null, null, 0, 0, null);
        }
        MigrationVersion version = MigrationVersion.parse(record.version());
        MigrationState state = state(record);
        if (migration == null && state != MigrationState.BASELINE && state != MigrationState.UNDONE) {
            state = MigrationState.MISSING;
        }
        String checksum = migration != null ? settings.checksum(version) : record.checksum();
        String description = migration != null ? migration.description() : String.valueOf(record.description());
        MigrationInfo.RunStatus status = null;
        String holder = null;
        Instant leaseExpiry = null;
        if (state == MigrationState.RUNNING) {
            boolean alive = lock != null && settings.clock().instant().isBefore(lock.expiry()) && !lock.isHolderKnownDead();
            status = alive ? MigrationInfo.RunStatus.ACTIVE : MigrationInfo.RunStatus.CRASHED;
            holder = lock == null ? null : lock.owner();
            leaseExpiry = lock == null ? null : lock.expiry();
        } else if (state == MigrationState.FAILED) {
            status = MigrationInfo.RunStatus.FAILED;
        }
        String runStart = record.latestRunStart();
        return new MigrationInfo(version, description, checksum, state, record.appliedBy(),
                record.appliedAt() == null ? null : Instant.parse(record.appliedAt()),
                record.durationMillis() == null ? null : Duration.ofMillis(record.durationMillis()),
                record.objects(), record.bytes(), record.error(), status, runStart == null ? null : Instant.parse(runStart),
                holder, leaseExpiry, record.runCount());
    }

    /**
     * Every disagreement between the migrations and the history: a changed checksum of an applied (or running)
     * version, an applied version missing from the migrations, a pending version older than the newest applied one,
     * an unknown target.
     *
     * @param target the target of migrate, or null
     */
    static List<String> problems(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        List<String> problems = new ArrayList<>();
        Map<MigrationVersion, HistoryRecord> history = byVersion(records);
        MigrationVersion newestApplied = null;
        for (Map.Entry<MigrationVersion, HistoryRecord> entry : history.entrySet()) {
            MigrationVersion version = entry.getKey();
            HistoryRecord record = entry.getValue();
            MigrationState state = state(record);
            boolean baselineMark = state == MigrationState.BASELINE && BASELINE_MARK.equals(record.description());
            if (isApplied(record)) {
                newestApplied = version;
            }
            boolean inEffect = isApplied(record) || state == MigrationState.RUNNING;
            Migration migration = settings.migration(version);
            if (migration == null) {
                if (inEffect && !baselineMark) {
                    problems.add("version " + version + " (" + record.description() + ") is " + state
                            + " in the store but missing from the migrations given");
                }
                continue;
            }
            if (inEffect && state != MigrationState.BASELINE && checksumChanged(settings.checksum(version), record.checksum())) {
                problems.add("version " + version + " (" + migration.description() + "): checksum changed since it was applied: recorded "
                        + record.checksum() + ", now declared " + settings.checksum(version) + ". If its effect on the store"
                        + " did not change, run repair() to record the declared checksum; if it did, restore the migration"
                        + " as it was applied and put the change in a new version");
            }
        }
        if (newestApplied != null) {
            for (Migration migration : settings.migrations()) {
                if (migration.version().compareTo(newestApplied) < 0 && isPending(history.get(migration.version()))) {
                    problems.add("version " + migration.version() + " (" + migration.description()
                            + ") is pending but older than applied version " + newestApplied + " (out of order)");
                }
            }
        }
        if (target != null && settings.migration(target) == null) {
            problems.add("unknown target version " + target + "; the migrations given are " + versions(settings));
        }
        return problems;
    }

    /**
     * Whether a declared checksum disagrees with the recorded one. A migration that declares none is never reported
     * (its class file is no evidence of a change, see {@link Migration#checksum()}); one that declares a checksum is
     * reported when the history records another one, or none (it was applied before the author declared one, e.g.
     * with the class-file hash of earlier versions of this library, so the history cannot tell what ran).
     */
    static boolean checksumChanged(String declared, String recorded) {
        return declared != null && !declared.equals(recorded);
    }

    /** The versions of the migrations given, for messages. */
    static List<MigrationVersion> versions(Settings settings) {
        List<MigrationVersion> versions = new ArrayList<>();
        settings.migrations().forEach(m -> versions.add(m.version()));
        return versions;
    }

    /**
     * Fails listing every {@link #problems}.
     *
     * @throws MigrationValidationException if there is any
     */
    static void requireValid(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        List<String> problems = problems(settings, records, target);
        if (!problems.isEmpty()) {
            throw new MigrationValidationException("the migrations disagree with the history in " + settings.backend().name()
                    + ":\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Refuses to run while a version is FAILED.
     *
     * @throws MigrationFailedException naming the version, its error and repair()
     */
    static void refuseFailed(List<HistoryRecord> records) {
        for (HistoryRecord record : records) {
            if (state(record) == MigrationState.FAILED) {
                throw new MigrationFailedException("version " + record.version() + " (" + record.description() + ") FAILED"
                        + (record.isDown() ? " to undo" : "") + ": " + record.error() + "; fix it and run repair() first");
            }
        }
    }
}
