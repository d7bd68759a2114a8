package studio.sselfie.storage.migration;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.internal.StateKeys;

/**
 * What a {@link Migrator} was built with, checked.
 *
 * @param migrations sorted by version, no duplicates
 * @param checksums       the declared checksum of each migration that declares one, asked once at build time
 * @param checkpointBatch units per journal write of a transform (see {@link studio.sselfie.storage.migration.internal.Journal})
 */
record Settings(StorageBackend backend, StateKeys keys, List<Migration> migrations, Map<MigrationVersion, String> checksums,
                Duration lockLease, Duration lockWait, String owner, MigrationListener listener, int concurrency,
                Clock clock, int checkpointBatch) {

    /**
     * Checks the migrations and asks each for its declared checksum.
     *
     * @throws IllegalArgumentException     if a migration is null, or has a null version or description, answers null
     *                                      instead of an optional checksum, or has version 0
     * @throws MigrationValidationException naming the version if two migrations share it
     */
    static Settings of(StorageBackend backend, StateKeys keys, List<Migration> migrations, Duration lockLease,
                       Duration lockWait, String owner, MigrationListener listener, int concurrency, Clock clock,
                       int checkpointBatch) {
        Map<MigrationVersion, Migration> byVersion = new TreeMap<>();
        Map<MigrationVersion, String> checksums = new HashMap<>();
        for (int i = 0; i < migrations.size(); i++) {
            Migration migration = migrations.get(i);
            if (migration == null) {
                throw new IllegalArgumentException("migrations[" + i + "] is null");
            }
            MigrationVersion version = migration.version();
            if (version == null || version.equals(MigrationVersion.ZERO)) {
                throw new IllegalArgumentException("migration " + migration.getClass().getName() + " has version " + version
                        + "; versions start above 0");
            }
            if (migration.description() == null) {
                throw new IllegalArgumentException("migration of version " + version + " has a null description");
            }
            Migration other = byVersion.putIfAbsent(version, migration);
            if (other != null) {
                throw new MigrationValidationException("duplicate migration version " + version + ": '" + other.description()
                        + "' (" + other.getClass().getName() + ") and '" + migration.description() + "' ("
                        + migration.getClass().getName() + ")");
            }
            Optional<String> checksum = migration.checksum();
            if (checksum == null) {
                throw new IllegalArgumentException("migration of version " + version
                        + " answers null for its checksum; Optional.empty() declares none");
            }
            checksum.ifPresent(declared -> checksums.put(version, declared));
        }
        return new Settings(backend, keys, List.copyOf(byVersion.values()), Map.copyOf(checksums), lockLease, lockWait,
                owner, listener, concurrency, clock, checkpointBatch);
    }

    /** The declared checksum of the migration of {@code version}, or null if it declares none. */
    String checksum(MigrationVersion version) {
        return checksums.get(version);
    }

    /** The migration of {@code version}, or null. */
    Migration migration(MigrationVersion version) {
        for (Migration migration : migrations) {
            if (migration.version().equals(version)) {
                return migration;
            }
        }
        return null;
    }
}
