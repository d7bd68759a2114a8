package studio.sselfie.storage;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * How to store an object: content type, HTTP headers ({@link ObjectHeaders}), user metadata and an optional
 * precondition. Immutable; every value is
 * checked when built, so a bad option fails before any I/O.
 *
 * <p>Defaults: no content type (the backend stores {@value #DEFAULT_CONTENT_TYPE}), no HTTP headers, no metadata, no
 * precondition, no storage class (the store's default, {@link StorageClass#STANDARD} on S3), no server-side encryption
 * (the bucket's default). A storage class needs {@link Capability#STORAGE_CLASS} and an encryption
 * {@link Capability#SERVER_SIDE_ENCRYPTION}; a backend without it refuses the put with {@link InvalidRequestException}.
 *
 * <p>Metadata names are 1..128 characters of lower-case ASCII letters, digits and {@code -}, starting with a letter or
 * digit (S3 lower-cases names and sends them as HTTP headers). Values are printable ASCII without leading or trailing
 * spaces. Names and values together take at most {@value StorageLimits#MAX_METADATA_BYTES} bytes.
 */
public final class PutOptions {
    /** The content type stored when none is given. */
    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    private static final PutOptions DEFAULTS = builder().build();
    private static final Pattern METADATA_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,127}");
    private static final Pattern METADATA_VALUE = Pattern.compile("([\\x21-\\x7E]([\\x20-\\x7E]*[\\x21-\\x7E])?)?");
    private static final Pattern MEDIA_TYPE = Pattern.compile("[\\w.+-]+/[\\w.+-]+(\\s*;\\s*[\\w.+-]+=(\"[^\"\\p{Cntrl}]*\"|[\\w.+-]+))*");

    private final String contentType;
    private final ObjectHeaders headers;
    private final Map<String, String> metadata;
    private final boolean ifNoneMatchAny;
    private final String ifMatch;
    private final StorageClass storageClass;
    private final ServerSideEncryption encryption;

    private PutOptions(Builder builder) {
        this.contentType = builder.contentType;
        this.headers = builder.headers;
        this.metadata = Map.copyOf(builder.metadata);
        this.ifNoneMatchAny = builder.ifNoneMatchAny;
        this.ifMatch = builder.ifMatch;
        this.storageClass = builder.storageClass;
        this.encryption = builder.encryption;
    }

    /** Options with every default. */
    public static PutOptions defaults() {
        return DEFAULTS;
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Options built by {@code configure} from the defaults. */
    public static PutOptions of(Consumer<Builder> configure) {
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.contentType = contentType;
        builder.headers = headers;
        builder.metadata.putAll(metadata);
        builder.ifNoneMatchAny = ifNoneMatchAny;
        builder.ifMatch = ifMatch;
        builder.storageClass = storageClass;
        builder.encryption = encryption;
        return builder;
    }

    /** The content type to store, if one was given. */
    public Optional<String> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** The HTTP headers to store ({@link ObjectHeaders#none()} by default). */
    public ObjectHeaders headers() {
        return headers;
    }

    /** The user metadata to store (possibly empty). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Whether the put must fail with {@link PreconditionFailedException} if the key already exists. */
    public boolean ifNoneMatchAny() {
        return ifNoneMatchAny;
    }

    /** The ETag the existing object must have, else the put fails with {@link PreconditionFailedException}. */
    public Optional<String> ifMatch() {
        return Optional.ofNullable(ifMatch);
    }

    /** The storage class to store the object in, if one was given. */
    public Optional<StorageClass> storageClass() {
        return Optional.ofNullable(storageClass);
    }

    /** The server-side encryption to apply, if one was given. */
    public Optional<ServerSideEncryption> encryption() {
        return Optional.ofNullable(encryption);
    }

    /** Whether any precondition is set. */
    public boolean hasPrecondition() {
        return ifNoneMatchAny || ifMatch != null;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof PutOptions)) {
            return false;
        }
        PutOptions that = (PutOptions) o;
        return ifNoneMatchAny == that.ifNoneMatchAny && Objects.equals(contentType, that.contentType)
                && headers.equals(that.headers) && metadata.equals(that.metadata) && Objects.equals(ifMatch, that.ifMatch)
                && Objects.equals(storageClass, that.storageClass) && Objects.equals(encryption, that.encryption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contentType, headers, metadata, ifNoneMatchAny, ifMatch, storageClass, encryption);
    }

    @Override
    public String toString() {
        return "PutOptions{contentType=" + contentType + ", headers=" + headers + ", metadata=" + metadata + ", ifNoneMatchAny="
                + ifNoneMatchAny + ", ifMatch=" + ifMatch + ", storageClass=" + storageClass + ", encryption=" + encryption + '}';
    }

    /** Builder of {@link PutOptions}. Each setter checks its argument at once. */
    public static final class Builder {
        private String contentType;
        private ObjectHeaders headers = ObjectHeaders.none();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private boolean ifNoneMatchAny;
        private String ifMatch;
        private StorageClass storageClass;
        private ServerSideEncryption encryption;

        private Builder() {
        }

        /**
         * The media type, e.g. {@code image/png} or {@code text/plain; charset=utf-8}.
         *
         * @throws IllegalArgumentException if it is not a media type
         */
        public Builder contentType(String contentType) {
            Objects.requireNonNull(contentType, "contentType is null");
            if (!MEDIA_TYPE.matcher(contentType.strip()).matches()) {
                throw new IllegalArgumentException("contentType '" + contentType + "' is not a media type (type/subtype[; param=value])");
            }
            this.contentType = contentType.strip();
            return this;
        }

        /** The HTTP headers to store, replacing any set before; each was checked when it was built. */
        public Builder headers(ObjectHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers is null");
            return this;
        }

        /**
         * The HTTP headers {@code configure} builds, e.g. {@code h -> h.cacheControl("max-age=3600")}.
         *
         * @throws IllegalArgumentException naming the header whose value is not valid (see {@link ObjectHeaders})
         */
        public Builder headers(Consumer<ObjectHeaders.Builder> configure) {
            return headers(ObjectHeaders.of(configure));
        }

        /**
         * Adds one metadata entry, replacing any earlier value for the name.
         *
         * @throws IllegalArgumentException naming the entry and the rule it breaks (see the class comment)
         */
        public Builder metadata(String name, String value) {
            Objects.requireNonNull(name, "metadata name is null");
            Objects.requireNonNull(value, "metadata value is null");
            if (!METADATA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("metadata name '" + name
                        + "' must be 1-128 lower-case ASCII letters, digits or '-', starting with a letter or digit");
            }
            if (!METADATA_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("metadata value of '" + name
                        + "' must be printable ASCII without leading or trailing spaces");
            }
            Map<String, String> after = new LinkedHashMap<>(metadata);
            after.put(name, value);
            checkSize(after);
            metadata.put(name, value);
            return this;
        }

        /** Adds every entry of {@code entries}, all or none; see {@link #metadata(String, String)}. */
        public Builder metadata(Map<String, String> entries) {
            Objects.requireNonNull(entries, "metadata is null");
            Map<String, String> before = new LinkedHashMap<>(metadata);
            try {
                entries.forEach(this::metadata);
            } catch (RuntimeException e) {
                metadata.clear();
                metadata.putAll(before);
                throw e;
            }
            return this;
        }

        private static void checkSize(Map<String, String> entries) {
            int bytes = 0;
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            }
            if (bytes > StorageLimits.MAX_METADATA_BYTES) {
                throw new IllegalArgumentException("metadata would take " + bytes + " bytes, over the limit of "
                        + StorageLimits.MAX_METADATA_BYTES + " bytes (names and values)");
            }
        }

        /**
         * Store only if no object exists at the key (HTTP {@code If-None-Match: *}).
         *
         * @throws IllegalArgumentException if {@link #ifMatch(String)} was set
         */
        public Builder ifNoneMatchAny() {
            if (ifMatch != null) {
                throw new IllegalArgumentException("ifNoneMatchAny and ifMatch cannot both be set");
            }
            this.ifNoneMatchAny = true;
            return this;
        }

        /**
         * Store only if the existing object has this ETag (HTTP {@code If-Match}).
         *
         * @throws IllegalArgumentException if the ETag is empty or {@link #ifNoneMatchAny()} was set
         */
        public Builder ifMatch(String etag) {
            Objects.requireNonNull(etag, "etag is null");
            if (etag.isBlank()) {
                throw new IllegalArgumentException("ifMatch etag must not be blank");
            }
            if (ifNoneMatchAny) {
                throw new IllegalArgumentException("ifNoneMatchAny and ifMatch cannot both be set");
            }
            this.ifMatch = etag;
            return this;
        }

        /** The storage class to store the object in (needs {@link Capability#STORAGE_CLASS}). */
        public Builder storageClass(StorageClass storageClass) {
            this.storageClass = Objects.requireNonNull(storageClass, "storageClass is null");
            return this;
        }

        /**
         * The storage class named {@code name}, e.g. {@code STANDARD_IA}.
         *
         * @throws IllegalArgumentException if it is no storage-class token (see {@link StorageClass#of(String)})
         */
        public Builder storageClass(String name) {
            return storageClass(StorageClass.of(name));
        }

        /** The server-side encryption to apply (needs {@link Capability#SERVER_SIDE_ENCRYPTION}). */
        public Builder encryption(ServerSideEncryption encryption) {
            this.encryption = Objects.requireNonNull(encryption, "encryption is null");
            return this;
        }

        public PutOptions build() {
            return new PutOptions(this);
        }
    }
}
