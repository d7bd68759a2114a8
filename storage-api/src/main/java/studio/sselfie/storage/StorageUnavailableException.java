package studio.sselfie.storage;

/**
 * The store could not be reached or asked to slow down: 5xx, 503 SlowDown, timeouts, connection resets. Retryable.
 */
public class StorageUnavailableException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public StorageUnavailableException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    /** Always {@code true}. */
    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == StorageUnavailableException.class
                ? new StorageUnavailableException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
