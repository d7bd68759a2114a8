package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketException;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * The mapping of S3 answers a test server cannot be made to give (503 SlowDown, 500, timeouts, resets), on the SDK's
 * own exception values.
 */
class S3ErrorsTest {
    private final S3Errors errors = new S3Errors("s3://bucket");

    private StorageException map(int status, String code) {
        S3Exception e = (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("message of " + code).build())
                .message("message of " + code).build();
        return errors.map(StorageOperation.GET, "k", e);
    }

    @Test
    void map_503SlowDown_isRetryableUnavailable() {
        StorageException e = map(503, "SlowDown");

        assertThat(e).isInstanceOf(StorageUnavailableException.class);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("[s3://bucket]", "get", "'k'", "503", "SlowDown");
    }

    @Test
    void map_500InternalError_isUnavailable() {
        assertThat(map(500, "InternalError")).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_409ConditionalRequestConflict_isUnavailable() {
        assertThat(map(409, "ConditionalRequestConflict")).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_400RequestTimeout_isUnavailable() {
        assertThat(map(400, "RequestTimeout")).isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void map_404NoSuchKey_isNotFound() {
        assertThat(map(404, "NoSuchKey")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void map_404WithoutCode_isNotFound() {
        assertThat(map(404, null)).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void map_404NoSuchBucket_isInvalidRequest() {
        assertThat(map(404, "NoSuchBucket")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("bucket");
    }

    @Test
    void map_412_isPreconditionFailed() {
        assertThat(map(412, "PreconditionFailed")).isInstanceOf(PreconditionFailedException.class);
    }

    @Test
    void map_416InvalidRange_isRangeNotSatisfiable() {
        assertThat(map(416, "InvalidRange")).isInstanceOf(RangeNotSatisfiableException.class);
    }

    @Test
    void map_403SignatureDoesNotMatch_isAccessDenied() {
        assertThat(map(403, "SignatureDoesNotMatch")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void map_401_isAccessDenied() {
        assertThat(map(401, "Unauthorized")).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void map_400InvalidArgument_isInvalidRequestAndNotRetryable() {
        StorageException e = map(400, "InvalidArgument");

        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(e.isRetryable()).isFalse();
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
