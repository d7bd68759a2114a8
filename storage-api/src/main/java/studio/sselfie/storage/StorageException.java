package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * Root of every failure a {@link StorageBackend} reports. Unchecked. Each instance names the backend, the operation
 * and, where there is one, the key; it keeps the cause it wraps.
 *
 * <p>{@link #isRetryable()} tells whether the same call may succeed if repeated unchanged: only
 * {@link StorageUnavailableException} answers {@code true} by default.
 *
 * <p><b>S3 error answers.</b> Every S3-protocol backend (S3, MinIO) turns the store's error answer into an exception
 * through one table ({@code storage-s3-protocol}'s {@code S3ErrorTable}), so the same reply means the same thing on
 * each. The S3 error code decides where it is known, the HTTP status otherwise:
 * <table>
 *   <caption>S3 error answers and what they become</caption>
 *   <tr><th>answer</th><th>exception</th><th>retryable</th></tr>
 *   <tr><td>404 {@code NoSuchKey}, {@code NoSuchVersion}, 404 without code (a HEAD)</td>
 *       <td>{@link ObjectNotFoundException} (a head answers empty, a delete succeeds)</td><td>no</td></tr>
 *   <tr><td>404 {@code NoSuchBucket}</td><td>{@link InvalidRequestException}: never "absent"</td><td>no</td></tr>
 *   <tr><td>404 {@code NoSuchUpload}</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 *   <tr><td>412 {@code PreconditionFailed}</td><td>{@link PreconditionFailedException}</td><td>no</td></tr>
 *   <tr><td>409 {@code ConditionalRequestConflict}, {@code OperationAborted}</td>
 *       <td>{@link StorageUnavailableException}: a conflicting write was in progress, S3 says retry</td><td>yes</td></tr>
 *   <tr><td>416 {@code InvalidRange}</td><td>{@link RangeNotSatisfiableException}</td><td>no</td></tr>
 *   <tr><td>401, 403 {@code AccessDenied}, {@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId},
 *       {@code ExpiredToken}, {@code InvalidToken}, {@code AuthorizationHeaderMalformed},
 *       {@code RequestTimeTooSkewed}</td><td>{@link AccessDeniedException}</td><td>no</td></tr>
 *   <tr><td>403 {@code InvalidObjectState} (archived object)</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 *   <tr><td>503 {@code SlowDown}, 429, throttling codes</td><td>{@link StorageUnavailableException}</td><td>yes</td></tr>
 *   <tr><td>500 {@code InternalError}, 502, 503 {@code ServiceUnavailable}, 504, 408, 400 {@code RequestTimeout},
 *       other 5xx</td><td>{@link StorageUnavailableException}</td><td>yes</td></tr>
 *   <tr><td>501 {@code NotImplemented}</td><td>{@link InvalidRequestException}</td><td>no</td></tr>
 *   <tr><td>301 {@code PermanentRedirect} (bucket in another region)</td><td>{@link InvalidRequestException}</td>
 *       <td>no</td></tr>
 *   <tr><td>other 4xx ({@code InvalidArgument}, {@code EntityTooLarge}, {@code MetadataTooLarge}, ...)</td>
 *       <td>{@link InvalidRequestException}</td><td>no</td></tr>
 * </table>
 * Failures of the connection (refused, reset, timed out) are {@link StorageUnavailableException}, retryable.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String backend;
    private final StorageOperation operation;
    private final String key;
    private final String reason;

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
        this.reason = reason;
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

    /** What went wrong, without the backend, operation and key. */
    String reason() {
        return reason;
    }

    /**
     * The same failure for {@code otherKey} (a {@link ScopedStorageBackend} names its own keys), with this one as its
     * cause; a subclass this package does not know is returned unchanged.
     */
    StorageException withKey(String otherKey) {
        return getClass() == StorageException.class
                ? new StorageException(backend, operation, otherKey, reason, this) : this;
    }

    /** Whether repeating the same call unchanged may succeed. Default: {@code false}. */
    public boolean isRetryable() {
        return false;
    }
}
