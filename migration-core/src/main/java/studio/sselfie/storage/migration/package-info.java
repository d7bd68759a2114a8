/**
 * Versioned up/down migrations of stored objects over any {@link studio.sselfie.storage.StorageBackend}.
 *
 * <p>Write a {@link studio.sselfie.storage.migration.Migration} (best by extending
 * {@link studio.sselfie.storage.migration.BaseMigration}), change data only through its
 * {@link studio.sselfie.storage.migration.MigrationContext}, and run it with a
 * {@link studio.sselfie.storage.migration.Migrator}. History, lock, backups and journal live in the store under a
 * reserved prefix; every change is backed up, checkpointed and verified.
 *
 * <p>What is API: the public types. {@code Migration}, {@code BaseMigration}, {@code MigrationContext} (with
 * {@code ObjectTransform} and {@code DerivedObject}) are what an author writes against; {@code Migrator} and what it
 * answers ({@code MigrationInfo}, {@code MigrationPlan}, {@code MigrationVersion}, {@code MigrationState},
 * {@code MigrationListener}, {@code Progress}, {@code BackendCheck} and {@code CheckReport}) are what an application
 * runs; the exceptions are rooted at {@code MigrationException}.
 *
 * <p>The engine is package-private and reads top-down: a class calls the ones beneath it, never one above.
 * <pre>
 * Migrator                          the commands: validate, lock (LockSession), run, release
 *  +- Preflight                     dry runs of steps: the plan, and the check before migrate or undo writes
 *  +- StepRunner                    one step for real: history record, run, roll back on failure
 *  |   +- DefaultMigrationContext   the author's MigrationContext, for real or dry-run (also Preflight's)
 *  |       +- GuardedBackend        the store a step sees: guarded writes, recorded in a dry run
 *  |       +- Transforms            moveKeys, copyFrom, transform, updateMetadata, restoring the rollback point
 *  |           +- UnitRunner        the units of one transform call, on several threads
 *  |               +- StepContext   the step's mode (StepMode), guard, counters, failure place, journal and
 *  |                                backups; used by every class from DefaultMigrationContext down
 *  +- Maintenance                   baseline, repair, pruning
 * Leaves, used at any level: WorkPlanner (work lists and their rules), HistoryView (the history against the
 * migrations), Settings.
 * </pre>
 * A dry run is the same engine in another mode ({@code StepMode}): the same context, store guard, work lists and
 * rules, with writes recorded (a plan) or skipped (a check), and no journal, backups or history. Beneath the engine,
 * the state it keeps in the store (lock, history, journal, backups, work lists) and the verified transfers are in
 * {@code studio.sselfie.storage.migration.internal}, which does not know this package.
 *
 * <p>Null contract: parameters and return values are non-null unless documented otherwise; a null argument fails with
 * {@link java.lang.NullPointerException} naming it. Absent values are returned as {@link java.util.Optional}, never
 * as null, and {@code Optional} is never a field or a parameter.
 */
package studio.sselfie.storage.migration;
