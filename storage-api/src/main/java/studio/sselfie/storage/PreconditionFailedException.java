package studio.sselfie.storage;

/**
 * A conditional write's precondition did not hold (HTTP 412): the object existed for {@code ifNoneMatchAny}, or its ETag differed (or it was missing) for {@code ifMatch}. Nothing was written. Backends map every way a store says this to this type: S3's 412, its 404 for {@code If-Match} on a missing key, and its 409 ConditionalRequestConflict for a concurrent conditional write that lost.
 */
public class PreconditionFailedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public PreconditionFailedException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == PreconditionFailedException.class
                ? new PreconditionFailedException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
