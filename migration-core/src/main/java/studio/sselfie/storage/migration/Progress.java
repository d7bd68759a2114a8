package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * How far one operation of a step has got, as {@link MigrationListener#progress} hears it: objects and bytes done,
 * and the totals when known (the transforms of {@link MigrationContext} know them from their listing; a custom step
 * reports what it knows through {@link MigrationContext#progress}). Immutable.
 */
public final class Progress {
    private final String operation;
    private final long objectsDone;
    private final long objectsTotal;
    private final long bytesDone;
    private final long bytesTotal;

    /**
     * @param operation    what is running, e.g. {@code moveKeys 'photos/'}
     * @param objectsDone  objects done so far
     * @param objectsTotal objects in all, or -1 when unknown
     * @param bytesDone    bytes done so far
     * @param bytesTotal   bytes in all, or -1 when unknown
     */
    public Progress(String operation, long objectsDone, long objectsTotal, long bytesDone, long bytesTotal) {
        this.operation = requireNonNull(operation, "operation is null");
        this.objectsDone = objectsDone;
        this.objectsTotal = objectsTotal;
        this.bytesDone = bytesDone;
        this.bytesTotal = bytesTotal;
    }

    /** What is running, e.g. {@code moveKeys 'photos/'}. */
    public String operation() {
        return operation;
    }

    /** Objects done so far (including those a resumed step found done). */
    public long objectsDone() {
        return objectsDone;
    }

    /** Objects in all, when known. */
    public OptionalLong objectsTotal() {
        return objectsTotal < 0 ? OptionalLong.empty() : OptionalLong.of(objectsTotal);
    }

    /** Bytes done so far. */
    public long bytesDone() {
        return bytesDone;
    }

    /** Bytes in all, when known. */
    public OptionalLong bytesTotal() {
        return bytesTotal < 0 ? OptionalLong.empty() : OptionalLong.of(bytesTotal);
    }

    @Override
    public String toString() {
        return operation + ": " + objectsDone + (objectsTotal < 0 ? "" : "/" + objectsTotal) + " objects, " + bytesDone
                + (bytesTotal < 0 ? "" : "/" + bytesTotal) + " bytes";
    }
}
