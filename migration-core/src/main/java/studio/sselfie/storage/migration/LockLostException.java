package studio.sselfie.storage.migration;

/** This runner's lease expired or was taken over; it stopped before its next write. The next migrate resumes the step. */
public class LockLostException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public LockLostException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public LockLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
