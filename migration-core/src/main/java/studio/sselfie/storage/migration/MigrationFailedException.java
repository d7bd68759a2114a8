package studio.sselfie.storage.migration;

/** A step failed: the store was rolled back to the step's rollback point and the failure recorded with key and cause; later migrate calls refuse until {@link Migrator#repair()}. */
public class MigrationFailedException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public MigrationFailedException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public MigrationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
