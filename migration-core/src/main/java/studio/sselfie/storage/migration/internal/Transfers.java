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
 * and hashed when the store does not know it).
 *
 * <p>What is stored is proven by the store's answer where that answer proves it, and streamed back and hashed where
 * it does not:
 * <ul>
 *   <li>A put ({@link #putVerified}, {@link #streamPutVerified}): the MD5 of the bytes sent, computed as they pass, equals
 *       the ETag the store answered. S3, MinIO and the in-memory backend give the MD5 of the bytes as the ETag of an
 *       object stored in one part without SSE-KMS or SSE-C, and compute it from the bytes they received, so a match
 *       proves the stored bytes are the ones sent. A multipart ETag ({@code <hex>-<parts>}) or an encrypted object's
 *       ETag does not match, and the object is read back.</li>
 *   <li>A server-side copy ({@link #copyVerified}): the ETag the copy answered equals the ETag of the source version
 *       that was hashed, and both look like an MD5 (32 hex digits). On those stores a copy of a one-part unencrypted
 *       object keeps its MD5 ETag, computed by the store over the copied bytes; the copy's ETag is that of the
 *       target, so equal MD5 ETags prove equal bytes. Where a store gives copies other ETags (SSE-KMS, multipart
 *       sources, stores whose ETag is not a digest) nothing matches, and the target is read back.</li>
 * </ul>
 * MD5 is no defence against someone who forges colliding objects on purpose, and is not meant as one: verification
 * guards against a copy or write that went wrong, and the store's own MD5 of what it stored answers exactly that.
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

    /** An ETag without quotes, in lower case, if it looks like an MD5 (32 hex digits); else empty. */
    public static Optional<String> md5Etag(String etag) {
        if (etag == null) {
            return Optional.empty();
        }
        String bare = etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2 ? etag.substring(1, etag.length() - 1) : etag;
        bare = bare.toLowerCase(java.util.Locale.ROOT);
        if (bare.length() != 32) {
            return Optional.empty();
        }
        for (int i = 0; i < bare.length(); i++) {
            char c = bare.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return Optional.empty();
            }
        }
        return Optional.of(bare);
    }

    /** Whether two ETags are the same MD5 (see the class comment). */
    public static boolean sameMd5(String a, String b) {
        Optional<String> first = md5Etag(a);
        return first.isPresent() && first.equals(md5Etag(b));
    }

    /**
     * Copies {@code from} to {@code to} inside {@code backend} and verifies the target: by the copy's answer when its
     * ETag is the MD5 {@code sourceEtag} of the source version that {@code expected} fingerprints, else by streaming it
     * back (see the class comment).
     *
     * @param sourceEtag the ETag of the source version {@code expected} was read from, or null if unknown
     * @return the copy's answer
     * @throws StorageException as {@link #verify} if the target is not {@code expected}
     */
    public static ObjectInfo copyVerified(StorageBackend backend, String from, String to, Fingerprint expected,
                                          String sourceEtag, String what) {
        ObjectInfo answer = backend.copy(from, to);
        if (answer == null || !sameMd5(answer.etag(), sourceEtag)) {
            verify(backend, to, expected, what);
        }
        return answer;
    }

    /**
     * Puts {@code bytes} at {@code key} and verifies them: by the answer's ETag when it is their MD5, else by streaming
     * them back.
     *
     * @return the fingerprint of the bytes
     * @throws StorageException as {@link #verify} if the stored object is not the bytes
     */
    public static Fingerprint putVerified(StorageBackend backend, String key, byte[] bytes, PutOptions options, String what) {
        Fingerprint sent = new Fingerprint(bytes.length, Hashing.sha256Hex(bytes));
        ObjectInfo answer = backend.put(key, bytes, options);
        if (answer == null || !sameMd5(answer.etag(), Hashing.hex(md5().digest(bytes)))) {
            verify(backend, key, sent, what);
        }
        return sent;
    }

    /**
     * {@link #streamPut}, then verifies what was stored against what was sent: by the answer's ETag when it is the MD5
     * of the bytes sent, else by streaming the object back.
     *
     * @throws StorageException as {@link #streamPut}, or as {@link #verify} if the stored object is not what was sent
     */
    public static Fingerprint streamPutVerified(StorageObject source, StorageBackend target, String targetKey,
                                                PutOptions options, String what) {
        MessageDigest md5 = md5();
        ObjectInfo[] answer = new ObjectInfo[1];
        Fingerprint sent = streamPut(source, target, targetKey, options, md5, answer);
        if (answer[0] == null || !sameMd5(answer[0].etag(), Hashing.hex(md5.digest()))) {
            verify(target, targetKey, sent, what);
        }
        return sent;
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
        return streamPut(source, target, targetKey, options, null, new ObjectInfo[1]);
    }

    private static Fingerprint streamPut(StorageObject source, StorageBackend target, String targetKey, PutOptions options,
                                         MessageDigest md5, ObjectInfo[] answer) {
        PutOptions put = options != null ? options : optionsOf(source.info(), source.info().metadata());
        MessageDigest digest = Hashing.sha256();
        InputStream hashed = new DigestInputStream(source.stream(), digest);
        if (md5 != null) {
            hashed = new DigestInputStream(hashed, md5);
        }
        CountingInputStream counted = new CountingInputStream(hashed);
        answer[0] = target.put(targetKey, counted, source.contentLength(), put);
        Fingerprint sent = new Fingerprint(counted.count, Hashing.hex(digest.digest()));
        Optional<String> reported = source.info().sha256();
        if (reported.isPresent() && source.range().isEmpty() && !reported.get().equals(sent.sha256())) {
            throw new StorageException(target.name(), StorageOperation.PUT, targetKey, "the source '" + source.info().key()
                    + "' reports sha256 " + reported.get() + " but its bytes hash to " + sent.sha256(), null);
        }
        return sent;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
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
