package studio.sselfie.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the store knows of one object: key, size, ETag, last-modified, content type, HTTP headers, user metadata, and its SHA-256
 * where known. Immutable.
 *
 * <p>From {@link StorageBackend#head(String)}, {@link StorageBackend#get(String)} and
 * {@link StorageBackend#put(String, java.io.InputStream, long, PutOptions)} every field the backend supports is filled.
 * Entries of a listing carry key, size, ETag and last-modified for certain; content type, metadata and SHA-256 may be
 * absent there (S3 does not list them): ask {@code head} when you need them.
 *
 * <p>A backend may compute the SHA-256 only when it is first asked for ({@link Builder#lazySha256(Supplier)}): that
 * changes when the hash is computed, never its value; {@link #sha256()}, {@link #equals(Object)},
 * {@link #hashCode()} and {@link #toString()} answer as if it had been computed when the info was built.
 */
public final class ObjectInfo {
    private final String key;
    private final long size;
    private final String etag;
    private final Instant lastModified;
    private final String contentType;
    private final ObjectHeaders headers;
    private final Map<String, String> metadata;
    private final String sha256;
    private final LazySha256 lazySha256;
    private final StorageClass storageClass;
    private final EncryptionType encryption;
    private final String kmsKeyId;

    private ObjectInfo(Builder builder) {
        this.key = Objects.requireNonNull(builder.key, "key is null");
        if (builder.size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + builder.size);
        }
        this.size = builder.size;
        this.etag = Objects.requireNonNull(builder.etag, "etag is null");
        if (etag.isEmpty()) {
            throw new IllegalArgumentException("etag must not be empty");
        }
        this.lastModified = Objects.requireNonNull(builder.lastModified, "lastModified is null");
        this.contentType = builder.contentType;
        this.headers = builder.headers;
        this.metadata = Map.copyOf(builder.metadata);
        this.sha256 = builder.sha256;
        this.lazySha256 = builder.sha256 == null ? builder.lazySha256 : null;
        this.storageClass = builder.storageClass;
        this.encryption = builder.encryption;
        this.kmsKeyId = builder.kmsKeyId;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this info's values. */
    public Builder toBuilder() {
        Builder builder = new Builder().key(key).size(size).etag(etag).lastModified(lastModified)
                .contentType(contentType).headers(headers).metadata(metadata).sha256(sha256)
                .storageClass(storageClass).encryption(encryption).kmsKeyId(kmsKeyId);
        // The same not-yet-computed hash: the new info shares it, so the bytes are hashed at most once for both.
        builder.lazySha256 = lazySha256;
        return builder;
    }

    /** The object's key. */
    public String key() {
        return key;
    }

    /** The object's length in bytes. */
    public long size() {
        return size;
    }

    /** The store's entity tag: non-empty, the same from head and list, changed by every overwrite with other bytes. */
    public String etag() {
        return etag;
    }

    /**
     * When the object was last written, as the store reports it. Precision depends on where the info comes from:
     * <ul>
     *   <li>head and get: the store's {@code Last-Modified}, to the second on S3-protocol stores (an HTTP date);</li>
     *   <li>list: the listing's time, to the millisecond on S3;</li>
     *   <li>put (and a multipart copy): the {@code Date} of the store's answer to the write, to the second, read from
     *       that answer so that a put costs one request. It can differ from what a later head reports by the time the
     *       write took on the store (S3 stamps a multipart upload with the time it was started), and it is the local
     *       clock, cut to the second, where the answer carried no date;</li>
     *   <li>copy: the {@code LastModified} of the store's copy result;</li>
     *   <li>in memory: the instant of the write, to the clock's precision.</li>
     * </ul>
     */
    public Instant lastModified() {
        return lastModified;
    }

    /** The content type (a media type such as {@code image/png}), when known. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /**
     * The HTTP headers stored with the object ({@code Cache-Control}, {@code Content-Disposition}, ...): from head, get
     * and copy as the store holds them, from put as they were sent; {@link ObjectHeaders#none()} in listings (S3 does
     * not list them) and where there are none.
     */
    public ObjectHeaders headers() {
        return headers;
    }

    /** User metadata, names in lower case; empty when there is none or it is not known (listings). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Lower-case hex SHA-256 of the content, when the backend knows it ({@link Capability#CONTENT_SHA256}). When the
     * backend computes it lazily, the first call computes it (once, whichever thread asks first; others wait) and every
     * later call answers the same value.
     */
    public Optional<String> sha256() {
        if (sha256 != null) {
            return Optional.of(sha256);
        }
        return lazySha256 == null ? Optional.empty() : Optional.of(lazySha256.get());
    }

    /**
     * The object's storage class; {@link StorageClass#STANDARD} when the store names none (S3 omits
     * {@code x-amz-storage-class} for STANDARD objects, and stores without classes hold every object alike).
     */
    public StorageClass storageClass() {
        return storageClass;
    }

    /** The server-side encryption the store reports for the object ({@code x-amz-server-side-encryption}), if any. */
    public Optional<EncryptionType> encryption() {
        return Optional.ofNullable(encryption);
    }

    /** The KMS key id of an {@link EncryptionType#SSE_KMS} object, if the store reports it. */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ObjectInfo)) {
            return false;
        }
        ObjectInfo that = (ObjectInfo) o;
        return size == that.size && key.equals(that.key) && etag.equals(that.etag)
                && lastModified.equals(that.lastModified) && Objects.equals(contentType, that.contentType)
                && headers.equals(that.headers) && metadata.equals(that.metadata) && sha256().equals(that.sha256())
                && storageClass.equals(that.storageClass) && encryption == that.encryption && Objects.equals(kmsKeyId, that.kmsKeyId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, size, etag, lastModified, contentType, headers, metadata, sha256().orElse(null), storageClass, encryption, kmsKeyId);
    }

    @Override
    public String toString() {
        return "ObjectInfo{key='" + key + "', size=" + size + ", etag=" + etag + ", lastModified=" + lastModified
                + ", contentType=" + contentType + ", headers=" + headers + ", metadata=" + metadata + ", sha256=" + sha256().orElse(null)
                + ", storageClass=" + storageClass + ", encryption=" + encryption + ", kmsKeyId=" + kmsKeyId + '}';
    }

    /** A SHA-256 computed on first use, at most once, and kept. */
    private static final class LazySha256 {
        private Supplier<String> computation;
        private volatile String value;

        LazySha256(Supplier<String> computation) {
            this.computation = computation;
        }

        String get() {
            String result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = Objects.requireNonNull(computation.get(), "the lazy sha256 computation returned null");
                        value = result;
                        // Lets go of what the computation holds (the object's bytes, typically).
                        computation = null;
                    }
                }
            }
            return result;
        }
    }

    /** Builder of {@link ObjectInfo}; key, etag and lastModified are required. */
    public static final class Builder {
        private String key;
        private long size;
        private String etag;
        private Instant lastModified;
        private String contentType;
        private ObjectHeaders headers = ObjectHeaders.none();
        private Map<String, String> metadata = Map.of();
        private String sha256;
        private LazySha256 lazySha256;
        private StorageClass storageClass = StorageClass.STANDARD;
        private EncryptionType encryption;
        private String kmsKeyId;

        private Builder() {
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder lastModified(Instant lastModified) {
            this.lastModified = lastModified;
            return this;
        }

        /** @param contentType the media type, or {@code null} when unknown */
        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        /** @param headers the stored HTTP headers; {@link ObjectHeaders#none()} when there are none or unknown */
        public Builder headers(ObjectHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers is null");
            return this;
        }

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata is null");
            return this;
        }

        /**
         * @param sha256 lower-case hex SHA-256, or {@code null} when unknown; replaces a {@link #lazySha256} given
         *               before
         */
        public Builder sha256(String sha256) {
            this.sha256 = sha256;
            this.lazySha256 = null;
            return this;
        }

        /**
         * A SHA-256 the info computes only when first asked for ({@link ObjectInfo#sha256()}, and equals, hashCode or
         * toString), for a backend that knows the bytes but should not hash them on every write when nobody reads the
         * hash. The computation runs at most once per built info (and the infos {@link ObjectInfo#toBuilder()} makes
         * from it), is dropped after it ran, and must answer what {@link #sha256(String)} would have been given: the
         * lower-case hex SHA-256 of the content, never {@code null}. It keeps what it captures (the bytes) alive
         * until then. Replaces a {@link #sha256(String)} given before.
         *
         * @param computation computes the lower-case hex SHA-256 of the content
         */
        public Builder lazySha256(Supplier<String> computation) {
            this.lazySha256 = new LazySha256(Objects.requireNonNull(computation, "computation is null"));
            this.sha256 = null;
            return this;
        }

        /** @param storageClass the object's class; {@link StorageClass#STANDARD} when not set */
        public Builder storageClass(StorageClass storageClass) {
            this.storageClass = Objects.requireNonNull(storageClass, "storageClass is null");
            return this;
        }

        /** @param encryption the reported encryption, or {@code null} when none or unknown */
        public Builder encryption(EncryptionType encryption) {
            this.encryption = encryption;
            return this;
        }

        /** @param kmsKeyId the reported KMS key id, or {@code null} */
        public Builder kmsKeyId(String kmsKeyId) {
            this.kmsKeyId = kmsKeyId;
            return this;
        }

        /**
         * @throws NullPointerException     if key, etag or lastModified is missing
         * @throws IllegalArgumentException if size is negative
         */
        public ObjectInfo build() {
            return new ObjectInfo(this);
        }
    }
}
