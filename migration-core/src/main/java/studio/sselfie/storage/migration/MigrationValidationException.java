package studio.sselfie.storage.migration;

/** The migrations given and the history in the store disagree (a changed checksum, a missing or reordered applied migration, duplicate versions, an unknown target); reported before any write. */
public class MigrationValidationException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public MigrationValidationException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public MigrationValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
