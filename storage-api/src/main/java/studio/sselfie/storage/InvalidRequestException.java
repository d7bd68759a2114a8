package studio.sselfie.storage;

/**
 * The call broke a rule of the contract or a limit of {@link StorageLimits}: the message names the rule or the limit. Thrown before any I/O where the check needs none; nothing stored is changed.
 */
public class InvalidRequestException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public InvalidRequestException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == InvalidRequestException.class
                ? new InvalidRequestException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
