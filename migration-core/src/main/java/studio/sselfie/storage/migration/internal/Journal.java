package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/**
 * The checkpoint journal of one step, under {@code P/journal/<version>/<up|down>/}: the finished units (by hash) and
 * the work list of each transform call. Loaded whole when the step starts, so {@link #isDone} costs no I/O. Thread-safe.
 *
 * <p><b>Batches.</b> {@link #checkpoint} only notes a unit (in the done set and in a pending batch); the batch is
 * written as one object {@code done/batch-<run>-<seq>} holding the units' hashes, one a line, when it holds
 * {@code batchSize} units and on {@link #flush()}. Callers flush at the end of every transform call that succeeds (so
 * each call starts with every earlier call durably done) and before the step's end is recorded; a call that fails does
 * not flush, as its step is rolled back (clearing the journal) or stopped by a lost lock (whose fence would refuse the
 * write). This is safe because a unit's effects are redo-safe already: without batches a crash can fall between a
 * unit's last write and its checkpoint, and resuming redoes the unit to a byte-identical end state (the
 * crash-at-every-write tests prove it). Batching widens that window only: units finished but not flushed are redone
 * after a crash. It needs the units of one batch to be independent of each other (redoing one cannot depend on another
 * not having run yet), which the transforms guarantee (their work lists are checked so, and they read every original
 * from the backup). Custom units need not be independent, so their checkpoints use {@link #checkpointNow}, which
 * writes one empty object {@code done/<sha256(unit)>} before it returns.
 *
 * <p>A hash goes into the done set only once its unit finished, and into the store only after that, so the journal
 * never says done of a unit that is not; the reverse (done but not yet flushed) costs a redo only. Within a run,
 * skipping a unit the done set holds is right whether flushed or not: this run finished it. The done set never
 * outlives its run: every step run (and so every runner that takes over a lost lock) builds its journal from the
 * store with {@link #load()}, and a runner that lost the lock stops at the fence of its next write, flushes included.
 * Nothing but {@link #load()} of a resumed step reads the journal: rollback and repair restore from the backups, and
 * only delete the journal.
 *
 * <p>Batch objects are named by a random run id, so a resumed run never overwrites the batches of the run it resumes.
 * Earlier versions of this code wrote every checkpoint as a per-unit object, so {@link #load()} resumes a step such a
 * runner left RUNNING too.
 *
 * <p><b>What a unit costs besides its checkpoint.</b> The journal is one of four places where a unit's cost was cut,
 * and each argues its crash safety where it lives:
 * <ul>
 *   <li>checkpoints are batched (above);</li>
 *   <li>the targets a transform call's listing shows free are recorded as absent in one intent record per 1,000 keys
 *       before the call's first write, instead of a read and a record per target ({@link BackupStore}, class comment:
 *       a crash after the intent and before the unit is rolled back by deleting a key the step created or never
 *       wrote, both right);</li>
 *   <li>a moved source gets no backup copy. When the plan's listing showed its target free and gave it an MD5 ETag,
 *       it is recorded with its listed version in one intent record per 1,000 moves before the call's first write
 *       ({@link BackupStore#recordMoves}, which argues the crash cases: the store decides which side holds the listed
 *       version), and the move is the copy, verified by the ETag it answers, and the delete: the requests of a plain
 *       copy and delete. Otherwise its record, written after the copy to the target was verified and before the
 *       source is deleted, says its bytes are at the target ({@link BackupStore#backupMoved}); a crash before the
 *       record leaves the source in place, after it the target holds the bytes. Either way the step's later writes to
 *       the target copy them away first, and a rollback restores sources before it deletes or restores targets;</li>
 *   <li>what a unit writes is verified by the store's answer where that proves the bytes ({@link Transfers}).</li>
 * </ul>
 * A move's writes stay in their order (backup of the target if it existed, copy, backup record of the source where it
 * needs one, delete), and the crash-at-every-write tests check every position of them. A move whose source is gone
 * when it runs (a crashed run deleted it after the copy, before its checkpoint) is found done when its target holds
 * the listed MD5 ETag, or the SHA-256 of the source's own record, whoever created the source.
 *
 * <p><b>Counts.</b> A batch line is a unit's hash, followed by a space and the bytes it wrote when the unit changed an
 * object ({@link #checkpoint(String, long)}); a batch name ends with the milliseconds since its run started. So a
 * resumed run learns from {@link #load()} what the crashed runs did ({@link #loadedObjects()},
 * {@link #loadedBytes()}) and how long the crashed run lasted at least ({@link #elapsedMillis(String)}), at no cost
 * in writes. A unit is counted by the run whose batch holds it: a unit finished but not flushed by a crashed run is
 * redone, or found done, by the next run and counted there, so each changed object counts once over all runs.
 */
