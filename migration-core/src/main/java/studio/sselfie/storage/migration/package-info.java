/**
 * Versioned up/down migrations of stored objects over any {@link studio.sselfie.storage.StorageBackend}.
 *
 * <p>Write a {@link studio.sselfie.storage.migration.Migration} (best by extending
 * {@link studio.sselfie.storage.migration.BaseMigration}), change data only through its
 * {@link studio.sselfie.storage.migration.MigrationContext}, and run it with a
 * {@link studio.sselfie.storage.migration.Migrator}. History, lock, backups and journal live in the store under a
 * reserved prefix; every change is backed up, checkpointed and verified.
 *
 * <p>Null contract: parameters and return values are non-null unless documented otherwise; a null argument fails with
 * {@link java.lang.NullPointerException} naming it. Absent values are returned as {@link java.util.Optional}, never
 * as null, and {@code Optional} is never a field or a parameter.
 */
package studio.sselfie.storage.migration;
