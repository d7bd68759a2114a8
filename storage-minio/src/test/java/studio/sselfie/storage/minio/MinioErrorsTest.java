package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.MinioException;
import io.minio.errors.ServerException;
import io.minio.messages.ErrorResponse;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

class MinioErrorsTest {
    private static final String BACKEND = "minio://photos";

    private static ErrorResponseException s3Error(String code, int status) {
        Response response = new Response.Builder()
                .request(new Request.Builder().url("http://127.0.0.1:9000/photos/a.jpg").build())
                .protocol(Protocol.HTTP_1_1).code(status).message("status " + status).build();
        return new ErrorResponseException(new ErrorResponse(code, "server text", "photos", "a.jpg", "/photos/a.jpg",
                "request-1", "host-1"), response, "trace");
    }

    private static StorageException map(Throwable failure) {
        return MinioErrors.map(BACKEND, StorageOperation.GET, "a.jpg", new CompletionException(failure));
    }

    @ParameterizedTest(name = "HTTP {1} {0}")
    @CsvSource({"NoSuchKey, 404", "'', 404", "PreconditionFailed, 412", "ConditionalRequestConflict, 409",
            "InvalidRange, 416", "SignatureDoesNotMatch, 403", "'', 401", "SlowDown, 503", "InternalError, 500",
            "'', 502", "RequestTimeout, 400", "'', 429", "InvalidArgument, 400", "NoSuchBucket, 404",
            "NotImplemented, 501"})
    void map_errorAnswer_isTheSharedTablesAnswer(String code, int status) {
        StorageException failure = map(s3Error(code, status));
        StorageException expected = S3ErrorTable.toException(BACKEND, StorageOperation.GET, "a.jpg", status, code,
                "server text", null);

        assertThat(failure).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        assertThat(failure.isRetryable()).isEqualTo(expected.isRetryable());
    }

    @Test
    void map_anyFailure_namesBackendOperationAndKeyAndKeepsTheCause() {
        ErrorResponseException cause = s3Error("NoSuchKey", 404);

        StorageException failure = map(cause);

        assertThat(failure).isInstanceOf(ObjectNotFoundException.class);
        assertThat(failure.getCause()).isSameAs(cause);
        assertThat(failure.backend()).isEqualTo(BACKEND);
        assertThat(failure.operation()).isEqualTo(StorageOperation.GET);
        assertThat(failure.key()).hasValue("a.jpg");
        assertThat(failure.getMessage()).contains(BACKEND).contains("get").contains("'a.jpg'").contains("404");
    }

    @Test
    void map_connectionRefused_isRetryableUnavailable() {
        StorageException failure = map(new ConnectException("Connection refused"));

        assertThat(failure).isInstanceOf(StorageUnavailableException.class).hasRootCauseInstanceOf(ConnectException.class);
        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void map_timeoutWrappedBySdk_isRetryableUnavailable() {
        StorageException failure = map(new MinioException(new SocketTimeoutException("timeout")));

        assertThat(failure).isInstanceOf(StorageUnavailableException.class);
        assertThat(failure.getMessage()).contains("SocketTimeoutException");
    }

    @Test
    void map_connectionReset_isRetryableUnavailable() {
        assertThat(map(new IOException("Connection reset"))).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_serverException_isRetryableUnavailable() {
        StorageException failure = map(new ServerException("server failed", 503, "trace"));

        assertThat(failure).isInstanceOf(StorageUnavailableException.class);
        assertThat(failure.getMessage()).contains("503");
    }

    @Test
    void map_nonXmlForbidden_isAccessDenied() {
        StorageException failure = map(new InvalidResponseException(403, "text/html", "<html>denied</html>", "trace"));

        assertThat(failure).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void map_nonXmlBadGateway_isUnavailable() {
        assertThat(map(new InvalidResponseException(502, "text/html", "<html>bad gateway</html>", "trace")))
                .isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_storageException_isReturnedAsItIs() {
        StorageException original = new InvalidRequestException(BACKEND, StorageOperation.PUT, "k", "bad", null);

        assertThat(MinioErrors.map(BACKEND, StorageOperation.PUT, "k", original)).isSameAs(original);
    }

    @Test
    void map_unknownRuntimeFailure_isNotRetryableStorageException() {
        StorageException failure = map(new IllegalStateException("boom"));

        assertThat(failure.getClass()).isEqualTo(StorageException.class);
        assertThat(failure.isRetryable()).isFalse();
    }

    @Test
    void isNotFound_noSuchKey_isTrueButNoSuchBucketIsNot() {
        assertThat(MinioErrors.isNotFound(new CompletionException(s3Error("NoSuchKey", 404)))).isTrue();
        assertThat(MinioErrors.isNotFound(new CompletionException(s3Error("NoSuchBucket", 404)))).isFalse();
    }

    @Test
    void fromBatchError_accessDenied_isAccessDeniedForThatKey() {
        StorageException failure = MinioErrors.fromBatchError(BACKEND, "x/y", "AccessDenied", null);

        assertThat(failure).isInstanceOf(AccessDeniedException.class);
        assertThat(failure.key()).hasValue("x/y");
        assertThat(failure.operation()).isEqualTo(StorageOperation.DELETE_ALL);
    }

    @Test
    void map_preconditionAndRange_areNotRetryable() {
        assertThat(map(s3Error("PreconditionFailed", 412))).isInstanceOf(PreconditionFailedException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isFalse());
        assertThat(map(s3Error("InvalidRange", 416))).isInstanceOf(RangeNotSatisfiableException.class)
                .satisfies(e -> assertThat(e.isRetryable()).isFalse());
    }
}
