package studio.sselfie.storage.s3protocol;

import static java.util.Map.entry;
import static java.util.Objects.requireNonNull;

import java.util.Map;

import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * The one table from an S3 error answer (HTTP status and S3 error code) to the contract's exception and its retry
 * decision, used by every S3-protocol backend (AWS SDK and MinIO SDK alike), so that the same reply from the store
 * means the same thing whichever client received it. It knows no client: a backend passes the status, the code and
 * the server's message it read from its own client's exception.
 *
 * <p>The code decides when the table knows it ({@link #meaning(int, String)}); otherwise the status does: 404 is a
 * missing object (a HEAD answer has no body, so no code), 412 a failed precondition, 416 an unsatisfiable range, 401
 * and 403 denied access, 408, 429, 500, 502, 503 and 504 (and any other 5xx but 501) a store that is unavailable for
 * now, 501 a request the store does not implement, 3xx a bucket at another endpoint or region, any other 4xx a rejected
 * request. Each decision follows what S3 documents for the code (the "Error responses" list of the S3 API reference)
 * and, for retries, the AWS SDK's standard retry mode; they are listed in {@link Meaning}.
 *
 * <p>Messages name the status, the code and the server's own message (at most {@value #MAX_SERVER_MESSAGE}
 * characters); S3 puts no credential in an error message (a signature mismatch sends the string to sign in separate
 * elements, which no client copies into the message).
 */
public final class S3ErrorTable {
    /** Longest server message kept in an exception's message. */
    static final int MAX_SERVER_MESSAGE = 200;

    /** What an S3 error answer means to the contract. */
    public enum Meaning {
        /** No such key or version: {@link ObjectNotFoundException}; a head answers empty, a delete succeeds. */
        OBJECT_NOT_FOUND(false),
        /** {@code NoSuchBucket}: {@link InvalidRequestException}, never a missing object (that would make a head of any
         * key answer "absent" and a delete "done" on a bucket that is not there). Not retryable: a configuration error. */
        BUCKET_NOT_FOUND(false),
        /** {@code NoSuchUpload}: the multipart upload was aborted or completed meanwhile; {@link InvalidRequestException}. */
        UPLOAD_NOT_FOUND(false),
        /** 412 {@code PreconditionFailed}: {@link PreconditionFailedException}; repeating cannot change the answer. */
        PRECONDITION_FAILED(false),
        /** 409 {@code ConditionalRequestConflict} and {@code OperationAborted}: a conflicting write on the same key was
         * in progress. S3 documents "retry the request": {@link StorageUnavailableException}, retryable. A conditional
         * put repeated after it gets its real answer (success or 412) then. */
        CONFLICT(true),
        /** 416 {@code InvalidRange}: {@link RangeNotSatisfiableException}. */
        RANGE_NOT_SATISFIABLE(false),
        /** 401, 403 and the authentication codes (bad signature, unknown or expired key or token, wrong region in the
         * credential scope, clock skew): {@link AccessDeniedException}. */
        ACCESS_DENIED(false),
        /** 403 {@code InvalidObjectState}: the object is archived (Glacier, Deep Archive) and must be restored before
         * it can be read; {@link InvalidRequestException}. */
        ARCHIVED(false),
        /** 503 {@code SlowDown}, 429 and the throttling codes: {@link StorageUnavailableException}, retryable. */
        THROTTLED(true),
        /** 500, 502, 503, 504 (and other 5xx but 501), 408, {@code RequestTimeout}, {@code InternalError}, a temporary
         * redirect: {@link StorageUnavailableException}, retryable. */
        UNAVAILABLE(true),
        /** 501 {@code NotImplemented}: a header or feature the store does not implement; {@link InvalidRequestException},
         * not retryable (unlike other 5xx; the AWS SDK does not retry it either). */
        NOT_IMPLEMENTED(false),
        /** 301 {@code PermanentRedirect} and other 3xx: the bucket lives in another region or at another endpoint;
         * {@link InvalidRequestException}. */
        REDIRECT(false),
        /** Any other 4xx ({@code InvalidArgument}, {@code EntityTooLarge}, {@code MetadataTooLarge}, ...): the store
         * refused the request as it is; {@link InvalidRequestException}. */
        INVALID_REQUEST(false),
        /** No status and an unknown code (a batch-delete entry): a plain {@link StorageException}. */
        UNKNOWN(false);

        private final boolean retryable;

        Meaning(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether the same request, repeated unchanged, may succeed. */
        public boolean isRetryable() {
            return retryable;
        }
    }

    private static final Map<String, Meaning> CODES = Map.ofEntries(
            entry("NoSuchKey", Meaning.OBJECT_NOT_FOUND),
            entry("NoSuchVersion", Meaning.OBJECT_NOT_FOUND),
            // Codes the MinIO SDK makes up for a HEAD answer, which has no body.
            entry("NoSuchObject", Meaning.OBJECT_NOT_FOUND),
            entry("ResourceNotFound", Meaning.OBJECT_NOT_FOUND),
            entry("NotFound", Meaning.OBJECT_NOT_FOUND),
            entry("NoSuchBucket", Meaning.BUCKET_NOT_FOUND),
            entry("NoSuchUpload", Meaning.UPLOAD_NOT_FOUND),
            entry("PreconditionFailed", Meaning.PRECONDITION_FAILED),
            entry("ConditionalRequestConflict", Meaning.CONFLICT),
            entry("OperationAborted", Meaning.CONFLICT),
            entry("InvalidRange", Meaning.RANGE_NOT_SATISFIABLE),
            entry("AccessDenied", Meaning.ACCESS_DENIED),
            entry("AccountProblem", Meaning.ACCESS_DENIED),
            entry("AllAccessDisabled", Meaning.ACCESS_DENIED),
            entry("AuthorizationHeaderMalformed", Meaning.ACCESS_DENIED),
            entry("CredentialsNotSupported", Meaning.ACCESS_DENIED),
            entry("ExpiredToken", Meaning.ACCESS_DENIED),
            entry("InvalidAccessKeyId", Meaning.ACCESS_DENIED),
            entry("InvalidPayer", Meaning.ACCESS_DENIED),
            entry("InvalidSecurity", Meaning.ACCESS_DENIED),
            entry("InvalidToken", Meaning.ACCESS_DENIED),
            entry("MissingSecurityHeader", Meaning.ACCESS_DENIED),
            entry("NotSignedUp", Meaning.ACCESS_DENIED),
            entry("RequestTimeTooSkewed", Meaning.ACCESS_DENIED),
            entry("SignatureDoesNotMatch", Meaning.ACCESS_DENIED),
            entry("TokenRefreshRequired", Meaning.ACCESS_DENIED),
            entry("InvalidObjectState", Meaning.ARCHIVED),
            entry("SlowDown", Meaning.THROTTLED),
            entry("Throttling", Meaning.THROTTLED),
            entry("ThrottlingException", Meaning.THROTTLED),
            entry("ThrottledException", Meaning.THROTTLED),
            entry("RequestThrottled", Meaning.THROTTLED),
            entry("RequestThrottledException", Meaning.THROTTLED),
            entry("TooManyRequests", Meaning.THROTTLED),
            entry("TooManyRequestsException", Meaning.THROTTLED),
            entry("RequestLimitExceeded", Meaning.THROTTLED),
            entry("BandwidthLimitExceeded", Meaning.THROTTLED),
            entry("InternalError", Meaning.UNAVAILABLE),
            entry("ServiceUnavailable", Meaning.UNAVAILABLE),
            entry("RequestTimeout", Meaning.UNAVAILABLE),
            entry("RequestTimeoutException", Meaning.UNAVAILABLE),
            entry("PriorRequestNotComplete", Meaning.UNAVAILABLE),
            entry("TemporaryRedirect", Meaning.UNAVAILABLE),
            entry("XMinioServerNotInitialized", Meaning.UNAVAILABLE),
            entry("NotImplemented", Meaning.NOT_IMPLEMENTED),
            entry("PermanentRedirect", Meaning.REDIRECT),
            entry("Redirect", Meaning.REDIRECT),
            entry("BadDigest", Meaning.INVALID_REQUEST),
            entry("EntityTooLarge", Meaning.INVALID_REQUEST),
            entry("EntityTooSmall", Meaning.INVALID_REQUEST),
            entry("IncompleteBody", Meaning.INVALID_REQUEST),
            entry("InvalidArgument", Meaning.INVALID_REQUEST),
            entry("InvalidBucketName", Meaning.INVALID_REQUEST),
            entry("InvalidBucketState", Meaning.INVALID_REQUEST),
            entry("InvalidDigest", Meaning.INVALID_REQUEST),
            entry("InvalidEncryptionAlgorithmError", Meaning.INVALID_REQUEST),
            entry("InvalidPart", Meaning.INVALID_REQUEST),
            entry("InvalidPartOrder", Meaning.INVALID_REQUEST),
            entry("InvalidRequest", Meaning.INVALID_REQUEST),
            entry("InvalidStorageClass", Meaning.INVALID_REQUEST),
            entry("InvalidURI", Meaning.INVALID_REQUEST),
            entry("KeyTooLongError", Meaning.INVALID_REQUEST),
            entry("MalformedXML", Meaning.INVALID_REQUEST),
            entry("MalformedPOSTRequest", Meaning.INVALID_REQUEST),
            entry("MaxMessageLengthExceeded", Meaning.INVALID_REQUEST),
            entry("MetadataTooLarge", Meaning.INVALID_REQUEST),
            entry("MethodNotAllowed", Meaning.INVALID_REQUEST),
            entry("MissingContentLength", Meaning.INVALID_REQUEST),
            entry("MissingRequestBodyError", Meaning.INVALID_REQUEST),
            entry("UnexpectedContent", Meaning.INVALID_REQUEST),
            entry("UserKeyMustBeSpecified", Meaning.INVALID_REQUEST),
            entry("BucketAlreadyExists", Meaning.INVALID_REQUEST),
            entry("BucketAlreadyOwnedByYou", Meaning.INVALID_REQUEST),
            entry("BucketNotEmpty", Meaning.INVALID_REQUEST),
            entry("XMinioStorageFull", Meaning.INVALID_REQUEST));

    private S3ErrorTable() {
    }

    /**
     * What the answer with {@code status} (0 when there is none, as for one entry of a batch delete) and S3 error
     * {@code code} (null or empty when the answer had no body) means. A known code decides; otherwise the status.
     */
    public static Meaning meaning(int status, String code) {
        if (code != null && !code.isEmpty()) {
            Meaning known = CODES.get(code);
            if (known != null) {
                return known;
            }
        }
        return byStatus(status);
    }

    /** Whether the answer with {@code status} and {@code code} may succeed when the same request is sent again. */
    public static boolean isRetryable(int status, String code) {
        return meaning(status, code).isRetryable();
    }

    private static Meaning byStatus(int status) {
        if (status == 0) {
            return Meaning.UNKNOWN;
        }
        if (status == 404) {
            return Meaning.OBJECT_NOT_FOUND;
        }
        if (status == 412) {
            return Meaning.PRECONDITION_FAILED;
        }
        if (status == 416) {
            return Meaning.RANGE_NOT_SATISFIABLE;
        }
        if (status == 401 || status == 403) {
            return Meaning.ACCESS_DENIED;
        }
        if (status == 429) {
            return Meaning.THROTTLED;
        }
        if (status == 501) {
            return Meaning.NOT_IMPLEMENTED;
        }
        if (status == 408 || status >= 500) {
            return Meaning.UNAVAILABLE;
        }
        if (status >= 300 && status < 400) {
            return Meaning.REDIRECT;
        }
        return status >= 400 ? Meaning.INVALID_REQUEST : Meaning.UNKNOWN;
    }

    /**
     * The contract's exception for the store's answer to {@code operation} on {@code key}.
     *
     * @param backend       the backend's name
     * @param key           the key concerned, or {@code null} (a listing)
     * @param status        the HTTP status, or 0 when there is none (one entry of a batch delete)
     * @param code          the S3 error code, or null or empty when the answer had none
     * @param serverMessage the store's message, or null
     * @param cause         the client's exception, kept as the cause (may be null)
     */
    public static StorageException toException(String backend, StorageOperation operation, String key, int status,
            String code, String serverMessage, Throwable cause) {
        requireNonNull(backend, "backend is null");
        requireNonNull(operation, "operation is null");
        Meaning meaning = meaning(status, code);
        String answer = describe(status, code, serverMessage);
        switch (meaning) {
            case OBJECT_NOT_FOUND:
                return new ObjectNotFoundException(backend, operation, key, "no such object " + answer, cause);
            case BUCKET_NOT_FOUND:
                return new InvalidRequestException(backend, operation, key, "the bucket does not exist " + answer, cause);
            case UPLOAD_NOT_FOUND:
                return new InvalidRequestException(backend, operation, key,
                        "the multipart upload no longer exists (aborted or completed meanwhile) " + answer, cause);
            case PRECONDITION_FAILED:
                return new PreconditionFailedException(backend, operation, key, "the precondition does not hold " + answer, cause);
            case CONFLICT:
                return new StorageUnavailableException(backend, operation, key,
                        "a conflicting operation on this key was in progress; the store asks to retry " + answer, cause);
            case RANGE_NOT_SATISFIABLE:
                return new RangeNotSatisfiableException(backend, operation, key, "the range is not satisfiable " + answer, cause);
            case ACCESS_DENIED:
                return new AccessDeniedException(backend, operation, key, "access denied " + answer, cause);
            case ARCHIVED:
                return new InvalidRequestException(backend, operation, key,
                        "the object is archived and must be restored before it can be read " + answer, cause);
            case THROTTLED:
                return new StorageUnavailableException(backend, operation, key, "the store asks to slow down " + answer, cause);
            case UNAVAILABLE:
                return new StorageUnavailableException(backend, operation, key, "the store is unavailable " + answer, cause);
            case NOT_IMPLEMENTED:
                return new InvalidRequestException(backend, operation, key,
                        "the store does not implement this request " + answer, cause);
            case REDIRECT:
                return new InvalidRequestException(backend, operation, key,
                        "the store redirects: the bucket is in another region or at another endpoint " + answer, cause);
            case INVALID_REQUEST:
                return new InvalidRequestException(backend, operation, key, "the store rejected the request " + answer, cause);
            default:
                return new StorageException(backend, operation, key, "the store failed " + answer, cause);
        }
    }

    /** {@code (HTTP 404 NoSuchKey: The specified key does not exist.)}, leaving out what is missing. */
    static String describe(int status, String code, String serverMessage) {
        StringBuilder answer = new StringBuilder("(");
        if (status != 0) {
            answer.append("HTTP ").append(status);
        }
        if (code != null && !code.isEmpty()) {
            answer.append(answer.length() > 1 ? " " : "").append(code);
        }
        if (answer.length() == 1) {
            answer.append("no status or error code");
        }
        if (serverMessage != null && !serverMessage.isBlank()) {
            String message = serverMessage.strip();
            if (message.length() > MAX_SERVER_MESSAGE) {
                message = message.substring(0, MAX_SERVER_MESSAGE) + "...";
            }
            answer.append(": ").append(message);
        }
        return answer.append(')').toString();
    }
}
