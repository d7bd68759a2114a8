package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * The rollback point of one step: under {@code P/backup/<namespace>/}, for every key the step changed, what it was
 * before (see {@link BackupRecord}). A key is backed up once per step: the first backup wins, so the rollback point
 * is the state before the step even when the step writes a key twice or is resumed after a crash. Thread-safe.
 *
 * <p><b>Keys that held no object, in batches.</b> A key that held no object needs no copy, only the fact, so that a
 * rollback deletes what the step created there. {@link #recordAbsent} records the targets of a whole transform call
 * that its up-front listing showed free, {@value #ABSENT_BATCH} keys an object under {@code absent/}, before the first unit of
 * the call writes: one write per batch instead of a read and a write per target. It is an intent record: a crash
 * after it and before the unit leaves a key the record says was free and that may or may not hold the unit's copy,
 * and a rollback deletes it either way, which is right in both cases (the step created it or nothing). Resuming a
 * call writes the batches of the call the crashed run did not write, with the same keys: a batch is missing only if
 * no unit of the call ran, so the keys recorded by earlier calls, which decide what a batch leaves out, are the same.
 * A key in a batch is backed up, as far as {@link #backup} is concerned: later writes of the step to it take no
 * backup (the first one wins, as for any key). The listing that said a key was free is as old as the plan of the call:
 * an object another program writes there between plan and unit would be deleted by a rollback, as a backup taken
 * just before the write would miss an object written just after it.
 */
public final class BackupStore {
    private static final String POINT = "point.json";
    /** Keys per batch object of {@link #recordAbsent}. */
    static final int ABSENT_BATCH = 1000;

    private final StorageBackend backend;
    private final StateKeys keys;
    private final String namespace;
    private final Runnable fence;
    private final Clock clock;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Object[] stripes = new Object[64];
    // True once this run emptied the namespace: then every record is one this object wrote, and lookups need no I/O.
    private volatile boolean indexComplete;
    // Keys (by hash) that held no object, recorded in batches; loaded once from the store on a resume.
    private final Map<String, String> absent = new ConcurrentHashMap<>();
    // Keys that may hold the bytes of a moved source's backup, and that source.
    private final Map<String, String> holders = new ConcurrentHashMap<>();
    private final Set<String> absentBatches = ConcurrentHashMap.newKeySet();
    // Sources recorded in batches of moves, by key; loaded once from the store on a resume, with the batches above.
    private final Map<String, BackupRecord> moved = new ConcurrentHashMap<>();
    private final Set<String> movedBatches = ConcurrentHashMap.newKeySet();
    private volatile boolean batchesLoaded;

    /**
     * @param namespace the version, or {@code <version>-down} for a down step
     * @param fence     run before every write; throws to stop a runner that lost its lock
     */
    public BackupStore(StorageBackend backend, StateKeys keys, String namespace, Runnable fence, Clock clock) {
        this.backend = requireNonNull(backend, "backend is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.namespace = requireNonNull(namespace, "namespace is null");
        this.fence = requireNonNull(fence, "fence is null");
        this.clock = requireNonNull(clock, "clock is null");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    /** Marks that this namespace holds a rollback point (even an empty one: the step may change nothing). */
    public void markRollbackPoint() {
        fence.run();
        backend.put(keys.rollbackPoint(namespace), Json.write(Map.of("namespace", namespace, "createdAt", clock.instant().toString())), Json.PUT);
    }

    /** Whether this namespace holds a rollback point (not pruned, not missing). */
    public boolean hasRollbackPoint() {
        return backend.exists(keys.rollbackPoint(namespace));
    }

    /**
     * Backs up the object at {@code key}, or records that there is none, unless this step already did. The bytes are
     * read once (info and SHA-256 of one version), copied inside the store and verified (by the copy's MD5 ETag, else
     * size and SHA-256 read back, see {@link Transfers}) before the record is written.
     *
     * @return whether a backup was taken now
     */
    public boolean backup(String key) {
        return backup(key, null, null);
    }

    /**
     * {@link #backup(String)} of an object the caller has just read: {@code current} is its info and {@code original}
     * the fingerprint of its bytes, so the store is not asked for either again. The copy is still verified against
     * {@code original}: if the object changed since, the backup fails rather than record the wrong bytes.
     *
     * @return whether a backup was taken now
     */
    public boolean backup(ObjectInfo current, Fingerprint original) {
        requireNonNull(current, "current is null");
        return backup(current.key(), current, requireNonNull(original, "original is null"));
    }

    private boolean backup(String key, ObjectInfo known, Fingerprint knownFingerprint) {
        String hash = Hashing.sha256Hex(key);
        preserveIfHolder(key);
        if (!done.contains(hash) && movedAway(key)) {
            done.add(hash);
            return false;
        }
        return recordOnce(hash, () -> {
            ObjectInfo info = known;
            Fingerprint original = knownFingerprint;
            if (info == null) {
                // One GET gives the info and the bytes to hash, of one version (a HEAD and a GET could see two).
                try (StorageObject object = backend.get(key)) {
                    info = object.info();
                    original = Hashing.fingerprint(object.stream());
                } catch (ObjectNotFoundException e) {
                    info = null;
                } catch (IOException e) {
                    throw new StorageUnavailableException(backend.name(), StorageOperation.GET, key, "reading the body failed", e);
                }
            }
            if (info == null) {
                return new BackupRecord(key, false, null, null, 0, null, Map.of(), null, null, clock.instant().toString(), null);
            }
            String dataKey = keys.backupData(namespace, hash);
            fence.run();
            Transfers.copyVerified(backend, key, dataKey, original, info.etag(), "the backup of '" + key + "'");
            return new BackupRecord(key, true, info.etag(), original.sha256(), original.size(),
                    info.contentType().orElse(null), info.metadata(), BackupRecord.headerMap(info.headers()),
                    info.lastModified().toString(), clock.instant().toString(), null);
        });
    }

    /**
     * Backs up the source of a move, just copied to {@code movedTo} and verified there, without a copy of its own: the
     * record says its bytes are at {@code movedTo} ({@link BackupRecord#dataAt()}), which holds them until the step
     * writes that key again (then {@link #backup} copies them into the record's own data first) or a rollback restores
     * the source from it (before it deletes or restores {@code movedTo}, see {@link #restoreAll}). Unless this step
     * backed up {@code current}'s key already (the first backup wins).
     *
     * @return whether a record was written now
     */
    public boolean backupMoved(ObjectInfo current, Fingerprint original, String movedTo) {
        String key = current.key();
        String hash = Hashing.sha256Hex(key);
        preserveIfHolder(key);
        holders.put(movedTo, key);
        return recordOnce(hash, () -> new BackupRecord(key, true, current.etag(), original.sha256(), original.size(),
                current.contentType().orElse(null), current.metadata(), BackupRecord.headerMap(current.headers()),
                current.lastModified().toString(), clock.instant().toString(), movedTo));
    }

    /**
     * Writes the backup record {@code record} makes for the key of {@code hash}, unless this step backed it up already (this
     * run, an earlier run's record, or the up-front listing's note that the key was absent): the first backup wins.
     * The record is made under the key's stripe lock, so one thread copies a key's bytes, once.
     */
    private boolean recordOnce(String hash, Supplier<BackupRecord> record) {
        if (done.contains(hash)) {
            return false;
        }
        loadBatches();
        synchronized (stripes[Math.floorMod(hash.hashCode(), stripes.length)]) {
            if (alreadyBackedUp(hash)) {
                return false;
            }
            BackupRecord made = record.get();
            fence.run();
            backend.put(keys.backupRecord(namespace, hash), Json.write(made), Json.PUT);
            done.add(hash);
            return true;
        }
    }

    /**
     * Notes that {@code target} may hold the bytes of {@code source}'s backup (a move of this step): a resumed step
     * calls it for every move of a call before its units, so that a later write to {@code target} copies them away
     * first, as in the run that crashed.
     */
    public void mayHoldDataOf(String target, String source) {
        holders.put(target, source);
    }

    /**
     * Whether {@code key} is the source of a move in a batch of this step ({@link #recordMoves}) whose listed version
     * is no longer at {@code key}: the move ran, and its target holds that version, which is the key's backup. While
     * the listed version is still at the key (the move did not run, or failed before its delete), the key needs a
     * backup of its own like any other, which then takes the batch's place.
     */
    private boolean movedAway(String key) {
        loadBatches();
        BackupRecord batch = moved.get(key);
        if (batch == null) {
            return false;
        }
        Optional<ObjectInfo> now = backend.head(key);
        return now.isEmpty() || !Transfers.sameMd5(now.get().etag(), batch.etag());
    }

    /**
     * Before a write to {@code key}: if a source's record says its bytes are at {@code key}, copies them into that
     * record's own data object (verified) and points the record at it, so the write cannot take them.
     */
    private void preserveIfHolder(String key) {
        String source = holders.get(key);
        if (source == null) {
            return;
        }
        String sourceHash = Hashing.sha256Hex(source);
        synchronized (stripes[Math.floorMod(sourceHash.hashCode(), stripes.length)]) {
            if (!holders.containsKey(key)) {
                return;
            }
            String recordKey = keys.backupRecord(namespace, sourceHash);
            Optional<BackupRecord> record = ownRecord(sourceHash);
            if (record.isPresent() && key.equals(record.get().dataAt())) {
                BackupRecord r = record.get();
                fence.run();
                Transfers.copyVerified(backend, key, keys.backupData(namespace, sourceHash), r.fingerprint(), r.etag(),
                        "the backup of '" + source + "' kept at '" + key + "'");
                fence.run();
                backend.put(recordKey, Json.write(r.withDataAt(null)), Json.PUT);
            } else if (record.isEmpty() && moved.containsKey(source) && key.equals(moved.get(source).dataAt())) {
                preserveBatchMove(moved.get(source), recordKey, sourceHash);
            }
            holders.remove(key);
        }
    }

    /**
     * Before the target of a move of a batch is written again: if the move ran (the target holds the listed version),
     * copies that version into the source's own data object and writes the source a record of its own, with the
     * SHA-256 and the attributes, which takes the batch's place.
     */
    private void preserveBatchMove(BackupRecord batch, String recordKey, String sourceHash) {
        String target = batch.dataAt();
        Optional<ObjectInfo> at = backend.head(target);
        if (at.isEmpty() || !Transfers.sameMd5(at.get().etag(), batch.etag())) {
            return; // the move did not run: the source still holds its bytes, and backs itself up if written
        }
        Fingerprint bytes = Transfers.fingerprint(backend, target);
        fence.run();
        Transfers.copyVerified(backend, target, keys.backupData(namespace, sourceHash), bytes, batch.etag(),
                "the backup of '" + batch.key() + "' kept at '" + target + "'");
        ObjectInfo info = at.get();
        BackupRecord own = new BackupRecord(batch.key(), true, batch.etag(), bytes.sha256(), bytes.size(),
                info.contentType().orElse(null), info.metadata(), BackupRecord.headerMap(info.headers()),
                info.lastModified().toString(), clock.instant().toString(), null);
        fence.run();
        backend.put(recordKey, Json.write(own), Json.PUT);
        done.add(sourceHash);
    }

    /**
     * The record of its own of the key of {@code hash} (not a batch's), if this step wrote one; no request once this
     * run emptied the namespace and has written none for it.
     */
    private Optional<BackupRecord> ownRecord(String hash) {
        if (indexComplete && !done.contains(hash)) {
            return Optional.empty();
        }
        String recordKey = keys.backupRecord(namespace, hash);
        try {
            return Optional.of(Json.read(backend.getBytes(recordKey), BackupRecord.class, "backup record " + recordKey));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Records that none of {@code keys} held an object before this step (the listing of the plan of transform call
     * {@code call} said so), in batch objects written before this returns, leaving out keys this step backed up
     * already. Call it before the call's first write to any of them. See the class comment.
     */
    public synchronized void recordAbsent(String call, List<String> keysWithoutObject) {
        Set<String> chunkHashes = new HashSet<>();
        writeBatches(keysWithoutObject, chunk -> keys.backupAbsent(namespace, call, chunk), absentBatches, key -> {
            String hash = Hashing.sha256Hex(key);
            return moved.containsKey(key) || !chunkHashes.add(hash) || alreadyBackedUp(hash) ? null : key;
        }, fresh -> {
            fresh.forEach(key -> {
                String hash = Hashing.sha256Hex(key);
                absent.put(hash, key);
                done.add(hash);
            });
            chunkHashes.clear();
        });
    }

    /**
     * Whether this step backed up the key of {@code hash} already: this run, a batch of absent keys, or a record an
     * earlier run wrote (asked of the store only until this run emptied the namespace). Remembered once true.
     */
    private boolean alreadyBackedUp(String hash) {
        if (done.contains(hash)) {
            return true;
        }
        if (absent.containsKey(hash) || !indexComplete && backend.exists(keys.backupRecord(namespace, hash))) {
            done.add(hash);
            return true;
        }
        return false;
    }

    /**
     * Writes the batch objects of one call, {@value #ABSENT_BATCH} items a batch, each with the entries {@code entry}
     * makes of its items (null: left out), unless {@code written} holds its key (the run that crashed wrote it, and
     * its entries were loaded); a batch left with no entry is not written. A batch is missing after a crash only if no
     * unit of the call ran, so a resumed call writes it with the same entries.
     */
    private <T, E> void writeBatches(List<T> items, IntFunction<String> batchKey, Set<String> written,
                                     Function<T, E> entry, Consumer<List<E>> noteWritten) {
        loadBatches();
        for (int chunk = 0; chunk * ABSENT_BATCH < items.size(); chunk++) {
            String key = batchKey.apply(chunk);
            if (written.contains(key)) {
                continue;
            }
            List<E> fresh = new ArrayList<>();
            for (T item : items.subList(chunk * ABSENT_BATCH, Math.min(items.size(), (chunk + 1) * ABSENT_BATCH))) {
                E made = entry.apply(item);
                if (made != null) {
                    fresh.add(made);
                }
            }
            if (fresh.isEmpty()) {
                continue;
            }
            fence.run();
            backend.put(key, Json.write(fresh), Json.PUT);
            written.add(key);
            noteWritten.accept(fresh);
        }
    }

    /**
     * Records the moves of moveKeys call {@code call} that need no record of their own, {@value #ABSENT_BATCH} an
     * object under {@code moved/}, after {@link #recordAbsent} of their targets and before the call's first unit:
     * {@code moves} are the moves of the call whose target the plan's listing showed free and whose source's listed
     * ETag is an MD5 ({@link WorkItem#isProvableMoveToFreeTarget()}). A source this step backed up already is left
     * out (its backup holds what it was before the step).
     *
     * <p>An entry says: the source was, before this step, the listed version (that MD5 ETag and size), and once moved
     * it is at the target, a server-side copy that keeps its content type, headers and metadata. It is an intent: a
     * move costs only its copy and its delete, with no read of the source and no record of its own, because what a
     * crash can leave is decided by the store:
     * <ul>
     *   <li>A rollback ({@link #restoreAll}) restores each source whose listed version is not at its key from its
     *       target (verified by the copy's MD5 ETag), before the batch of absent targets deletes the targets. A source
     *       still holding its listed version (the move did not run, or ran up to its copy) is left as it is.</li>
     *   <li>The move's unit verifies its copy by the MD5 ETag the copy answers against the listed one; a store that
     *       answers another ETag (a copy re-encrypted, say) gets both read and compared and the source a record of
     *       its own ({@link #backupMoved}), which takes the entry's place here and in a rollback.</li>
     *   <li>A later write of the step to the source backs it up as any key while the listed version is still there,
     *       and takes no backup once it is not (the target holds it); a later write to the target first copies the
     *       listed version away into the source's own record ({@link #backup}).</li>
     * </ul>
     * Resuming a call writes the batches the crashed run did not write, as {@link #recordAbsent} does.
     */
    public synchronized void recordMoves(String call, List<WorkItem> moves) {
        writeBatches(moves, chunk -> keys.backupMoved(namespace, call, chunk), movedBatches,
                item -> moved.containsKey(item.source()) || alreadyBackedUp(Hashing.sha256Hex(item.source())) ? null
                        : BackupRecord.moved(item.source(), item.etag(), item.size(), item.target()),
                this::noteMoved);
    }

    private void noteMoved(List<BackupRecord> entries) {
        for (BackupRecord entry : entries) {
            moved.put(entry.key(), entry);
            holders.put(entry.dataAt(), entry.key());
        }
    }

    /** On a resume, the batches of absent keys and of moves that earlier runs of the step recorded; once. */
    private void loadBatches() {
        if (indexComplete || batchesLoaded) {
            return;
        }
        synchronized (absent) {
            if (batchesLoaded) {
                return;
            }
            for (String batchKey : listKeys(keys.backupAbsentFolder(namespace))) {
                for (String key : readAbsent(batchKey)) {
                    absent.put(Hashing.sha256Hex(key), key);
                }
                absentBatches.add(batchKey);
            }
            for (String batchKey : listKeys(keys.backupMovedFolder(namespace))) {
                noteMoved(readMoved(batchKey));
                movedBatches.add(batchKey);
            }
            batchesLoaded = true;
        }
    }

    private List<String> listKeys(String folder) {
        try (Stream<ObjectInfo> listing = backend.list(folder)) {
            return listing.map(ObjectInfo::key).toList();
        }
    }

    private List<String> readAbsent(String batchKey) {
        return List.of(Json.read(backend.getBytes(batchKey), String[].class, "absent keys " + batchKey));
    }

    private List<BackupRecord> readMoved(String batchKey) {
        return List.of(Json.read(backend.getBytes(batchKey), BackupRecord[].class, "moves " + batchKey));
    }

    private BackupRecord absentRecord(String key) {
        return new BackupRecord(key, false, null, null, 0, null, Map.of(), null, null, null, null);
    }

    /** The backup record of {@code key}, if this step took one. */
    public Optional<BackupRecord> record(String key) {
        String hash = Hashing.sha256Hex(key);
        loadBatches();
        String absentKey = absent.get(hash);
        if (absentKey != null) {
            return Optional.of(absentRecord(absentKey));
        }
        Optional<BackupRecord> own = ownRecord(hash);
        return own.isPresent() ? own : Optional.ofNullable(moved.get(key));
    }

    /** The info of the object at {@code key} as {@link #openOriginal} opens it; empty if there is none. */
    public Optional<ObjectInfo> originalInfo(String key) {
        Optional<BackupRecord> record = record(key);
        if (record.isEmpty() || !record.get().existed()) {
            return backend.head(key);
        }
        BackupRecord r = record.get();
        if (r.attributesAtData()) {
            try (StorageObject object = openListedVersion(r)) {
                return Optional.of(object.info());
            }
        }
        return Optional.of(ObjectInfo.builder().key(key).size(r.size()).etag(r.etag()).lastModified(Instant.parse(r.lastModified()))
                .contentType(r.contentType()).headers(r.objectHeaders()).metadata(r.metadata()).sha256(r.sha256()).build());
    }

    /**
     * Opens the object at {@code key} as it was before this step: from the backup when one was taken, else from the
     * store. A key that held no object before this step (the step created it, say by a move in an earlier call) is
     * opened as it is now in the store: its first state in this step. The info names {@code key} either way. Empty if
     * there is no object. The caller closes the result.
     */
    public Optional<StorageObject> openOriginal(String key) {
        Optional<BackupRecord> record = record(key);
        if (record.isEmpty() || !record.get().existed()) {
            try {
                return Optional.of(backend.get(key));
            } catch (ObjectNotFoundException e) {
                return Optional.empty();
            }
        }
        BackupRecord r = record.get();
        if (r.attributesAtData()) {
            return Optional.of(openListedVersion(r));
        }
        StorageObject data = backend.get(r.dataAt() != null ? r.dataAt() : keys.backupData(namespace, Hashing.sha256Hex(key)));
        ObjectInfo info = data.info().toBuilder().key(key).etag(r.etag()).contentType(r.contentType())
                .headers(r.objectHeaders()).metadata(r.metadata()).sha256(r.sha256()).build();
        return Optional.of(new StorageObject(info, data.stream(), data.contentLength(), null));
    }

    /**
     * The listed version of a move of a batch, keyed as its source: at the move's target once the move ran, else still
     * at the source. The caller closes it.
     *
     * @throws StorageException if neither holds it
     */
    private StorageObject openListedVersion(BackupRecord r) {
        for (String at : List.of(r.dataAt(), r.key())) {
            StorageObject object;
            try {
                object = backend.get(at);
            } catch (ObjectNotFoundException e) {
                continue;
            }
            if (Transfers.sameMd5(object.info().etag(), r.etag())) {
                return new StorageObject(object.info().toBuilder().key(r.key()).build(), object.stream(), object.contentLength(), null);
            }
            object.close();
        }
        throw new StorageException(backend.name(), StorageOperation.GET, r.key(), "the version of '" + r.key()
                + "' before this step (ETag " + r.etag() + ") is neither at '" + r.dataAt() + "' nor at '" + r.key() + "'", null);
    }

    /**
     * Every backup record of this namespace, read lazily; a key of a batch of keys without an object is one too, and
     * so is a move of a batch whose source has no record of its own (the listing meets the records first: see
     * {@link StateKeys#backupMovedFolder}).
     */
    public Stream<BackupRecord> records() {
        String folder = keys.backupFolder(namespace);
        String absentFolder = keys.backupAbsentFolder(namespace);
        String movedFolder = keys.backupMovedFolder(namespace);
        Set<String> ownRecords = new HashSet<>();
        return backend.list(folder)
                .map(ObjectInfo::key)
                .filter(k -> k.endsWith(".json") && !k.equals(folder + POINT))
                .flatMap(k -> {
                    if (k.startsWith(absentFolder)) {
                        return readAbsent(k).stream().map(this::absentRecord);
                    }
                    if (k.startsWith(movedFolder)) {
                        return readMoved(k).stream().filter(entry -> !ownRecords.contains(Hashing.sha256Hex(entry.key())));
                    }
                    ownRecords.add(k.substring(folder.length(), k.length() - ".json".length()));
                    return Stream.of(Json.read(backend.getBytes(k), BackupRecord.class, "backup record " + k));
                });
    }

    /**
     * Puts {@code record}'s key back as it was: copies the bytes back (content type, headers and metadata come with them) or
     * deletes the key, then verifies the result.
     *
     * @throws StorageException if the restored object differs from the backup
     */
    public void restore(BackupRecord record) {
        String key = record.key();
        fence.run();
        if (!record.existed()) {
            backend.delete(key);
            if (backend.exists(key)) {
                throw new StorageException(backend.name(), StorageOperation.DELETE, key, "verification of the restore failed: the key still exists", null);
            }
            return;
        }
        if (record.dataAt() == null) {
            Transfers.copyVerified(backend, keys.backupData(namespace, Hashing.sha256Hex(key)), key, record.fingerprint(),
                    record.etag(), "the restore of '" + key + "'");
        } else {
            restoreMoved(record);
        }
        if (record.attributesAtData()) {
            return; // a server-side copy of the object the move made, verified by its MD5: its attributes came with it
        }
        ObjectInfo restored = backend.head(key).orElseThrow();
        if (!restored.metadata().equals(record.metadata())
                || (record.contentType() != null && !record.contentType().equals(restored.contentType().orElse(null)))) {
            throw new StorageException(backend.name(), StorageOperation.COPY, key, "verification of the restore failed: content type "
                    + restored.contentType().orElse(null) + " / metadata " + restored.metadata() + ", expected "
                    + record.contentType() + " / " + record.metadata(), null);
        }
        if (record.headers() != null && !restored.headers().equals(record.objectHeaders())) {
            throw new StorageException(backend.name(), StorageOperation.COPY, key, "verification of the restore failed: headers "
                    + restored.headers() + ", expected " + record.objectHeaders(), null);
        }
    }

    /**
     * Copies a moved source back from the move's target. Redone after a crash of the restore, the source may be back
     * already and the target gone: an ETag that proves the bytes, or the bytes read back, say so.
     */
    private void restoreMoved(BackupRecord record) {
        String key = record.key();
        Optional<ObjectInfo> present = backend.head(key);
        if (present.isPresent() && Transfers.sameMd5(present.get().etag(), record.etag())) {
            return;
        }
        if (record.attributesAtData()) {
            String what = "the restore of '" + key + "' from '" + record.dataAt() + "'";
            ObjectInfo answer;
            try {
                answer = backend.copy(record.dataAt(), key);
            } catch (ObjectNotFoundException e) {
                throw new StorageException(backend.name(), StorageOperation.COPY, key, what + " failed: '" + record.dataAt()
                        + "', which held its bytes, is gone", e);
            }
            if (!Transfers.sameMd5(answer.etag(), record.etag())) {
                throw new StorageException(backend.name(), StorageOperation.COPY, key, "verification of " + what
                        + " failed: the copy answered ETag " + answer.etag() + ", the moved version had " + record.etag(), null);
            }
            return;
        }
        try {
            Transfers.copyVerified(backend, record.dataAt(), key, record.fingerprint(), record.etag(),
                    "the restore of '" + key + "' from '" + record.dataAt() + "'");
        } catch (ObjectNotFoundException e) {
            if (present.isEmpty()) {
                throw new StorageException(backend.name(), StorageOperation.COPY, key, "the restore of '" + key
                        + "' failed: its bytes were kept at '" + record.dataAt() + "', which is gone", e);
            }
            Transfers.verify(backend, key, record.fingerprint(), "the restore of '" + key + "'");
        }
    }

    /**
     * Restores every record of this namespace (see {@link #restore}) in the order of {@link #restoreOrder}.
     *
     * @return keys restored
     */
    public long restoreAll() {
        long count = 0;
        for (List<BackupRecord> wave : restoreOrder()) {
            for (BackupRecord record : wave) {
                restore(record);
                count++;
            }
        }
        return count;
    }

    /**
     * Every record of this namespace, read once, in the order a restore must take them: first the sources of moves,
     * from the targets that hold their bytes, in the waves of {@link #restoreWaves}; then, as the last list, the rest
     * (which deletes or restores those targets). Within a list, any order, or at once.
     */
    public List<List<BackupRecord>> restoreOrder() {
        List<BackupRecord> moves = new ArrayList<>();
        List<BackupRecord> others = new ArrayList<>();
        try (Stream<BackupRecord> records = records()) {
            records.forEach(record -> (record.dataAt() != null ? moves : others).add(record));
        }
        List<List<BackupRecord>> order = new ArrayList<>(restoreWaves(moves));
        order.add(others);
        return order;
    }

    /**
     * The records of moves ({@link BackupRecord#dataAt()} set) in the order a restore must take them, in waves: a key
     * that holds the bytes of another record is restored only after that record, which reads them. That happens when
     * a step moves a key away in one call and moves another key onto it in a later one (b/ to c/, then a/ to b/, as
     * {@code moveKeys} asks a chain to be split): a/ is restored from b/ before b/ is restored from c/.
     *
     * @throws IllegalStateException if the records hold each other's bytes in a cycle, which the rules of a step's
     *                               writes do not let happen (a key's first backup is the one kept)
     */
    private static List<List<BackupRecord>> restoreWaves(Collection<BackupRecord> moves) {
        Map<String, Integer> readers = new HashMap<>();
        moves.forEach(record -> readers.merge(record.dataAt(), 1, Integer::sum));
        List<List<BackupRecord>> waves = new ArrayList<>();
        List<BackupRecord> pending = new ArrayList<>(moves);
        while (!pending.isEmpty()) {
            List<BackupRecord> wave = new ArrayList<>();
            List<BackupRecord> later = new ArrayList<>();
            for (BackupRecord record : pending) {
                (readers.getOrDefault(record.key(), 0) == 0 ? wave : later).add(record);
            }
            if (wave.isEmpty()) {
                throw new IllegalStateException("the backups of moves hold each other's bytes in a cycle, starting at '"
                        + pending.get(0).key() + "'");
            }
            wave.forEach(record -> readers.merge(record.dataAt(), -1, Integer::sum));
            waves.add(wave);
            pending = later;
        }
        return waves;
    }

    /**
     * Deletes the whole namespace: records, data and the rollback point mark. From then on this object knows every
     * record of the namespace (it writes them all), so it no longer asks the store whether a key was backed up.
     */
    public void deleteAll() {
        Folders.deleteAll(backend, keys.backupFolder(namespace), fence);
        done.clear();
        absent.clear();
        absentBatches.clear();
        moved.clear();
        movedBatches.clear();
        holders.clear();
        indexComplete = true;
    }

    /** The namespace, for messages. */
    public String namespace() {
        return namespace;
    }
}
