package studio.sselfie.storage.inmemory;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageClass;

/**
 * One stored object: its bytes and its info, never changed once built. An overwrite replaces the whole snapshot in
 * the map, so a reader holding one sees the old object to its end, never a mix.
 */
final class StoredObject {
    private final byte[] bytes;
    private final ObjectInfo info;
    private final ObjectInfo listingInfo;
    // Only the MD5, as S3 keeps it: the in-memory store must not become the place a test's SSE-C key leaks from.
    private final String customerKeyMd5;

    private StoredObject(byte[] bytes, ObjectInfo info) {
        this(bytes, info, null);
    }

    private StoredObject(byte[] bytes, ObjectInfo info, String customerKeyMd5) {
        this.bytes = bytes;
        this.info = info;
        this.customerKeyMd5 = customerKeyMd5;
        // S3 lists only these four fields; handing out more here would let an app depend on what S3 does not give.
        this.listingInfo = ObjectInfo.builder().key(info.key()).size(info.size()).etag(info.etag())
                .lastModified(info.lastModified()).build();
    }

    /**
     * A snapshot of {@code bytes}, which the caller hands over and must not change afterwards.
     *
     * @param withSha256 whether to record the SHA-256 ({@link studio.sselfie.storage.Capability#CONTENT_SHA256}); it
     *                   is computed when first asked for, not here: most puts are never asked (see
     *                   {@link ObjectInfo.Builder#lazySha256})
     */
    static StoredObject of(String key, byte[] bytes, String contentType, ObjectHeaders headers,
                           Map<String, String> metadata, Instant lastModified, boolean withSha256) {
        ObjectInfo.Builder info = ObjectInfo.builder()
                .key(key)
                .size(bytes.length)
                // The ETag is S3's for a single-part object, and conditional writes compare it: always computed.
                .etag('"' + hex("MD5", bytes) + '"')
                .lastModified(lastModified)
                .contentType(contentType)
                .headers(headers)
                .metadata(metadata);
        if (withSha256) {
            // The bytes never change once stored, so the hash computed later is the hash of what was put.
            info.lazySha256(() -> hex("SHA-256", bytes));
        }
        return new StoredObject(bytes, info.build());
    }

    /**
     * This object with the storage class and encryption {@code options} name (the store's default class and no
     * encryption when they name none), as a put or a copy with a replacement stores it.
     */
    StoredObject protectedBy(PutOptions options) {
        ObjectInfo.Builder protectedInfo = info.toBuilder()
                .storageClass(options.storageClass().orElse(StorageClass.STANDARD)).encryption(null).kmsKeyId(null);
        String keyMd5 = null;
        if (options.encryption().isPresent()) {
            ServerSideEncryption encryption = options.encryption().get();
            protectedInfo.encryption(encryption.type()).kmsKeyId(encryption.kmsKeyId().orElse(null));
            keyMd5 = encryption.customerKey().map(SseCustomerKey::md5Base64).orElse(null);
        }
        return new StoredObject(bytes, protectedInfo.build(), keyMd5);
    }

    /** Whether the object is SSE-C encrypted. */
    boolean needsCustomerKey() {
        return customerKeyMd5 != null;
    }

    /** Whether {@code key} is the SSE-C key the object was stored with. */
    boolean isCustomerKey(SseCustomerKey key) {
        return customerKeyMd5 != null && customerKeyMd5.equals(key.md5Base64());
    }

    /**
     * The same bytes, ETag, content type, headers, metadata, storage class and SSE-S3/SSE-KMS encryption under
     * {@code key}, written at {@code lastModified}. An SSE-C object is copied with its key kept, as an S3 copy that
     * names the same key for source and target does.
     */
    StoredObject copyTo(String key, Instant lastModified) {
        return new StoredObject(bytes, info.toBuilder().key(key).lastModified(lastModified).build(), customerKeyMd5);
    }

    /**
     * The same bytes and ETag under {@code key}, written at {@code lastModified}, with the content type, headers and
     * metadata of {@code attributes} instead of these.
     */
    StoredObject copyTo(String key, Instant lastModified, PutOptions attributes) {
        return new StoredObject(bytes, info.toBuilder().key(key).lastModified(lastModified)
                .contentType(attributes.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(attributes.headers()).metadata(attributes.metadata()).build()).protectedBy(attributes);
    }

    /** Everything known of the object. */
    ObjectInfo info() {
        return info;
    }

    /** What a listing entry carries: key, size, ETag and last-modified. */
    ObjectInfo listingInfo() {
        return listingInfo;
    }

    /** The object's length in bytes. */
    int size() {
        return bytes.length;
    }

    /** A stream over {@code length} bytes from {@code offset}; it shares the immutable bytes, so it costs no copy. */
    InputStream stream(int offset, int length) {
        return new ByteArrayInputStream(bytes, offset, length);
    }

    private static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from this JVM", e);
        }
    }
}