public final class Journal {
    /** Units per batch object unless told otherwise. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private static final String BATCH = "batch-";
    private static final PutOptions TEXT = PutOptions.builder().contentType("text/plain").build();

    private final StorageBackend backend;
    private final StateKeys keys;
    private final String version;
    private final String direction;
    private final Runnable fence;
    private final int batchSize;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final AtomicLong batches = new AtomicLong();
    private final long startedNanos = System.nanoTime();
    private final java.util.Map<String, Long> elapsedByRun = new ConcurrentHashMap<>();
    private volatile long loadedObjects;
    private volatile long loadedBytes;
    private final Set<String> done = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private List<String> pending = new ArrayList<>();

    /** A journal with batches of {@value #DEFAULT_BATCH_SIZE} units. */
    public Journal(StorageBackend backend, StateKeys keys, String version, String direction, Runnable fence) {
        this(backend, keys, version, direction, fence, DEFAULT_BATCH_SIZE);
    }

    /**
     * @param direction {@link HistoryRecord#UP} or {@link HistoryRecord#DOWN}
     * @param fence     run before every write; throws to stop a runner that lost its lock
     * @param batchSize units per batch object; 1 writes every checkpoint at once
     * @throws IllegalArgumentException if {@code batchSize} is below 1
     */
    public Journal(StorageBackend backend, StateKeys keys, String version, String direction, Runnable fence, int batchSize) {
        this.backend = requireNonNull(backend, "backend is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.version = requireNonNull(version, "version is null");
        this.direction = requireNonNull(direction, "direction is null");
        this.fence = requireNonNull(fence, "fence is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /**
     * Reads the finished units from the store (after a crash, those of the crashed run): every batch object and every
     * per-unit object.
     *
     * @return how many units are done
     * @throws IllegalStateException naming the object if a batch holds something other than unit hashes
     */
    public int load() {
        String folder = keys.journalDoneFolder(version, direction);
        List<String> names = new ArrayList<>();
        try (Stream<ObjectInfo> listing = backend.list(folder)) {
            listing.forEach(info -> names.add(info.key().substring(folder.length())));
        }
        synchronized (lock) {
            pending = new ArrayList<>();
        }
        done.clear();
        elapsedByRun.clear();
        long[] counts = new long[2];
        for (String name : names) {
            if (name.startsWith(BATCH)) {
                readBatch(folder + name, counts);
                noteElapsed(name.substring(BATCH.length()));
            } else {
                done.add(name);
            }
        }
        loadedObjects = counts[0];
        loadedBytes = counts[1];
        return done.size();
    }

    /** The id of this run, which names its batches. */
    public String runId() {
        return runId;
    }

    /** Objects changed by the units {@link #load()} found checkpointed (by earlier runs), as their batches counted them. */
    public long loadedObjects() {
        return loadedObjects;
    }

    /** Bytes written by the units {@link #load()} found checkpointed, as their batches counted them. */
    public long loadedBytes() {
        return loadedBytes;
    }

    /**
     * How long run {@code runId} had run when it wrote its last batch that {@link #load()} found: a lower bound of its
     * duration. Empty if it wrote none (or wrote them with an earlier version of this code).
     */
    public java.util.OptionalLong elapsedMillis(String runId) {
        Long millis = runId == null ? null : elapsedByRun.get(runId);
        return millis == null ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(millis);
    }

    /** Whether {@code unit} was checkpointed in this step, by this run or a crashed one. */
    public boolean isDone(String unit) {
        return done.contains(Hashing.sha256Hex(unit));
    }

    /**
     * Records {@code unit} as finished: at once in {@link #isDone}, in the store with its batch (when the batch is full,
     * else on {@link #flush()}). Call it only after the unit's last write. Idempotent.
     *
     * @throws studio.sselfie.storage.StorageException if this call writes a full batch and that fails (the batch stays
     *                                                 pending)
     */
    public void checkpoint(String unit) {
        checkpoint(unit, -1);
    }

    /**
     * {@link #checkpoint(String)} of a unit that changed one object, writing {@code bytes} (negative: it changed
     * nothing); the batch keeps the count for {@link #loadedObjects()} and {@link #loadedBytes()} of a resumed run.
     */
    public void checkpoint(String unit, long bytes) {
        String hash = Hashing.sha256Hex(unit);
        if (!done.add(hash)) {
            return;
        }
        String line = bytes < 0 ? hash : hash + " " + bytes;
        List<String> full = null;
        synchronized (lock) {
            pending.add(line);
            if (pending.size() >= batchSize) {
                full = pending;
                pending = new ArrayList<>();
            }
        }
        if (full != null) {
            write(full);
        }
    }

    /**
     * Records {@code unit} as finished, in the store before this returns (one write, unless it is done already).
     *
     * @throws studio.sselfie.storage.StorageException if the write fails (the unit is then not done)
     */
    public void checkpointNow(String unit) {
        String hash = Hashing.sha256Hex(unit);
        if (done.contains(hash)) {
            return;
        }
        fence.run();
        backend.put(keys.journalUnit(version, direction, hash), new byte[0]);
        done.add(hash);
    }

    /**
     * Writes the checkpoints pending when called as one batch object; nothing if none is pending. Call it when no
     * {@link #checkpoint} runs at the same time (a transform call's units are over): one running meanwhile may be
     * in a batch another thread is still writing when this returns.
     *
     * @throws studio.sselfie.storage.StorageException if the write fails (the checkpoints stay pending)
     */
    public void flush() {
        List<String> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        write(batch);
    }

    /** The stored work list of the {@code index}-th transform call of this step, if the step got that far before. */
    public Optional<WorkList> workList(int index) {
        String key = keys.workList(version, direction, index);
        try {
            return Optional.of(Json.read(backend.getBytes(key), WorkList.class, "work list " + key));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Stores the work list of the {@code index}-th transform call. */
    public void saveWorkList(int index, WorkList list) {
        fence.run();
        backend.put(keys.workList(version, direction, index), Json.write(list), Json.PUT);
    }

    /** Deletes this step's journal: finished units, pending ones included, and work lists. */
    public void clear() {
        synchronized (lock) {
            pending = new ArrayList<>();
        }
        Folders.deleteAll(backend, keys.journalStep(version, direction), fence);
        done.clear();
        loadedObjects = 0;
        loadedBytes = 0;
    }

    private void write(List<String> batch) {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000;
        String key = keys.journalBatch(version, direction, runId, batches.incrementAndGet(), elapsed);
        try {
            fence.run();
            backend.put(key, (String.join("\n", batch) + "\n").getBytes(StandardCharsets.UTF_8), TEXT);
        } catch (RuntimeException e) {
            // Kept for the next flush, in case the step goes on (it caught the failure); a lost lock fails that too.
            synchronized (lock) {
                pending.addAll(batch);
            }
            throw e;
        }
    }

    private void readBatch(String key, long[] counts) {
        String text = new String(backend.getBytes(key), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            String hash = space < 0 ? line : line.substring(0, space);
            long bytes = space < 0 ? -1 : parseCount(line.substring(space + 1));
            if (!Hashing.isSha256Hex(hash) || (space >= 0 && bytes < 0)) {
                throw new IllegalStateException("journal batch " + key + " is not readable: '" + abbreviate(line)
                        + "' is not a unit hash (and a byte count)");
            }
            if (done.add(hash) && bytes >= 0) {
                counts[0]++;
                counts[1] += bytes;
            }
        }
    }

    private static long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Notes the elapsed time a batch name {@code <run>-<seq>-<t>ms} carries; names without one are older. */
    private void noteElapsed(String name) {
        String[] parts = name.split("-");
        if (parts.length == 3 && parts[2].endsWith("ms")) {
            long millis = parseCount(parts[2].substring(0, parts[2].length() - 2));
            if (millis >= 0) {
                elapsedByRun.merge(parts[0], millis, Math::max);
            }
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "...";
    }
}
