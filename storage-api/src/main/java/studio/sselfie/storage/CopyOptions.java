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
 */
public final class CopyOptions {
    private static final CopyOptions KEEP = new CopyOptions(null);

    private final PutOptions replacement;

    private CopyOptions(PutOptions replacement) {
        this.replacement = replacement;
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
        return new CopyOptions(attributes);
    }

    /** The content type, headers and metadata the target gets instead of the source's; empty to keep the source's. */
    public Optional<PutOptions> replacement() {
        return Optional.ofNullable(replacement);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CopyOptions && Objects.equals(replacement, ((CopyOptions) o).replacement);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(replacement);
    }

    @Override
    public String toString() {
        return replacement == null ? "CopyOptions{keep}" : "CopyOptions{replace=" + replacement + '}';
    }
}
