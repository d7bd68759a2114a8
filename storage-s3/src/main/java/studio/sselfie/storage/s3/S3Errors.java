package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Error;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * Turns what the SDK throws into the contract's exceptions. Messages carry the HTTP status, S3's error code and its
 * message, never a credential: the SDK's messages hold none (a signature error names the access key id at most).
 */
final class S3Errors {
    private static final Set<String> NOT_FOUND = Set.of("NoSuchKey", "NotFound");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "SignatureDoesNotMatch",
            "InvalidAccessKeyId", "InvalidToken", "ExpiredToken", "AccountProblem", "AllAccessDisabled",
            "RequestTimeTooSkewed");
    private static final Set<String> UNAVAILABLE = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
            "RequestTimeout", "OperationAborted", "ConditionalRequestConflict", "TooManyRequests", "Throttling",
            "ThrottlingException", "RequestLimitExceeded");

    private final String backend;

    S3Errors(String backend) {
        this.backend = backend;
    }

    /** The contract's exception for {@code e}, thrown by {@code operation} on {@code key} (null when none). */
    StorageException map(StorageOperation operation, String key, Throwable e) {
        if (e instanceof StorageException) {
            return (StorageException) e;
        }
        if (e instanceof AwsServiceException) {
            return mapService(operation, key, (AwsServiceException) e);
        }
        if (e instanceof SdkClientException || e instanceof SdkException) {
            return mapClient(operation, key, (SdkException) e);
        }
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            return new StorageUnavailableException(backend, operation, key, "I/O failed: " + e.getMessage(), e);
        }
        return new StorageException(backend, operation, key, "unexpected failure: " + e, e);
    }

    /** The exception for one key that a DeleteObjects batch could not delete. */
    static StorageException forBatchEntry(String backend, S3Error error) {
        String code = error.code() == null ? "" : error.code();
        String reason = "not deleted (" + code + (error.message() == null ? "" : ": " + error.message()) + ")";
        if (ACCESS_DENIED.contains(code)) {
            return new AccessDeniedException(backend, StorageOperation.DELETE_ALL, error.key(), reason, null);
        }
        if (UNAVAILABLE.contains(code)) {
            return new StorageUnavailableException(backend, StorageOperation.DELETE_ALL, error.key(), reason, null);
        }
        return new InvalidRequestException(backend, StorageOperation.DELETE_ALL, error.key(), reason, null);
    }

    private StorageException mapService(StorageOperation operation, String key, AwsServiceException e) {
        int status = e.statusCode();
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String serverMessage = details == null || details.errorMessage() == null ? "" : ": " + details.errorMessage();
        String reason = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + serverMessage;
        if (code.equals("NoSuchBucket")) {
            return new InvalidRequestException(backend, operation, key, "the bucket does not exist (" + reason + ")", e);
        }
        if (status == 404 || NOT_FOUND.contains(code)) {
            return new ObjectNotFoundException(backend, operation, key, "no such object (" + reason + ")", e);
        }
        if (status == 412 || code.equals("PreconditionFailed")) {
            return new PreconditionFailedException(backend, operation, key, "precondition failed (" + reason + ")", e);
        }
        if (status == 416 || code.equals("InvalidRange")) {
            return new RangeNotSatisfiableException(backend, operation, key, "range not satisfiable (" + reason + ")", e);
        }
        if (status == 401 || status == 403 || ACCESS_DENIED.contains(code)) {
            return new AccessDeniedException(backend, operation, key, "access denied (" + reason + ")", e);
        }
        if (status >= 500 || status == 429 || UNAVAILABLE.contains(code) || e.isThrottlingException()) {
            return new StorageUnavailableException(backend, operation, key, "store unavailable (" + reason + ")", e);
        }
        return new InvalidRequestException(backend, operation, key, "request rejected (" + reason + ")", e);
    }

    private StorageException mapClient(StorageOperation operation, String key, SdkException e) {
        if (e instanceof AbortedException || Thread.currentThread().isInterrupted()) {
            return new StorageException(backend, operation, key, "interrupted: " + e.getMessage(), e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || hasIoCause(e)
                || e.retryable()) {
            return new StorageUnavailableException(backend, operation, key, "store unreachable: " + e.getMessage(), e);
        }
        String message = String.valueOf(e.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("credentials")) {
            return new AccessDeniedException(backend, operation, key, "no usable credentials: " + message, e);
        }
        return new StorageException(backend, operation, key, "S3 client failed: " + message, e);
    }

    private static boolean hasIoCause(Throwable e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
