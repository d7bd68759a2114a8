package studio.sselfie.storage.migration;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;

/**
 * What a migration step works with. Every change made through it is safe without the author doing anything: before
 * an object is overwritten or deleted it is backed up under the step's rollback point (and a created key is recorded
 * as created), progress is checkpointed in a journal so a crashed step resumes where it stopped, and every object a
 * transform writes is verified (size and SHA-256, streamed back from the store).
 *
 * <p><b>Resuming.</b> After a crash the step's method runs again from its start with the journal of the crashed run
 * loaded: each transform skips the units it finished, and works on the keys its first run listed (the work list is
 * kept in the journal), so the end state is the same as that of an uninterrupted run. For this the step must call the
 * context's transforms in the same order every time it runs (plain code does). Transforms read the objects as they
 * were before the step (from the backup when the step already changed them), so rerunning a unit gives the same
 * result. Custom code pairs {@link #store()} writes with {@link #checkpoint(String)} / {@link #isDone(String)}.
 *
 * <p><b>Reserved keys.</b> Keys under the migrator's reserved prefix (default {@code _migrations/}) cannot be read or
 * written through the context: such a call fails with {@link ReservedPrefixException} before any write, and listings
 * through {@link #store()} leave them out. {@link Migrator#migrate} and {@link Migrator#undo} find such a step (and a
 * {@link #moveKeys} or {@link #copyFrom} mapping two keys to one) in a dry run before their first write, and reject it.
 *
 * <p><b>Dry runs.</b> A step also runs as a dry run, with writes recorded instead of done: in {@link Migrator#plan()}
 * and in the check migrate and undo make before they write. So a step runs at least twice per migrate; code with
 * effects outside the context (calls to other systems, counters) skips them when {@link #isDryRun()} is true.
 *
 * <p><b>Lock.</b> Every write first checks that this runner still holds the lock lease; a runner that lost it stops
 * with {@link LockLostException} before the write.
 *
 * <p>Work lists are held in memory, one key pair per object of the prefix: for prefixes of many millions of objects,
 * split the work into several calls on narrower prefixes.
 */
public interface MigrationContext {

    /** The version of the step that is running. */
    MigrationVersion version();

    /** Whether this is the down step of the version. */
    boolean isDown();

    /**
     * Whether this is a dry run ({@link Migrator#plan()}, or the check before a migrate or undo writes): reads see the
     * real store, writes and transforms are recorded, not done, and {@link #isDone(String)} is always false. Default:
     * false.
     */
    default boolean isDryRun() {
        return false;
    }

    /**
     * The store being migrated, guarded: every put, copy target, delete and deleteAll backs up the old object first
     * (once per key and step) and checks the lease and the reserved prefix; reads pass through (keys under the reserved
     * prefix are rejected and left out of listings). Use it for custom steps; pair writes with
     * {@link #checkpoint(String)} / {@link #isDone(String)} so a resumed step skips finished work. Closing it does not
     * close the store.
     */
    StorageBackend store();

    /**
     * Renames every object under {@code prefix} to {@code mapping.apply(key)}: copy inside the store, verify, back up
     * and delete the old key. A key the mapping returns unchanged is left alone; a mapping to a key that exists and is
     * not itself moved overwrites it (backed up first). Every target is computed and checked before the first write.
     * Units run on up to {@code concurrency} threads (see {@link Migrator.Builder#concurrency(int)}).
     *
     * @return objects moved by this run (after a crash, the units the crashed run finished are skipped, not counted)
     * @throws IllegalArgumentException naming source and target if the mapping returns null or an invalid key, if two
     *                                  keys map to one target, or if a target is itself a key to be moved
     * @throws ReservedPrefixException  if the prefix or a target lies under the reserved prefix
     */
    long moveKeys(String prefix, Function<String, String> mapping);

    /**
     * Copies every object under {@code prefix} from {@code source} (another backend, only read) into this store at
     * {@code mapping.apply(key)}, streamed with its known length and hashed on the way, verified per object, on up to
     * {@code concurrency} threads with a bounded queue. Afterwards every pair is compared again in the style of
     * {@code rclone check} ({@link CheckReport}): by size and MD5 ETag where both sides give one, else by SHA-256 (as
     * reported, or read); the call fails if any object differs, is missing or could not be read.
     * Targets are checked before the first write as for {@link #moveKeys}.
     *
     * @return objects copied
     * @throws MigrationException       if the check finds a difference; the message lists the lines that are not {@code =}
     * @throws IllegalArgumentException as for {@link #moveKeys}
     * @throws ReservedPrefixException  if a target lies under the reserved prefix
     */
    long copyFrom(StorageBackend source, String prefix, Function<String, String> mapping);

    /**
     * For every object under {@code prefix} whose listing entry {@code filter} accepts (key, size, ETag and
     * last-modified are known there), writes a derived object (e.g. a thumbnail) computed by {@code transform} from the
     * original's full info and streamed bytes; the original is untouched unless the derived key equals it. Each derived
     * object is backed up over, verified and checkpointed. A derived key should not be the key of another object of the
     * same call (each original is read as it was before the step, but two originals deriving one key is an error).
     *
     * @return objects written
     * @throws IllegalArgumentException if a derived key is invalid
     * @throws ReservedPrefixException  if the prefix or a derived key lies under the reserved prefix
     */
    long transform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform);

    /**
     * Rewrites the user metadata of every object under {@code prefix} to {@code update.apply(info)} (bytes and content
     * type kept: the bytes are streamed back into the same key and their SHA-256 verified unchanged). An object whose
     * metadata would not change is left alone. {@code update} sees each object as it was before the step; an object
     * the step itself created (say, the target of a {@link #moveKeys} earlier in the step) as it is when its unit runs,
     * so after a crash such a unit may be redone from the object the crashed run already changed: keep such updates
     * idempotent (set values rather than derive them from the old ones).
     *
     * @return objects changed
     */
    long updateMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update);

    /**
     * Backs up the object at {@code key} (or records that it does not exist) unless already done in this step. The
     * guarded {@link #store()} and the transforms call this themselves.
     *
     * @throws ReservedPrefixException if the key lies under the reserved prefix
     */
    void backup(String key);

    /**
     * Marks a unit of work done in this step's journal, written to the store before this returns; a resumed step sees
     * it in {@link #isDone(String)}.
     */
    void checkpoint(String unit);

    /** Whether {@link #checkpoint(String)} was called for {@code unit} in this step, before a crash included. */
    boolean isDone(String unit);

    /**
     * Restores this version's rollback point (the backups its up step took): overwritten and deleted objects come back
     * byte-identical with their content type and metadata, created ones are deleted; each key is verified after. This
     * is what {@link Migration#down} does by default. Only in a down step; resumable like the transforms.
     *
     * @throws MigrationException    if the version has no rollback point (backups pruned, or the version baselined)
     * @throws IllegalStateException if called in an up step
     */
    void restoreRollbackPoint();

    /** Reports progress of a custom step to the listener: objects and bytes done, totals unknown. */
    void progress(long objectsDone, long bytesDone);

    /** Reports progress of a custom step to the listener: objects and bytes done, and the objects in all. */
    void progress(long objectsDone, long bytesDone, long objectsTotal);
}
