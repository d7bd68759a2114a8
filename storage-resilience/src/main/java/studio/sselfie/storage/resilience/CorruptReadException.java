package studio.sselfie.storage.resilience;

import java.io.IOException;

/**
 * Thrown by a stream of a {@link ResilientStorageBackend} when the bytes read do not match the object: the count
 * differs from its size, or their checksum from its SHA-256 or MD5 ETag. It is raised at the end of the body, in place
 * of the end of stream, so that a reader that reads to the end never takes corrupted bytes for good ones.
 */
public final class CorruptReadException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key    the object's key
     * @param detail what did not match (expected and actual size or checksum)
     */
    public CorruptReadException(String key, String detail) {
        super("read of '" + key + "' is corrupt: " + detail);
        this.key = key;
    }

    /** The key of the object whose read was corrupt. */
    public String key() {
        return key;
    }
}
