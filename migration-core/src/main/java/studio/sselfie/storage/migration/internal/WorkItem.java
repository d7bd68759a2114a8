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
 * @param etag          the source's ETag when listed; null when unknown (a work list stored by an earlier version)
 */
public record WorkItem(String source, String target, long size, Boolean targetExisted, String etag) {
    public WorkItem {
        requireNonNull(source, "source is null");
    }

    /** This item with what the listing showed of its target. */
    public WorkItem withTargetExisted(Boolean existed) {
        return new WorkItem(source, target, size, existed, etag);
    }

    /**
     * Whether this is a move whose source's listed ETag proves its bytes (see {@link Transfers}) and whose target the
     * plan's listing showed free: such a move needs no read of its source and no record of its own (see
     * {@link BackupStore#recordMoves}).
     */
    public boolean isProvableMoveToFreeTarget() {
        return Boolean.FALSE.equals(targetExisted) && target != null && Transfers.md5Etag(etag).isPresent();
    }
}
