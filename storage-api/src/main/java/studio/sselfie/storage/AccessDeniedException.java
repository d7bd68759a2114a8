package studio.sselfie.storage;

/**
 * The store refused the credentials or the permission (HTTP 401/403, bad signature). The message never contains a secret.
 */
public class AccessDeniedException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** See {@link StorageException#StorageException(String, StorageOperation, String, String, Throwable)}. */
    public AccessDeniedException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(backend, operation, key, reason, cause);
    }

    @Override
    StorageException withKey(String otherKey) {
        return getClass() == AccessDeniedException.class
                ? new AccessDeniedException(backend(), operation(), otherKey, reason(), this) : this;
    }
}
