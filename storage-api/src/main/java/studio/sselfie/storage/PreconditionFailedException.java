package studio.sselfie.storage;

/**
 * A conditional write's precondition did not hold (HTTP 412): the object existed for {@code ifNoneMatchAny}, or its ETag differed (or it was missing) for {@code ifMatch}. Nothing was written.
 */
public class PreconditionFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public PreconditionFailedException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }
}
