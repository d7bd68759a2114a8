package studio.sselfie.storage.s3;

import java.util.concurrent.Semaphore;

/**
 * Bounds the memory of a backend's uploads: at most {@code maxParts} parts exist at once, across all puts, so memory
 * is at most part size x maxParts whatever the object sizes and the number of concurrent puts.
 *
 * <p>A put holds at most one part while it reads its body; every other part it holds is being uploaded and comes back
 * when that request ends. So a put waiting here never blocks a part another put needs to finish: no deadlock.
 */
final class PartPool {
    private final Semaphore permits;

    PartPool(int maxParts) {
        // Fair, so a put waiting for a part is not starved by others.
        this.permits = new Semaphore(maxParts, true);
    }

    /** Takes a part of {@code capacity} bytes, waiting for one to come back if all are in use. */
    PartBuffer acquire(long capacity) throws InterruptedException {
        permits.acquire();
        return new PartBuffer(capacity);
    }

    /** Gives back a part taken with {@link #acquire(long)}; its memory goes to the garbage collector. */
    void release() {
        permits.release();
    }
}
