package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageBackend;

/** The history records under {@code P/history/}. Writes call the fence first. */
public final class HistoryStore {
    private final StorageBackend backend;
    private final StateKeys keys;
    private final Runnable fence;

    /**
     * @param fence run before every write; throws to stop a runner that lost its lock
     */
    public HistoryStore(StorageBackend backend, StateKeys keys, Runnable fence) {
        this.backend = requireNonNull(backend, "backend is null");
        this.keys = requireNonNull(keys, "keys is null");
        this.fence = requireNonNull(fence, "fence is null");
    }

    /** Every record, in listing order. */
    public List<HistoryRecord> readAll() {
        List<HistoryRecord> records = new ArrayList<>();
        backend.list(keys.historyFolder()).map(ObjectInfo::key).filter(key -> key.endsWith(".json")).forEach(key -> {
            try {
                records.add(Json.read(backend.getBytes(key), HistoryRecord.class, "history record " + key));
            } catch (ObjectNotFoundException e) {
                // Deleted since the listing (repair): it is gone.
            }
        });
        return records;
    }

    /** The record of {@code version}, if any. */
    public Optional<HistoryRecord> read(String version) {
        String key = keys.history(version);
        try {
            return Optional.of(Json.read(backend.getBytes(key), HistoryRecord.class, "history record " + key));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Stores {@code record}, replacing the version's earlier record. */
    public void write(HistoryRecord record) {
        fence.run();
        backend.put(keys.history(record.version()), Json.write(record), Json.PUT);
    }

    /** Deletes the record of {@code version}. */
    public void delete(String version) {
        fence.run();
        backend.delete(keys.history(version));
    }
}
