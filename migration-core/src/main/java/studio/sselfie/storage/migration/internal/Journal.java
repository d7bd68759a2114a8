package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageBackend;

/**
 * The checkpoint journal of one step, under {@code P/journal/<version>/<up|down>/}: an empty object per finished unit
 * (named by the unit's hash) and the work list of each transform call. Loaded whole when the step starts, so
 * {@link #isDone} costs no I/O. Thread-safe.
 */
public final class Journal {
    private static final byte[] EMPTY = new byte[0];

    private final StorageBackend backend;
    private final StateKeys keys;
    private final String version;
    private final String direction;
    private final Runnable fence;
    private final Set<String> done = ConcurrentHashMap.newKeySet();

    /**
     * @param direction {@link HistoryRecord#UP} or {@link HistoryRecord#DOWN}
     * @param fence     run before every write; throws to stop a runner that lost its lock
     */
    public Journal(StorageBackend backend, StateKeys keys, String version, String direction, Runnable fence) {
        this.backend = requireNonNull(backend, "backend is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.version = requireNonNull(version, "version is null");
        this.direction = requireNonNull(direction, "direction is null");
        this.fence = requireNonNull(fence, "fence is null");
    }

    /**
     * Reads the finished units from the store (after a crash, those of the crashed run).
     *
     * @return how many units are done
     */
    public int load() {
        String folder = keys.journalDoneFolder(version, direction);
        done.clear();
        backend.list(folder).map(ObjectInfo::key).forEach(key -> done.add(key.substring(folder.length())));
        return done.size();
    }

    /** Whether {@code unit} was checkpointed in this step, by this run or a crashed one. */
    public boolean isDone(String unit) {
        return done.contains(Hashing.sha256Hex(unit));
    }

    /** Records {@code unit} as finished. Idempotent. */
    public void checkpoint(String unit) {
        String hash = Hashing.sha256Hex(unit);
        if (done.contains(hash)) {
            return;
        }
        fence.run();
        backend.put(keys.journalUnit(version, direction, hash), EMPTY);
        done.add(hash);
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

    /** Deletes this step's journal: finished units and work lists. */
    public void clear() {
        Folders.deleteAll(backend, keys.journalStep(version, direction), fence);
        done.clear();
    }
}
