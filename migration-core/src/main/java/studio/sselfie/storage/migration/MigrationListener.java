package studio.sselfie.storage.migration;

/**
 * Hears the progress of a {@link Migrator}. Calls never overlap (they are serialized even when a transform works on
 * several threads), but may come from a worker thread; keep them quick. Every method has a no-op default.
 */
public interface MigrationListener {

    /** A step starts ({@code down} for an undo step); {@code resumed} when it continues a crashed run. */
    default void stepStarted(MigrationVersion version, boolean down, boolean resumed) {
    }

    /** Progress within a step. */
    default void progress(MigrationVersion version, Progress progress) {
    }

    /** A step finished successfully; {@code info} is the version's new history. */
    default void stepSucceeded(MigrationInfo info) {
    }

    /** A step failed; the store was rolled back to the step's rollback point (see {@link MigrationFailedException}). */
    default void stepFailed(MigrationVersion version, boolean down, Throwable cause) {
    }
}
