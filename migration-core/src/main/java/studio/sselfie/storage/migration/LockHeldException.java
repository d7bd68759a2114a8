package studio.sselfie.storage.migration;

/** Another runner holds the migration lock and did not release it within the wait time; the message names the owner and when its lease expires. */
public class LockHeldException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public LockHeldException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public LockHeldException(String message, Throwable cause) {
        super(message, cause);
    }
}
