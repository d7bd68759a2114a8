package studio.sselfie.storage.migration;

/** Where a migration stands, as {@link Migrator#info()} reports it. */
public enum MigrationState {
    /** Known to the migrator, not applied. */
    PENDING,
    /** Its up step is running, or a runner crashed during it: the next migrate resumes it from its journal. */
    RUNNING,
    /** Applied. */
    SUCCESS,
    /** Its step failed and was rolled back; {@link Migrator#repair()} clears it. */
    FAILED,
    /** Applied, then reverted by {@link Migrator#undo}. */
    UNDONE,
    /** Marked applied by {@link Migrator#baseline} without running. */
    BASELINE,
    /** Recorded as applied in the store but not among the migrations given to the migrator. */
    MISSING
}
