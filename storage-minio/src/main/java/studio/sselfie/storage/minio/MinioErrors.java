package studio.sselfie.storage.minio;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import io.minio.messages.ErrorResponse;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * Turns what the MinIO SDK throws into the typed {@link StorageException}s of the contract. Messages carry the S3
 * error code and HTTP status only, never the server's text or the SDK's trace: nothing of a request (signature,
 * credential) can reach a message this way. The SDK exception stays as the cause, and its own trace redacts the
 * signature and the access key.
 */
final class MinioErrors {
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NoSuchObject", "NoSuchVersion", "ResourceNotFound");
    private static final Set<String> PRECONDITION = Set.of("PreconditionFailed", "ConditionalRequestConflict");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch", "InvalidAccessKeyId",
            "InvalidToken", "ExpiredToken", "TokenRefreshRequired", "AccountProblem", "AllAccessDisabled",
            "InvalidSecurity", "AuthorizationHeaderMalformed", "RequestTimeTooSkewed");
    private static final Set<String> UNAVAILABLE = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
            "RequestTimeout", "OperationAborted", "Throttling", "ThrottlingException",
            "TooManyRequests", "XMinioServerNotInitialized", "XMinioStorageFull");
    private static final Pattern NON_XML_STATUS = Pattern.compile("Response code: (\\d{3})");

    private MinioErrors() {
    }

    /**
     * The typed failure for {@code failure} in {@code operation} on {@code key} ({@code null} when there is none).
     * An exception that already is a {@link StorageException} is returned as it is.
     */
    static StorageException map(String backend, StorageOperation operation, String key, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof StorageException) {
            return (StorageException) cause;
        }
        if (cause instanceof ErrorResponseException) {
            ErrorResponseException e = (ErrorResponseException) cause;
            ErrorResponse error = e.errorResponse();
            String code = error == null || error.code() == null ? "" : error.code();
            int status = e.response() == null ? 0 : e.response().code();
            return fromResponse(backend, operation, key, code, status, e);
        }
        if (cause instanceof ServerException) {
            int status = ((ServerException) cause).statusCode();
            return new StorageUnavailableException(backend, operation, key, "the store failed (HTTP " + status + ")", cause);
        }
        if (cause instanceof InvalidResponseException) {
            Matcher matcher = NON_XML_STATUS.matcher(String.valueOf(cause.getMessage()));
            int status = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
            return fromResponse(backend, operation, key, "", status, cause);
        }
        IOException io = findIo(failure);
        if (io != null) {
            return new StorageUnavailableException(backend, operation, key,
                    "the store could not be reached (" + io.getClass().getSimpleName() + ")", cause);
        }
        if (cause instanceof XmlParserException) {
            // A truncated or garbled answer, as a connection cut midway gives.
            return new StorageUnavailableException(backend, operation, key, "the store's answer could not be parsed", cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new InvalidRequestException(backend, operation, key, "the MinIO client refused the request", cause);
        }
        return new StorageException(backend, operation, key, "the MinIO client failed ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    /** The typed failure for one key of a batch delete, from the S3 error code the server gave for it. */
    static StorageException fromBatchError(String backend, String key, String code, Throwable cause) {
        return fromResponse(backend, StorageOperation.DELETE_ALL, key, code == null ? "" : code, 0, cause);
    }

    /** Whether {@code failure} says the object (not the bucket) is missing. */
    static boolean isNotFound(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ErrorResponseException) {
            ErrorResponseException e = (ErrorResponseException) cause;
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            if (code != null && !code.isEmpty()) {
                return NOT_FOUND.contains(code);
            }
            return e.response() != null && e.response().code() == 404;
        }
        return false;
    }

    /** Whether {@code failure} is an HTTP 416 (range not satisfiable). */
    static boolean isRangeNotSatisfiable(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof ErrorResponseException) {
            ErrorResponseException e = (ErrorResponseException) cause;
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            return "InvalidRange".equals(code) || (e.response() != null && e.response().code() == 416);
        }
        return false;
    }

    private static StorageException fromResponse(String backend, StorageOperation operation, String key, String code,
            int status, Throwable cause) {
        String what = describe(code, status);
        if (NOT_FOUND.contains(code) || (code.isEmpty() && status == 404)) {
            return new ObjectNotFoundException(backend, operation, key, "no object at this key " + what, cause);
        }
        if (code.equals("NoSuchBucket")) {
            return new StorageException(backend, operation, key, "the bucket does not exist " + what, cause);
        }
        if (PRECONDITION.contains(code) || status == 412) {
            return new PreconditionFailedException(backend, operation, key, "the precondition does not hold " + what, cause);
        }
        if (code.equals("InvalidRange") || status == 416) {
            return new RangeNotSatisfiableException(backend, operation, key, "the range is not satisfiable " + what, cause);
        }
        if (ACCESS_DENIED.contains(code) || status == 401 || status == 403) {
            return new AccessDeniedException(backend, operation, key, "access denied " + what, cause);
        }
        if (UNAVAILABLE.contains(code) || status >= 500 || status == 408 || status == 429) {
            return new StorageUnavailableException(backend, operation, key, "the store is unavailable " + what, cause);
        }
        if (status >= 400 && status < 500) {
            return new InvalidRequestException(backend, operation, key, "the store rejected the request " + what, cause);
        }
        return new StorageException(backend, operation, key, "the store failed " + what, cause);
    }

    private static String describe(String code, int status) {
        if (status == 0) {
            return "(" + (code.isEmpty() ? "no error code" : code) + ")";
        }
        return "(HTTP " + status + (code.isEmpty() ? "" : " " + code) + ")";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static IOException findIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return (IOException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
