package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of every failure a {@link StorageBackend} reports. Unchecked. Each instance names the backend, the operation
 * and, where there is one, the key; it keeps the cause it wraps.
 *
 * <p>{@link #isRetryable()} tells whether the same call may succeed if repeated unchanged: only
 * {@link StorageUnavailableException} answers {@code true} by default.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String backend;
    private final StorageOperation operation;
    private final String key;

    /**
     * @param backend   the backend's {@link StorageBackend#name()}, never a credential
     * @param operation the failed operation
     * @param key       the key concerned, or {@code null} when the operation has none (e.g. a listing)
     * @param reason    what went wrong, in a few words
     * @param cause     the underlying failure, or {@code null}
     */
    public StorageException(String backend, StorageOperation operation, String key, String reason, Throwable cause) {
        super(describe(Objects.requireNonNull(backend, "backend is null"), Objects.requireNonNull(operation, "operation is null"),
                key, reason), cause);
        this.backend = Objects.requireNonNull(backend, "backend is null");
        this.operation = Objects.requireNonNull(operation, "operation is null");
        this.key = key;
    }

    private static String describe(String backend, StorageOperation operation, String key, String reason) {
        StringBuilder message = new StringBuilder();
        message.append('[').append(backend).append("] ").append(operation.label());
        if (key != null) {
            message.append(" '").append(abbreviate(key)).append('\'');
        }
        return message.append(": ").append(reason).toString();
    }

    /** The key as shown in messages: whole up to 200 characters, else its first 200 (never half a surrogate pair). */
    private static String abbreviate(String key) {
        if (key.length() <= 200) {
            return key;
        }
        int cut = Character.isHighSurrogate(key.charAt(199)) ? 199 : 200;
        return key.substring(0, cut) + "...(" + key.length() + " chars)";
    }

    /** The name of the backend that failed, as given by {@link StorageBackend#name()}. */
    public String backend() {
        return backend;
    }

    /** The operation that failed. */
    public StorageOperation operation() {
        return operation;
    }

    /** The key concerned, if the operation had one. */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** Whether repeating the same call unchanged may succeed. Default: {@code false}. */
    public boolean isRetryable() {
        return false;
    }
}
