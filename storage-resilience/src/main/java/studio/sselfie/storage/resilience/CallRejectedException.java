package studio.sselfie.storage.resilience;

import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * A call that the {@link ResilientStorageBackend} did not make: its circuit breaker is open, its bulkhead is full, or
 * its rate limiter gave no permit in time. Retryable for the caller (later, the call may be let through), but never
 * retried by the decorator itself, so that a rejection is not turned into more load.
 */
public final class CallRejectedException extends StorageUnavailableException {
    private static final long serialVersionUID = 1L;

    /** Why a call was rejected. */
    public enum Reason {
        /** The circuit breaker is open (or half open with all trial calls taken). */
        CIRCUIT_OPEN,
        /** The bulkhead had no free slot within its wait. */
        BULKHEAD_FULL,
        /** The rate limiter gave no permit within its wait. */
        RATE_LIMITED
    }

    private final Reason reason;

    /**
     * @param backend   the wrapped backend's name
     * @param operation the rejected operation
     * @param key       its key, or {@code null}
     * @param reason    why it was rejected
     * @param detail    the limit or state that rejected it, in words
     * @param cause     the resilience4j exception, or {@code null}
     */
    public CallRejectedException(String backend, StorageOperation operation, String key, Reason reason, String detail,
            Throwable cause) {
        super(backend, operation, key, "rejected, " + reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                + ": " + detail, cause);
        this.reason = reason;
    }

    /** Why the call was rejected. */
    public Reason reason() {
        return reason;
    }
}
