package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * How to read an object: whole (the default) or one {@link ByteRange}, and with the SSE-C key an object encrypted
 * with one needs ({@link #customerKey(SseCustomerKey)}). Immutable; the key never appears in {@link #toString()}
 * beyond its MD5.
 */
public final class GetOptions {
    private static final GetOptions WHOLE = new GetOptions(null, null);

    private final ByteRange range;
    private final SseCustomerKey customerKey;

    private GetOptions(ByteRange range, SseCustomerKey customerKey) {
        this.range = range;
        this.customerKey = customerKey;
    }

    /** Read the whole object. */
    public static GetOptions whole() {
        return WHOLE;
    }

    /** Read only {@code range}. */
    public static GetOptions range(ByteRange range) {
        return new GetOptions(Objects.requireNonNull(range, "range is null"), null);
    }

    /** Read the whole object, encrypted with the SSE-C {@code key}. */
    public static GetOptions withCustomerKey(SseCustomerKey key) {
        return WHOLE.customerKey(key);
    }

    /** These options, with the SSE-C {@code key} the object was stored with. */
    public GetOptions customerKey(SseCustomerKey key) {
        return new GetOptions(range, Objects.requireNonNull(key, "key is null"));
    }

    /** The range to read, or empty for the whole object. */
    public Optional<ByteRange> byteRange() {
        return Optional.ofNullable(range);
    }

    /** The SSE-C key sent with the read, if any. */
    public Optional<SseCustomerKey> customerKey() {
        return Optional.ofNullable(customerKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GetOptions && Objects.equals(((GetOptions) o).range, range)
                && Objects.equals(((GetOptions) o).customerKey, customerKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(range, customerKey);
    }

    @Override
    public String toString() {
        String read = range == null ? "whole" : "range=" + range;
        return "GetOptions{" + read + (customerKey == null ? "" : ", " + customerKey) + '}';
    }
}
