package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * What to list: keys under a prefix, optionally grouped by a delimiter into common prefixes, starting after a key,
 * in pages of a given size, continuing from an earlier page. Immutable; checked when built.
 *
 * <p>Defaults: prefix {@code ""} (everything), no delimiter (a flat listing), no start-after, page size
 * {@value StorageLimits#MAX_PAGE_SIZE}, no continuation token (the first page).
 */
public final class ListOptions {
    private final String prefix;
    private final String delimiter;
    private final String startAfter;
    private final int pageSize;
    private final String continuationToken;

    private ListOptions(Builder builder) {
        this.prefix = builder.prefix;
        this.delimiter = builder.delimiter;
        this.startAfter = builder.startAfter;
        this.pageSize = builder.pageSize;
        this.continuationToken = builder.continuationToken;
    }

    /** A new builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** Everything under {@code prefix}, flat, in pages of the default size. */
    public static ListOptions prefix(String prefix) {
        return builder().prefix(prefix).build();
    }

    /** A builder holding these options. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.prefix = prefix;
        builder.delimiter = delimiter;
        builder.startAfter = startAfter;
        builder.pageSize = pageSize;
        builder.continuationToken = continuationToken;
        return builder;
    }

    /** Only keys starting with this are listed; {@code ""} lists everything. */
    public String prefix() {
        return prefix;
    }

    /** When present, keys whose rest after the prefix contains it are rolled up into common prefixes. */
    public Optional<String> delimiter() {
        return Optional.ofNullable(delimiter);
    }

    /**
     * When present, only keys after this one, in UTF-8 byte order, are listed; with a delimiter, the common prefixes
     * listed are those of the keys after it (S3's semantics: a common prefix may sort before {@code startAfter}).
     */
    public Optional<String> startAfter() {
        return Optional.ofNullable(startAfter);
    }

    /** Most entries (objects plus common prefixes) in one page: 1..{@value StorageLimits#MAX_PAGE_SIZE}. */
    public int pageSize() {
        return pageSize;
    }

    /** The token of the page to fetch, from {@link ListPage#nextToken()}; empty for the first page. */
    public Optional<String> continuationToken() {
        return Optional.ofNullable(continuationToken);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ListOptions)) {
            return false;
        }
        ListOptions that = (ListOptions) o;
        return pageSize == that.pageSize && prefix.equals(that.prefix) && Objects.equals(delimiter, that.delimiter)
                && Objects.equals(startAfter, that.startAfter) && Objects.equals(continuationToken, that.continuationToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, delimiter, startAfter, pageSize, continuationToken);
    }

    @Override
    public String toString() {
        return "ListOptions{prefix='" + prefix + "', delimiter=" + delimiter + ", startAfter=" + startAfter
                + ", pageSize=" + pageSize + ", continuationToken=" + continuationToken + '}';
    }

    /** Builder of {@link ListOptions}. Each setter checks its argument at once. */
    public static final class Builder {
        private String prefix = "";
        private String delimiter;
        private String startAfter;
        private int pageSize = StorageLimits.MAX_PAGE_SIZE;
        private String continuationToken;

        private Builder() {
        }

        /** See {@link ListOptions#prefix()}; the backend checks it with {@link Keys#validatePrefix}. */
        public Builder prefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix is null");
            return this;
        }

        /**
         * See {@link ListOptions#delimiter()}; usually {@code "/"}.
         *
         * @throws IllegalArgumentException if empty
         */
        public Builder delimiter(String delimiter) {
            Objects.requireNonNull(delimiter, "delimiter is null");
            if (delimiter.isEmpty()) {
                throw new IllegalArgumentException("delimiter must not be empty");
            }
            this.delimiter = delimiter;
            return this;
        }

        /** See {@link ListOptions#startAfter()}. */
        public Builder startAfter(String startAfter) {
            this.startAfter = Objects.requireNonNull(startAfter, "startAfter is null");
            return this;
        }

        /**
         * See {@link ListOptions#pageSize()}.
         *
         * @throws IllegalArgumentException if outside 1..{@value StorageLimits#MAX_PAGE_SIZE}
         */
        public Builder pageSize(int pageSize) {
            if (pageSize < 1 || pageSize > StorageLimits.MAX_PAGE_SIZE) {
                throw new IllegalArgumentException("pageSize must be between 1 and " + StorageLimits.MAX_PAGE_SIZE + ", was " + pageSize);
            }
            this.pageSize = pageSize;
            return this;
        }

        /** See {@link ListOptions#continuationToken()}; {@code null} clears it. */
        public Builder continuationToken(String continuationToken) {
            this.continuationToken = continuationToken;
            return this;
        }

        public ListOptions build() {
            return new ListOptions(this);
        }
    }
}
