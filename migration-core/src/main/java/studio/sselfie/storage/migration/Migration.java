package studio.sselfie.storage.migration;

import java.util.Optional;

/**
 * One versioned change of stored data, with an {@link #up} and a {@link #down} step. Extend {@link BaseMigration},
 * which reads the version and description from the class name ({@code V3__Move_thumbnails}).
 *
 * <p>Steps change data only through the {@link MigrationContext}: its transforms and its {@link MigrationContext#store()}
 * back up what they overwrite or delete, checkpoint progress and verify what they write, so a crashed step resumes and
 * a failed one rolls back. A step must be written so that running it again after a resume does the same thing
 * (the context skips what its journal says is done).
 */
public interface Migration {

    /** The version; unique among the migrations of one {@link Migrator}. */
    MigrationVersion version();

    /** What the migration does, in a few words. */
    String description();

    /**
     * The checksum the author declares for this migration, recorded when it is applied; {@link Migrator#validate()}
     * (and so {@code migrate} and {@code undo}) reports an applied migration whose declared checksum differs from the
     * recorded one. Declare one (any text: {@code "1"}, a date, a hash of the definition) and change it when the
     * migration's effect changes; it must not depend on how the class was compiled.
     *
     * <p>Default: none, as Flyway gives Java migrations none: a checksum computed from the class file would change on an
     * innocent rebuild (another JDK, other {@code -g} flags, a line moved) and stop the application at startup. A
     * migration without one is never reported as changed. {@link Migrator#repair()} realigns the recorded checksums to
     * the declared ones.
     *
     * @return the declared checksum, or empty for none
     */
    default Optional<String> checksum() {
        return Optional.empty();
    }

    /**
     * Applies the change. Throwing rolls the store back to how it was before this step. It also runs as a dry run
     * before migrate writes, and in {@link Migrator#plan()} (see {@link MigrationContext#isDryRun()}).
     */
    void up(MigrationContext context);

    /**
     * Reverts the change. The default restores this version's rollback point: every object {@code up} overwrote or
     * deleted comes back byte-identical and every object it created is deleted. Override it for a down step that
     * computes the old state instead (e.g. when the backups were pruned).
     */
    default void down(MigrationContext context) {
        context.restoreRollbackPoint();
    }
}
