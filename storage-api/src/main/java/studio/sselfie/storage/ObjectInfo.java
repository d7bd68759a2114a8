package studio.sselfie.storage;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the store knows of one object: key, size, ETag, last-modified, content type, user metadata, and its SHA-256
 * where known. Immutable.
 *
 * <p>From {@link StorageBackend#head(String)}, {@link StorageBackend#get(String)} and
 * {@link StorageBackend#put(String, java.io.InputStream, long, PutOptions)} every field the backend supports is filled.
 * Entries of a listing carry key, size, ETag and last-modified for certain; content type, metadata and SHA-256 may be
 * absent there (S3 does not list them): ask {@code head} when you need them.
 */
public final class ObjectInfo {
    private final String key;
    private final long size;
    private final String etag;
    private final Instant lastModified;
    private final String contentType;
    private final Map<String, String> metadata;
    private final String sha256;

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
        this.metadata = Map.copyOf(builder.metadata);
        this.sha256 = builder.sha256;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this info's values. */
    public Builder toBuilder() {
        return new Builder().key(key).size(size).etag(etag).lastModified(lastModified).contentType(contentType)
                .metadata(metadata).sha256(sha256);
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

    /** User metadata, names in lower case; empty when there is none or it is not known (listings). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Lower-case hex SHA-256 of the content, when the backend knows it ({@link Capability#CONTENT_SHA256}). */
    public Optional<String> sha256() {
        return Optional.ofNullable(sha256);
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
                && metadata.equals(that.metadata) && Objects.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, size, etag, lastModified, contentType, metadata, sha256);
    }

    @Override
    public String toString() {
        return "ObjectInfo{key='" + key + "', size=" + size + ", etag=" + etag + ", lastModified=" + lastModified
                + ", contentType=" + contentType + ", metadata=" + metadata + ", sha256=" + sha256 + '}';
    }

    /** Builder of {@link ObjectInfo}; key, etag and lastModified are required. */
    public static final class Builder {
        private String key;
        private long size;
        private String etag;
        private Instant lastModified;
        private String contentType;
        private Map<String, String> metadata = Map.of();
        private String sha256;

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

        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata is null");
            return this;
        }

        /** @param sha256 lower-case hex SHA-256, or {@code null} when unknown */
        public Builder sha256(String sha256) {
            this.sha256 = sha256;
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
