package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * What a copy gives the target besides the source's bytes. Immutable.
 *
 * <ul>
 *   <li>{@link #keep()} (the default): the target keeps the source's content type, HTTP headers and user metadata
 *       (S3's {@code x-amz-metadata-directive: COPY}).</li>
 *   <li>{@link #replace(PutOptions)}: the target gets exactly the content type, headers and metadata of the given
 *       options, nothing of the source's (S3's {@code REPLACE}); what the options leave unset the target does not
 *       have, and its content type is then {@value PutOptions#DEFAULT_CONTENT_TYPE}. This is how an existing object
 *       gets new headers without moving its bytes through the client: copy it onto itself with new ones.</li>
 * </ul>
 *
 * <p>The target's storage class and encryption are the replacement's; with {@link #keep()} a backend keeps the
 * source's class and SSE-S3/SSE-KMS encryption. An SSE-C source is copied only with its key
 * ({@link #sourceKey(SseCustomerKey)}), and an SSE-C target needs a replacement naming its key.
 */
public final class CopyOptions {
    private static final CopyOptions KEEP = new CopyOptions(null, null);

    private final PutOptions replacement;
    private final SseCustomerKey sourceKey;

    private CopyOptions(PutOptions replacement, SseCustomerKey sourceKey) {
        this.replacement = replacement;
        this.sourceKey = sourceKey;
    }

    /** Keep the source's content type, headers and metadata. */
    public static CopyOptions keep() {
        return KEEP;
    }

    /**
     * Replace the content type, headers and metadata with those of {@code attributes}.
     *
     * @throws IllegalArgumentException if {@code attributes} has a precondition (a copy takes none)
     */
    public static CopyOptions replace(PutOptions attributes) {
        Objects.requireNonNull(attributes, "attributes is null");
        if (attributes.hasPrecondition()) {
            throw new IllegalArgumentException("a copy takes no precondition; the replacement options have one: " + attributes);
        }
        return new CopyOptions(attributes, null);
    }

    /** These options, reading the source with the SSE-C {@code key} it was stored with. */
    public CopyOptions sourceKey(SseCustomerKey key) {
        return new CopyOptions(replacement, Objects.requireNonNull(key, "key is null"));
    }

    /** The SSE-C key of the source, if it has one. */
    public Optional<SseCustomerKey> sourceKey() {
        return Optional.ofNullable(sourceKey);
    }

    /** The content type, headers and metadata the target gets instead of the source's; empty to keep the source's. */
    public Optional<PutOptions> replacement() {
        return Optional.ofNullable(replacement);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyOptions && Objects.equals(replacement, ((CopyOptions) o).replacement)
                && Objects.equals(sourceKey, ((CopyOptions) o).sourceKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(replacement, sourceKey);
    }

    @Override
    public String toString() {
        String attributes = replacement == null ? "keep" : "replace=" + replacement;
        return "CopyOptions{" + attributes + (sourceKey == null ? "" : ", source " + sourceKey) + '}';
    }
}
