package studio.sselfie.storage.migration.testkit;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * The content of a store, object by object: key to SHA-256 (of the bytes streamed from the store), size, content
 * type and user metadata. Two snapshots are equal when the stores held the same bytes, types and metadata under the
 * same keys. Immutable.
 */
public final class StoreSnapshot {

    /**
     * What one object held.
     *
     * @param sha256      hex SHA-256 of its bytes
     * @param size        its length
     * @param contentType its content type, or empty
     * @param metadata    its user metadata
     */
    public record Entry(String sha256, long size, String contentType, Map<String, String> metadata) {
        /** @throws NullPointerException if a component is null */
        public Entry {
            requireNonNull(sha256, "sha256 is null");
            requireNonNull(contentType, "contentType is null");
            metadata = Map.copyOf(requireNonNull(metadata, "metadata is null"));
        }

        @Override
        public String toString() {
            return sha256.substring(0, 12) + " " + size + " " + contentType + " " + new TreeMap<>(metadata);
        }
    }

    private final SortedMap<String, Entry> entries;

    private StoreSnapshot(SortedMap<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * Reads every object of {@code store} except those under {@code excludedPrefix} (the migrator's reserved prefix;
     * empty excludes nothing), streaming and hashing each.
     */
    public static StoreSnapshot of(StorageBackend store, String excludedPrefix) {
        requireNonNull(store, "store is null");
        requireNonNull(excludedPrefix, "excludedPrefix is null");
        SortedMap<String, Entry> entries = new TreeMap<>();
        try (Stream<ObjectInfo> listing = store.list("")) {
            listing.filter(info -> excludedPrefix.isEmpty() || !info.key().startsWith(excludedPrefix))
                    .forEach(info -> entries.put(info.key(), read(store, info.key())));
        }
        return new StoreSnapshot(entries);
    }

    private static Entry read(StorageBackend store, String key) {
        try (StorageObject object = store.get(key); InputStream in = object.stream()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[16 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                size += n;
            }
            ObjectInfo info = object.info();
            return new Entry(HexFormat.of().formatHex(digest.digest()), size, info.contentType().orElse(""), info.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Key to entry, in key order. */
    public SortedMap<String, Entry> entries() {
        return java.util.Collections.unmodifiableSortedMap(entries);
    }

    /** The keys, in order. */
    public java.util.Set<String> keys() {
        return entries().keySet();
    }

    /** Objects in the snapshot. */
    public int size() {
        return entries.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreSnapshot && entries.equals(((StoreSnapshot) o).entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** One line per object. */
    @Override
    public String toString() {
        return entries.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n", "{\n", "\n}"));
    }
}
