package studio.sselfie.storage.minio;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;
import io.minio.errors.XmlParserException;
import io.minio.messages.ErrorResponse;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

/**
 * Turns what the MinIO SDK throws into the typed {@link StorageException}s of the contract: an error answer of the
 * store through the shared {@link S3ErrorTable} (the same table the S3 backend uses), a failure of the client itself
 * here. Messages carry the HTTP status, the S3 error code and the server's message (S3 puts no credential there),
 * never the SDK's trace. The SDK exception stays as the cause, and its own trace redacts the signature and the access
 * key; it does not redact a session token, so when it shows one the cause is a {@link RedactedSdkException} instead.
 */
final class MinioErrors {
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
        Throwable kept = RedactedSdkException.of(cause);
        if (cause instanceof ErrorResponseException) {
            ErrorResponseException e = (ErrorResponseException) cause;
            ErrorResponse error = e.errorResponse();
            int status = e.response() == null ? 0 : e.response().code();
            return S3ErrorTable.toException(backend, operation, key, status, error == null ? null : error.code(),
                    error == null ? null : error.message(), kept);
        }
        if (cause instanceof ServerException) {
            // A 5xx answer whose body was not an S3 error document.
            int status = ((ServerException) cause).statusCode();
            return S3ErrorTable.toException(backend, operation, key, status, null, null, kept);
        }
        if (cause instanceof InvalidResponseException) {
            Matcher matcher = NON_XML_STATUS.matcher(String.valueOf(cause.getMessage()));
            int status = matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
            return S3ErrorTable.toException(backend, operation, key, status, null, null, kept);
        }
        IOException io = findIo(failure);
        if (io != null) {
            return new StorageUnavailableException(backend, operation, key,
                    "the store could not be reached (" + io.getClass().getSimpleName() + ")", kept);
        }
        if (cause instanceof XmlParserException) {
            // A truncated or garbled answer, as a connection cut midway gives.
            return new StorageUnavailableException(backend, operation, key, "the store's answer could not be parsed", kept);
        }
        if (cause instanceof IllegalArgumentException) {
            return new InvalidRequestException(backend, operation, key, "the MinIO client refused the request", kept);
        }
        return new StorageException(backend, operation, key, "the MinIO client failed ("
                + cause.getClass().getSimpleName() + ")", kept);
    }

    /** The typed failure for one key of a batch delete, from the S3 error code the server gave for it. */
    static StorageException fromBatchError(String backend, String key, String code, Throwable cause) {
        return S3ErrorTable.toException(backend, StorageOperation.DELETE_ALL, key, 0, code, null, cause);
    }

    /** Whether {@code failure} says the object (not the bucket) is missing. */
    static boolean isNotFound(Throwable failure) {
        return meaning(failure) == S3ErrorTable.Meaning.OBJECT_NOT_FOUND;
    }

    /** Whether {@code failure} is an HTTP 416 (range not satisfiable). */
    static boolean isRangeNotSatisfiable(Throwable failure) {
        return meaning(failure) == S3ErrorTable.Meaning.RANGE_NOT_SATISFIABLE;
    }

    /** What the store's error answer in {@code failure} means, or {@code null} when it is no error answer. */
    private static S3ErrorTable.Meaning meaning(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (!(cause instanceof ErrorResponseException)) {
            return null;
        }
        ErrorResponseException e = (ErrorResponseException) cause;
        return S3ErrorTable.meaning(e.response() == null ? 0 : e.response().code(),
                e.errorResponse() == null ? null : e.errorResponse().code());
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
