package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

/**
 * One unit of a transform's work list.
 *
 * @param source the key read
 * @param target the key written, or {@code null} when the transform decides it per object
 * @param size   the source's size when listed
 */
public record WorkItem(String source, String target, long size) {
    public WorkItem {
        requireNonNull(source, "source is null");
    }
}
