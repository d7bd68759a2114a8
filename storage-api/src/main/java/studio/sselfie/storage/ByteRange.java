package studio.sselfie.storage;

/**
 * A range of bytes to read, in one of HTTP's three forms: {@code first-last} (inclusive), {@code first-} (to the end)
 * and {@code -suffixLength} (the last bytes). Immutable; checked when built.
 *
 * <p>Against an object of {@code size} bytes: a range whose first byte is at or past {@code size} fails with
 * {@link RangeNotSatisfiableException} (for an empty object every range but a suffix does); a last byte past the end is
 * cut to the end; a suffix longer than the object gives the whole object.
 */
public final class ByteRange {
    private final long first;
    private final long last; // -1: to the end
    private final long suffixLength; // -1: not a suffix range

    private ByteRange(long first, long last, long suffixLength) {
        this.first = first;
        this.last = last;
        this.suffixLength = suffixLength;
    }

    /**
     * Bytes {@code first} to {@code last}, both inclusive.
     *
     * @throws IllegalArgumentException if first is negative or last is before first
     */
    public static ByteRange of(long first, long last) {
        if (first < 0) {
            throw new IllegalArgumentException("range first byte must be >= 0, was " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("range last byte must be >= first byte, was " + first + "-" + last);
        }
        return new ByteRange(first, last, -1);
    }

    /**
     * Bytes from {@code first} to the end of the object.
     *
     * @throws IllegalArgumentException if first is negative
     */
    public static ByteRange from(long first) {
        if (first < 0) {
            throw new IllegalArgumentException("range first byte must be >= 0, was " + first);
        }
        return new ByteRange(first, -1, -1);
    }

    /**
     * The last {@code length} bytes of the object.
     *
     * @throws IllegalArgumentException if length is not positive
     */
    public static ByteRange suffix(long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("suffix range length must be > 0, was " + length);
        }
        return new ByteRange(-1, -1, length);
    }

    /** Whether this is a {@code -suffixLength} range. */
    public boolean isSuffix() {
        return suffixLength > 0;
    }

    /**
     * The offset of the first byte this range selects in an object of {@code size} bytes.
     *
     * @throws IllegalArgumentException if the range is not satisfiable for that size (see the class comment)
     */
    public long firstByte(long size) {
        if (isSuffix()) {
            return Math.max(0, size - suffixLength);
        }
        if (first >= size) {
            throw new IllegalArgumentException("range " + this + " starts at or past the end of a " + size + "-byte object");
        }
        return first;
    }

    /** Whether any byte of an object of {@code size} bytes is selected (a suffix of an empty object selects none but is allowed). */
    public boolean isSatisfiable(long size) {
        return isSuffix() || first < size;
    }

    /** The number of bytes this range selects in an object of {@code size} bytes; requires {@link #isSatisfiable(long)}. */
    public long length(long size) {
        long start = firstByte(size);
        long end = isSuffix() || last < 0 ? size - 1 : Math.min(last, size - 1);
        return end - start + 1;
    }

    /** The HTTP {@code Range} header value, e.g. {@code bytes=0-99}. */
    public String toHttpHeader() {
        return "bytes=" + this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRange && ((ByteRange) o).first == first && ((ByteRange) o).last == last
                && ((ByteRange) o).suffixLength == suffixLength;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(first) * 31 * 31 + Long.hashCode(last) * 31 + Long.hashCode(suffixLength);
    }

    /** The range in HTTP notation: {@code 0-99}, {@code 100-} or {@code -10}. */
    @Override
    public String toString() {
        if (isSuffix()) {
            return "-" + suffixLength;
        }
        return first + "-" + (last < 0 ? "" : Long.toString(last));
    }
}
