package studio.sselfie.storage.s3protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/** The documented contract of the error table (StorageException's Javadoc), once for every S3-protocol backend. */
class S3ErrorTableTest {

    @ParameterizedTest(name = "HTTP {0} {1} -> {2}, retryable={3}")
    @CsvSource({
            "404, NoSuchKey, ObjectNotFoundException, false",
            "404, NoSuchVersion, ObjectNotFoundException, false",
            "404, , ObjectNotFoundException, false",
            "404, NoSuchBucket, InvalidRequestException, false",
            "404, NoSuchUpload, InvalidRequestException, false",
            "412, PreconditionFailed, PreconditionFailedException, false",
            "412, , PreconditionFailedException, false",
            "409, ConditionalRequestConflict, StorageUnavailableException, true",
            "409, OperationAborted, StorageUnavailableException, true",
            "409, BucketNotEmpty, InvalidRequestException, false",
            "416, InvalidRange, RangeNotSatisfiableException, false",
            "403, AccessDenied, AccessDeniedException, false",
            "403, SignatureDoesNotMatch, AccessDeniedException, false",
            "403, InvalidAccessKeyId, AccessDeniedException, false",
            "400, ExpiredToken, AccessDeniedException, false",
            "400, AuthorizationHeaderMalformed, AccessDeniedException, false",
            "403, RequestTimeTooSkewed, AccessDeniedException, false",
            "401, , AccessDeniedException, false",
            "403, InvalidObjectState, InvalidRequestException, false",
            "503, SlowDown, StorageUnavailableException, true",
            "429, , StorageUnavailableException, true",
            "500, InternalError, StorageUnavailableException, true",
            "502, , StorageUnavailableException, true",
            "503, ServiceUnavailable, StorageUnavailableException, true",
            "504, , StorageUnavailableException, true",
            "408, , StorageUnavailableException, true",
            "400, RequestTimeout, StorageUnavailableException, true",
            "501, NotImplemented, InvalidRequestException, false",
            "501, , InvalidRequestException, false",
            "301, PermanentRedirect, InvalidRequestException, false",
            "307, TemporaryRedirect, StorageUnavailableException, true",
            "400, InvalidArgument, InvalidRequestException, false",
            "400, EntityTooLarge, InvalidRequestException, false",
            "400, MetadataTooLarge, InvalidRequestException, false",
            "400, KeyTooLongError, InvalidRequestException, false",
            "400, BadDigest, InvalidRequestException, false",
            "400, SomeFutureCode, InvalidRequestException, false",
            "599, SomeFutureCode, StorageUnavailableException, true",
            "0, NoSuchKey, ObjectNotFoundException, false",
            "0, AccessDenied, AccessDeniedException, false",
            "0, SlowDown, StorageUnavailableException, true",
            "0, SomeFutureCode, StorageException, false",
    })
    void toException_givesTheDocumentedTypeAndRetryDecision(int status, String code, String type, boolean retryable) {
        StorageException e = S3ErrorTable.toException("s3://b", StorageOperation.PUT, "k", status, code, null, null);

        assertThat(e.getClass().getSimpleName()).as("exception for HTTP %s %s", status, code).isEqualTo(type);
        assertThat(e.isRetryable()).as("retryable for HTTP %s %s", status, code).isEqualTo(retryable);
        assertThat(S3ErrorTable.isRetryable(status, code)).as("table's retry decision agrees with the exception")
                .isEqualTo(retryable);
    }

    @Test
    void toException_namesBackendOperationKeyStatusCodeAndServerMessage() {
        IOException cause = new IOException("client's exception");

        StorageException e = S3ErrorTable.toException("minio://photos", StorageOperation.GET, "users/u1.jpg", 404,
                "NoSuchKey", "The specified key does not exist.", cause);

        assertThat(e).isInstanceOf(ObjectNotFoundException.class).hasCause(cause);
        assertThat(e.getMessage()).contains("minio://photos", "users/u1.jpg", "HTTP 404 NoSuchKey",
                "The specified key does not exist.");
    }

    @Test
    void toException_longServerMessage_isCut() {
        String longMessage = "x".repeat(5000);

        StorageException e = S3ErrorTable.toException("s3://b", StorageOperation.PUT, "k", 400, "InvalidArgument",
                longMessage, null);

        assertThat(e.getMessage()).hasSizeLessThan(400).contains("x".repeat(S3ErrorTable.MAX_SERVER_MESSAGE) + "...");
    }

    @Test
    void toException_noStatusNoCode_saysSo() {
        StorageException e = S3ErrorTable.toException("s3://b", StorageOperation.DELETE_ALL, "k", 0, null, null, null);

        assertThat(e.getMessage()).contains("(no status or error code)");
    }

    @Test
    void toException_bucketMissing_isNeverAMissingObject() {
        // A head would answer "absent" and a delete "done" on a bucket that is not there.
        assertThat(S3ErrorTable.toException("s3://b", StorageOperation.HEAD, "k", 404, "NoSuchBucket", null, null))
                .isNotInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("the bucket does not exist");
    }

    @Test
    void meaning_knownCodeDecides_overStatus() {
        assertThat(S3ErrorTable.meaning(400, "ExpiredToken")).isEqualTo(S3ErrorTable.Meaning.ACCESS_DENIED);
        assertThat(S3ErrorTable.meaning(503, "SlowDown")).isEqualTo(S3ErrorTable.Meaning.THROTTLED);
        assertThat(S3ErrorTable.meaning(404, "NoSuchUpload")).isEqualTo(S3ErrorTable.Meaning.UPLOAD_NOT_FOUND);
    }
}
