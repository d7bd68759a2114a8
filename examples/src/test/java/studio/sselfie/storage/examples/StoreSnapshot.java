package studio.sselfie.storage.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * What a store holds, for comparing before and after: every key outside the migrator's reserved prefix with the
 * SHA-256 of its bytes, its content type and its user metadata. ETags and times are left out: a restored object is
 * the same object even when written anew.
 */
record StoreSnapshot(Map<String, Entry> entries) {
    static final String RESERVED_PREFIX = "_migrations/";

    record Entry(String sha256, long size, String contentType, Map<String, String> metadata) {
    }

    static StoreSnapshot of(StorageBackend backend) {
        Map<String, Entry> entries = new TreeMap<>();
        backend.list("").filter(info -> !info.key().startsWith(RESERVED_PREFIX))
                .forEach(info -> entries.put(info.key(), entry(backend, info.key())));
        return new StoreSnapshot(entries);
    }

    /** The SHA-256 of the object at {@code key}, streamed. */
    static String sha256(StorageBackend backend, String key) {
        return entry(backend, key).sha256();
    }

    private static Entry entry(StorageBackend backend, String key) {
        try (StorageObject object = backend.get(key)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long size;
            try (InputStream in = new DigestInputStream(object.stream(), digest)) {
                size = in.transferTo(OutputStream.nullOutputStream());
            }
            ObjectInfo info = object.info();
            return new Entry(HexFormat.of().formatHex(digest.digest()), size, info.contentType().orElse(null), info.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
