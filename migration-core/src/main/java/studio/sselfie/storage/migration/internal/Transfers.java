package studio.sselfie.storage.migration.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * Streams and verification. Nothing here holds a whole object in memory: bytes are hashed as they pass.
 *
 * <p>Verification compares "what was read" with "what is stored". What was read is the SHA-256 of the bytes as they
 * streamed through this client, or, for a server-side copy, the source's SHA-256 as its store reports it (streamed
 * and hashed when the store does not know it). What is stored is always streamed back and hashed: the store's own
 * checksum of the new object is not taken on trust.
 */
public final class Transfers {
    private Transfers() {
    }

    /**
     * Size and SHA-256 of the object at {@code key}, streamed back from the store.
     *
     * @throws studio.sselfie.storage.ObjectNotFoundException if there is no object at the key
     * @throws StorageUnavailableException                   if reading fails midway
     */
    public static Fingerprint fingerprint(StorageBackend backend, String key) {
        try (StorageObject object = backend.get(key)) {
            return Hashing.fingerprint(object.stream());
        } catch (IOException e) {
            throw new StorageUnavailableException(backend.name(), StorageOperation.GET, key, "reading the body failed", e);
        }
    }

    /** The fingerprint of {@code info}'s object: its reported SHA-256 when known, else streamed and hashed. */
    public static Fingerprint reported(StorageBackend backend, ObjectInfo info) {
        Optional<String> sha = info.sha256();
        return sha.isPresent() ? new Fingerprint(info.size(), sha.get()) : fingerprint(backend, info.key());
    }

    /**
     * Streams the object at {@code key} back and compares it with {@code expected}.
     *
     * @throws StorageException naming the key, both fingerprints and {@code what}, if they differ or the object is gone
     */
    public static void verify(StorageBackend backend, String key, Fingerprint expected, String what) {
        Fingerprint stored;
        try {
            stored = fingerprint(backend, key);
        } catch (studio.sselfie.storage.ObjectNotFoundException e) {
            throw new StorageException(backend.name(), StorageOperation.GET, key,
                    "verification of " + what + " failed: the object is missing", e);
        }
        if (!stored.equals(expected)) {
            throw new StorageException(backend.name(), StorageOperation.GET, key,
                    "verification of " + what + " failed: stored " + stored + ", expected " + expected, null);
        }
    }

    /**
     * Streams {@code source} into {@code target} at {@code targetKey} with its known length, hashing the bytes as they
     * pass. The source is not closed.
     *
     * @param options content type, headers and metadata to store; {@code null} keeps the source's
     * @return the fingerprint of the bytes sent
     * @throws StorageException if the source's reported SHA-256 differs from the bytes read
     */
    public static Fingerprint streamPut(StorageObject source, StorageBackend target, String targetKey, PutOptions options) {
        PutOptions put = options != null ? options : optionsOf(source.info(), source.info().metadata());
        MessageDigest digest = Hashing.sha256();
        CountingInputStream counted = new CountingInputStream(new DigestInputStream(source.stream(), digest));
        target.put(targetKey, counted, source.contentLength(), put);
        Fingerprint sent = new Fingerprint(counted.count, Hashing.hex(digest.digest()));
        Optional<String> reported = source.info().sha256();
        if (reported.isPresent() && source.range().isEmpty() && !reported.get().equals(sent.sha256())) {
            throw new StorageException(target.name(), StorageOperation.PUT, targetKey, "the source '" + source.info().key()
                    + "' reports sha256 " + reported.get() + " but its bytes hash to " + sent.sha256(), null);
        }
        return sent;
    }

    /** Put options keeping {@code info}'s content type and HTTP headers, with {@code metadata}. */
    public static PutOptions optionsOf(ObjectInfo info, Map<String, String> metadata) {
        PutOptions.Builder options = PutOptions.builder().headers(info.headers()).metadata(metadata);
        info.contentType().ifPresent(options::contentType);
        return options.build();
    }

    /** A view of {@code in} whose {@code close()} does nothing, for callers that must not close it. */
    public static InputStream nonClosing(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // The stream belongs to the caller.
            }
        };
    }

    /** Rethrows an {@code IOException} of a user callback as unchecked, keeping it as the cause. */
    public static UncheckedIOException unchecked(String what, IOException e) {
        return new UncheckedIOException(what + " failed: " + e.getMessage(), e);
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) {
            // Skipping would leave bytes out of the digest.
            return 0;
        }

        @Override
        public void close() {
            // The source stream belongs to the caller.
        }
    }
}
