package studio.sselfie.storage.migration;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.internal.Hashing;

/** Seeding and byte-for-byte snapshots of stores. */
final class Stores {
    static final String RESERVED = "_migrations/";

    private Stores() {
    }

    /** key → sha256, content type and metadata of every object outside the reserved prefix. */
    static Map<String, String> snapshot(StorageBackend store) {
        return snapshot(store, false);
    }

    /** key → sha256, content type and metadata of every object, the reserved prefix included. */
    static Map<String, String> snapshotAll(StorageBackend store) {
        return snapshot(store, true);
    }

    private static Map<String, String> snapshot(StorageBackend store, boolean withReserved) {
        Map<String, String> snapshot = new TreeMap<>();
        store.list("").filter(info -> withReserved || !info.key().startsWith(RESERVED)).forEach(listed -> {
            ObjectInfo info = store.head(listed.key()).orElseThrow();
            snapshot.put(info.key(), Hashing.sha256Hex(store.getBytes(info.key())) + " " + info.contentType().orElse("-")
                    + " " + new TreeMap<>(info.metadata()));
        });
        return snapshot;
    }

    /** Keys under the reserved prefix. */
    static Map<String, Long> reserved(StorageBackend store) {
        return store.list(RESERVED).collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::size, (a, b) -> a, TreeMap::new));
    }

    /** Puts {@code count} small text objects under {@code prefix}, named 000.txt, 001.txt, ... */
    static void seed(StorageBackend store, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String key = prefix + String.format("%03d.txt", i);
            store.put(key, ("content of " + key + " ").repeat(i + 1).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    PutOptions.builder().contentType("text/plain").metadata("seed", Integer.toString(i)).build());
        }
    }
}
