package studio.sselfie.storage.migration;

/** A step tried to read or write a key under the migrator's reserved prefix; nothing was written. */
public class ReservedPrefixException extends MigrationException {
    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the version, key or owner concerned */
    public ReservedPrefixException(String message) {
        super(message);
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public ReservedPrefixException(String message, Throwable cause) {
        super(message, cause);
    }
}
