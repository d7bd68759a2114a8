/**
 * The machinery behind {@code studio.sselfie.storage.migration}: the state it keeps in the store (lease lock, history,
 * backups, journal, work lists), hashing and verified transfers. Not API: it may change in any release.
 *
 * <p>It is the bottom of the migration engine: {@code LeaseLock} and {@code HistoryStore} are used by the commands of
 * {@code Migrator} and the step runner, {@code Journal}, {@code BackupStore} and {@code WorkList} by the steps and their
 * transforms, {@code Transfers} and {@code Hashing} by the transforms' units. Each class here talks to the store only.
 *
 * <p>This package knows nothing of the migration API (it depends on {@code studio.sselfie.storage} only), so the two
 * packages form no cycle: the API package uses it, never the other way round. Failures are plain
 * {@link studio.sselfie.storage.StorageException}s or {@link java.lang.IllegalStateException}s that the API package
 * turns into migration exceptions where a caller handles them differently.
 *
 * <p>Arguments are non-null unless a parameter says otherwise.
 */
package studio.sselfie.storage.migration.internal;
