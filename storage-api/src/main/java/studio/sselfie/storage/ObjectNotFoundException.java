package studio.sselfie.storage;

/**
 * The object does not exist (HTTP 404). Not retryable: the object will not appear by asking again.
 */
public class ObjectNotFoundException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public ObjectNotFoundException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == ObjectNotFoundException.class
                ? new ObjectNotFoundException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
