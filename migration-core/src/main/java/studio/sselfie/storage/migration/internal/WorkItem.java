package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

/**
 * One unit of a transform's work list.
 *
 * @param source the key read
 * @param target the key written, or {@code null} when the transform decides it per object
 * @param size          the source's size when listed
 * @param targetExisted whether an object was at {@code target} when the work was planned, as a listing showed;
 *                      null when unknown (no listing covered it, or a work list stored by an earlier version)
 */
public record WorkItem(String source, String target, long size, Boolean targetExisted) {
    public WorkItem {
        requireNonNull(source, "source is null");
    }

    /** This item with what the listing showed of its target. */
    public WorkItem withTargetExisted(Boolean existed) {
        return new WorkItem(source, target, size, existed);
    }
}
