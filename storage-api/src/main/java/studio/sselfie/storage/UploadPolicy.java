package studio.sselfie.storage;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a presigned upload may store: one exact key or any key under a prefix, a content type (exact or by prefix), a
 * size (exact or a range), no overwrite of an existing object, fixed user metadata and HTTP headers, and how long the
 * signature is valid. Immutable; every value is checked when built. Which {@link UploadMethod} makes the store enforce
 * which constraint is tabled there.
 *
 * <p>Defaults: no content type constraint (the client's {@code Content-Type} is stored, or
 * {@value PutOptions#DEFAULT_CONTENT_TYPE}), any size up to {@value #MAX_UPLOAD_BYTES} bytes, overwrites allowed, no
 * metadata, no headers, {@link Presigner#DEFAULT_EXPIRY}. A key or key prefix is required.
 */
public final class UploadPolicy {
    /** The largest object one upload request can store on S3: 5 GiB. */
    public static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024 * 1024;

    private final String key;
    private final String keyPrefix;
    private final PutOptions fixed;
    private final String contentTypePrefix;
    private final SizeRange size;
    private final boolean noOverwrite;
    private final Duration expiry;

    private UploadPolicy(UploadPolicy policy, String scope) {
        this.key = policy.key == null ? null : scope + policy.key;
        this.keyPrefix = policy.keyPrefix == null ? null : scope + policy.keyPrefix;
        this.fixed = policy.fixed;
        this.contentTypePrefix = policy.contentTypePrefix;
        this.size = policy.size;
        this.noOverwrite = policy.noOverwrite;
        this.expiry = policy.expiry;
    }

    private UploadPolicy(Builder builder) {
        this.key = builder.key;
        this.keyPrefix = builder.keyPrefix;
        this.fixed = builder.fixed.build();
        this.contentTypePrefix = builder.contentTypePrefix;
        this.size = builder.size;
        this.noOverwrite = builder.noOverwrite;
        this.expiry = builder.expiry;
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A policy built by {@code configure} from the defaults. */
    public static UploadPolicy of(Consumer<Builder> configure) {
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** The one key the upload may store, if the policy names one. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** The prefix every key the upload may store starts with, if the policy gives a prefix instead of a key. */
    public Optional<String> keyPrefix() {
        return Optional.ofNullable(keyPrefix);
    }

    /** The exact content type the upload must declare, if any. */
    public Optional<String> contentType() {
        return fixed.contentType();
    }

    /** The prefix the upload's declared content type must start with ({@code image/}), if any. */
    public Optional<String> contentTypePrefix() {
        return Optional.ofNullable(contentTypePrefix);
    }

    /** The sizes in bytes the upload may have, if limited. */
    public Optional<SizeRange> size() {
        return Optional.ofNullable(size);
    }

    /** Whether the upload must fail if an object already exists at its key. */
    public boolean noOverwrite() {
        return noOverwrite;
    }

    /** The user metadata the upload must store, exactly. */
    public Map<String, String> metadata() {
        return fixed.metadata();
    }

    /** The HTTP headers the upload must store, exactly. */
    public ObjectHeaders headers() {
        return fixed.headers();
    }

    /** How long the signature is valid, counted from signing. */
    public Duration expiry() {
        return expiry;
    }

    /** This policy for the same key or prefix under {@code scope} ({@link ScopedStorageBackend}). */
    UploadPolicy underPrefix(String scope) {
        return new UploadPolicy(this, scope);
    }

    @Override
    public String toString() {
        return "UploadPolicy{" + (key != null ? "key=" + key : "keyPrefix=" + keyPrefix)
                + ", contentType=" + contentType().orElse(contentTypePrefix == null ? "any" : contentTypePrefix + "*")
                + ", size=" + (size == null ? "any" : size) + ", noOverwrite=" + noOverwrite
                + ", metadata=" + metadata() + ", headers=" + headers() + ", expiry=" + expiry + '}';
    }

    /** The sizes an upload may have, {@code min..max} bytes inclusive. */
    public record SizeRange(long min, long max) {
        /** @throws IllegalArgumentException unless {@code 0 <= min <= max <= MAX_UPLOAD_BYTES} */
        public SizeRange {
            if (min < 0 || min > max || max > MAX_UPLOAD_BYTES) {
                throw new IllegalArgumentException("size range " + min + ".." + max + " must have 0 <= min <= max <= "
                        + MAX_UPLOAD_BYTES + " (5 GiB, the most one upload request stores)");
            }
        }

        @Override
        public String toString() {
            return min + ".." + max + " bytes";
        }
    }

    /** Builder of {@link UploadPolicy}; each setter checks its value at once. */
    public static final class Builder {
        private String key;
        private String keyPrefix;
        private final PutOptions.Builder fixed = PutOptions.builder();
        private String contentTypePrefix;
        private SizeRange size;
        private boolean noOverwrite;
        private Duration expiry = Presigner.DEFAULT_EXPIRY;

        private Builder() {
        }

        /**
         * The one key the upload may store (checked against the backend's write rules when signing).
         *
         * @throws IllegalArgumentException if a key prefix was set
         */
        public Builder key(String key) {
            Objects.requireNonNull(key, "key is null");
            if (keyPrefix != null) {
                throw new IllegalArgumentException("set a key or a key prefix, not both");
            }
            this.key = key;
            return this;
        }

        /**
         * Any key starting with {@code prefix} may be stored; the client names the key in the form's {@code key}
         * field. POST only.
         *
         * @throws IllegalArgumentException if the prefix is empty (a grant of the whole bucket must be a deliberate
         *                                  exact key, not a default) or a key was set
         */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix is null");
            if (prefix.isEmpty()) {
                throw new IllegalArgumentException("key prefix must not be empty");
            }
            if (key != null) {
                throw new IllegalArgumentException("set a key or a key prefix, not both");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * The exact content type the upload must declare, stored as the object's.
         *
         * @throws IllegalArgumentException if it is not a media type, or a content type prefix was set
         */
        public Builder contentType(String contentType) {
            Objects.requireNonNull(contentType, "contentType is null");
            if (contentTypePrefix != null) {
                throw new IllegalArgumentException("set a content type or a content type prefix, not both");
            }
            fixed.contentType(contentType);
            return this;
        }

        /**
         * The prefix the declared content type must start with, e.g. {@code image/}. POST only.
         *
         * @throws IllegalArgumentException if it is empty or not printable ASCII, or an exact content type was set
         */
        public Builder contentTypePrefix(String prefix) {
            Objects.requireNonNull(prefix, "prefix is null");
            if (!prefix.matches("[\\x21-\\x7E]+")) {
                throw new IllegalArgumentException("content type prefix '" + prefix + "' must be printable ASCII, not empty");
            }
            if (fixed.build().contentType().isPresent()) {
                throw new IllegalArgumentException("set a content type or a content type prefix, not both");
            }
            this.contentTypePrefix = prefix;
            return this;
        }

        /** The exact size in bytes. See {@link SizeRange}. */
        public Builder size(long bytes) {
            this.size = new SizeRange(bytes, bytes);
            return this;
        }

        /** Sizes from {@code min} to {@code max} bytes inclusive. POST only, unless {@code min == max}. */
        public Builder sizeRange(long min, long max) {
            this.size = new SizeRange(min, max);
            return this;
        }

        /** The upload fails if an object already exists at its key. PUT only. */
        public Builder noOverwrite() {
            this.noOverwrite = true;
            return this;
        }

        /** A user metadata entry the upload must store. See {@link PutOptions.Builder#metadata(String, String)}. */
        public Builder metadata(String name, String value) {
            fixed.metadata(name, value);
            return this;
        }

        /** The HTTP headers the upload must store. */
        public Builder headers(ObjectHeaders headers) {
            fixed.headers(headers);
            return this;
        }

        /**
         * How long the signature is valid, in whole seconds (a fraction is cut).
         *
         * @throws IllegalArgumentException unless it is 1 second to {@link Presigner#MAX_EXPIRY}
         */
        public Builder expiry(Duration expiry) {
            this.expiry = DownloadOptions.checkExpiry(expiry);
            return this;
        }

        /** @throws IllegalArgumentException if neither a key nor a key prefix was set */
        public UploadPolicy build() {
            if (key == null && keyPrefix == null) {
                throw new IllegalArgumentException("an upload policy needs a key or a key prefix");
            }
            return new UploadPolicy(this);
        }
    }
}
