package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Error;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

/**
 * Turns what the SDK throws into the contract's exceptions: an error answer of the store through the shared
 * {@link S3ErrorTable} (the same table the MinIO backend uses), a failure of the client itself here. Messages carry the
 * HTTP status, S3's error code and its message, never a credential: the SDK's messages hold none (a signature error
 * names the access key id at most).
 */
final class S3Errors {
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

    /** The exception for one key that a DeleteObjects batch could not delete: the error table's, by its code. */
    static StorageException forBatchEntry(String backend, S3Error error) {
        return S3ErrorTable.toException(backend, StorageOperation.DELETE_ALL, error.key(), 0, error.code(),
                error.message(), null);
    }

    private StorageException mapService(StorageOperation operation, String key, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        return S3ErrorTable.toException(backend, operation, key, e.statusCode(),
                details == null ? null : details.errorCode(), details == null ? null : details.errorMessage(), e);
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
