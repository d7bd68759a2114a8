package studio.sselfie.storage;

/**
 * A byte range starts at or past the end of the object (HTTP 416). Nothing was read.
 */
public class RangeNotSatisfiableException extends InvalidRequestException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public RangeNotSatisfiableException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == RangeNotSatisfiableException.class
                ? new RangeNotSatisfiableException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
