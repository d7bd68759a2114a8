package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

/**
 * How the backend reads the SDK's exceptions: an error answer goes to the shared {@link S3ErrorTable} (whose decisions
 * S3ErrorTableTest asserts once for every backend) with its status, code and message; client failures (timeouts,
 * resets) are mapped here. On the SDK's own exception values, since a test server cannot be made to give them all.
 */
class S3ErrorsTest {
    private final S3Errors errors = new S3Errors("s3://bucket");

    private StorageException map(int status, String code) {
        S3Exception e = (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .message("message of " + code).build();
        return errors.map(StorageOperation.GET, "k", e);
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({"503, SlowDown", "500, InternalError", "409, ConditionalRequestConflict", "400, RequestTimeout",
            "404, NoSuchKey", "404, ", "404, NoSuchBucket", "412, PreconditionFailed", "416, InvalidRange",
            "403, SignatureDoesNotMatch", "401, Unauthorized", "400, InvalidArgument", "501, NotImplemented"})
    void map_errorAnswer_isTheSharedTablesAnswer(int status, String code) {
        StorageException e = map(status, code);
        StorageException expected = S3ErrorTable.toException("s3://bucket", StorageOperation.GET, "k", status, code,
                "message of " + code, null);

        assertThat(e).isExactlyInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
        assertThat(e.isRetryable()).isEqualTo(expected.isRetryable());
    }

    @Test
    void map_connectionReset_isUnavailable() {
        SdkClientException reset = SdkClientException.create("Unable to execute HTTP request", new SocketException("Connection reset"));

        assertThat(errors.map(StorageOperation.PUT, "k", reset)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_apiCallTimeout_isUnavailable() {
        ApiCallTimeoutException timeout = ApiCallTimeoutException.create(1000);

        assertThat(errors.map(StorageOperation.PUT, "k", timeout)).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_plainIoException_isUnavailableAndKeepsCause() {
        IOException io = new IOException("broken pipe");

        StorageException e = errors.map(StorageOperation.GET, "k", io);

        assertThat(e).isInstanceOf(StorageUnavailableException.class);
        assertThat(e.getCause()).isSameAs(io);
    }

    @Test
    void map_everyException_keepsItsCause() {
        S3Exception cause = (S3Exception) S3Exception.builder().statusCode(403).message("denied").build();

        assertThat(errors.map(StorageOperation.HEAD, "k", cause).getCause()).isSameAs(cause);
    }

    @Test
    void forBatchEntry_accessDenied_isAccessDeniedNamingTheKey() {
        StorageException e = S3Errors.forBatchEntry("s3://bucket",
                S3Error.builder().key("a/b").code("AccessDenied").message("no").build());

        assertThat(e).isInstanceOf(AccessDeniedException.class);
        assertThat(e.key()).contains("a/b");
        assertThat(e.operation()).isEqualTo(StorageOperation.DELETE_ALL);
    }

    @Test
    void forBatchEntry_internalError_isUnavailable() {
        assertThat(S3Errors.forBatchEntry("s3://bucket", S3Error.builder().key("k").code("InternalError").build()))
                .isInstanceOf(StorageUnavailableException.class);
    }
}
