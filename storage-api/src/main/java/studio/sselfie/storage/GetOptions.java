package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/** How to read an object: whole (the default) or one {@link ByteRange}. Immutable. */
public final class GetOptions {
    private static final GetOptions WHOLE = new GetOptions(null);

    private final ByteRange range;

    private GetOptions(ByteRange range) {
        this.range = range;
    }

    /** Read the whole object. */
    public static GetOptions whole() {
        return WHOLE;
    }

    /** Read only {@code range}. */
    public static GetOptions range(ByteRange range) {
        return new GetOptions(Objects.requireNonNull(range, "range is null"));
    }

    /** The range to read, or empty for the whole object. */
    public Optional<ByteRange> byteRange() {
        return Optional.ofNullable(range);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetOptions && Objects.equals(((GetOptions) o).range, range);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(range);
    }

    @Override
    public String toString() {
        return range == null ? "GetOptions{whole}" : "GetOptions{range=" + range + '}';
    }
}
