package studio.sselfie.storage.filesystem;

import java.io.Closeable;
import java.io.IOException;

import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/** What a failed file-system call becomes: a typed {@link StorageException} naming backend, operation and key. */
final class Failures {
    private Failures() {
    }

    /**
     * A link on the way or a permission refused is {@link AccessDeniedException}; a damaged or foreign object file and
     * any other I/O failure a (not retryable) {@link StorageException}: a disk does not heal by asking again.
     */
    static StorageException of(String backend, StorageOperation operation, String key, IOException e) {
        if (e instanceof KeyPaths.SymbolicLinkException) {
            return new AccessDeniedException(backend, operation, key, e.getMessage() + "; the backend never follows links", e);
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return new AccessDeniedException(backend, operation, key, "the file system denied access", e);
        }
        if (e instanceof Trailer.NotAnObjectFile) {
            return new StorageException(backend, operation, key, "the object file is damaged or not this backend's: "
                    + e.getMessage(), e);
        }
        return new StorageException(backend, operation, key, "file system operation failed: " + e, e);
    }

    /** Closes {@code resource} on the way out of a failure, keeping a failure to close as suppressed. */
    static void closeAfter(Closeable resource, Exception failure) {
        try {
            resource.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
