package studio.sselfie.storage.testkit.faults;

import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * A kind of failure {@link FaultInjectingBackend} injects. Each models something a real network or store does, so a
 * resilience layer tested against it meets the cases it meets in production: a request that never arrived, one whose
 * answer was lost, a slow one, a connection reset midway through a body, and silently corrupted bytes.
 */
public enum Fault {
    /**
     * Throws a retryable {@link StorageUnavailableException} before the call reaches the delegate: the operation did
     * not take effect (a put's body is not read).
     */
    FAIL_BEFORE,

    /**
     * Calls the delegate, so the operation takes effect, then throws a retryable {@link StorageUnavailableException}:
     * the ambiguous case of a timeout after the request was sent. A get opens the object and closes its stream before
     * throwing.
     */
    FAIL_AFTER,

    /** Delays the call by the configured latency, then makes it normally. */
    LATENCY,

    /**
     * Get only: the returned stream delivers a random prefix of the body (from none to all but the last byte), then
     * throws an {@link java.io.IOException} ("connection reset (injected) ...") on the next read and every read
     * after it. Not injected when the body is empty.
     */
    TRUNCATE_READ,

    /**
     * Get only: the returned stream changes one byte at a random position (XOR with a non-zero mask) but otherwise
     * behaves normally: silent corruption, as from a faulty network or disk. Not injected when the body is empty.
     */
    CORRUPT_READ;

    /**
     * Whether this fault can be injected into {@code operation}: the read faults into {@link StorageOperation#GET}
     * only, the others into every operation {@link FaultInjectingBackend} decorates (every one but
     * {@link StorageOperation#OPEN}, which no backend method performs).
     */
    public boolean appliesTo(StorageOperation operation) {
        if (operation == StorageOperation.OPEN) {
            return false;
        }
        return !isReadFault() || operation == StorageOperation.GET;
    }

    /** Whether this fault alters the body of a get ({@link #TRUNCATE_READ}, {@link #CORRUPT_READ}). */
    public boolean isReadFault() {
        return this == TRUNCATE_READ || this == CORRUPT_READ;
    }
}
