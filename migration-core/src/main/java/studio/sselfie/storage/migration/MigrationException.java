package studio.sselfie.storage.migration;

/** Root of every failure of the migration runner. Unchecked; keeps its cause. */
public class MigrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public MigrationException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
