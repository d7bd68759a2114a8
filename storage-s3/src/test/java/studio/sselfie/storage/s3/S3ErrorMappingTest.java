package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.testkit.s3server.EmbeddedS3Server;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/** What a real server's refusals become, through the real client. */
class S3ErrorMappingTest {
    private static S3TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-errors");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void put_wrongSecret_throwsAccessDeniedWithoutTheSecret() {
        String wrongSecret = "wrong-" + bucket.endpoint().secretKey();
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.credentials(bucket.endpoint().accessKey(), wrongSecret)))) {
            AccessDeniedException e = catchThrowableOfType(AccessDeniedException.class, () -> s3.put("k", new byte[] {1}));

            assertThat(e.operation()).isEqualTo(StorageOperation.PUT);
            assertThat(e.key()).contains("k");
            assertThat(e.backend()).isEqualTo(s3.name());
            assertThat(e.getCause()).isNotNull();
            assertThat(Secrets.everyTextOf(e)).doesNotContain(wrongSecret).doesNotContain(bucket.endpoint().secretKey());
        }
    }

    @Test
    void get_wrongSecret_throwsAccessDenied() {
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.credentials(bucket.endpoint().accessKey(), "not-the-secret")))) {
            assertThatThrownBy(() -> s3.get("k")).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void list_unknownAccessKey_throwsAccessDenied() {
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.credentials("AKIAUNKNOWNKEY000000", "secret")))) {
            assertThatThrownBy(() -> s3.list("").findFirst()).isInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void put_missingBucket_throwsInvalidRequestNamingTheBucket() {
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.bucket(S3TestEndpoint.newBucketName("never-created"))))) {
            assertThatThrownBy(() -> s3.put("k", new byte[] {1}))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("bucket does not exist")
                    .hasMessageContaining(s3.name());
        }
    }

    @Test
    void get_missingKey_throwsObjectNotFoundNamingKey() {
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config())) {
            assertThatThrownBy(() -> s3.get("missing/key"))
                    .isInstanceOf(ObjectNotFoundException.class)
                    .hasMessageContaining("missing/key");
        }
    }

    @Test
    void put_staleIfMatch_throwsPreconditionFailedWithCause() {
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config())) {
            String stale = s3.put("versioned", new byte[] {1}).etag();
            s3.put("versioned", new byte[] {2});

            PreconditionFailedException e = catchThrowableOfType(PreconditionFailedException.class,
                    () -> s3.put("versioned", new byte[] {3}, PutOptions.builder().ifMatch(stale).build()));

            assertThat(e.getMessage()).contains("412");
            assertThat(e.getCause()).isNotNull();
        }
    }

    @Test
    void head_serverGone_throwsRetryableStorageUnavailable() {
        URI gone;
        try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
            gone = server.endpoint();
        }
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.endpoint(gone).sdkRetries(1)
                .connectionTimeout(Duration.ofSeconds(1))))) {
            StorageException e = catchThrowableOfType(StorageUnavailableException.class, () -> s3.head("k"));

            assertThat(e.isRetryable()).isTrue();
            assertThat(e.operation()).isEqualTo(StorageOperation.HEAD);
            assertThat(e.getCause()).isNotNull();
        }
    }

    @Test
    void put_unknownLengthToGoneServer_throwsRetryableStorageUnavailable() {
        URI gone;
        try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
            gone = server.endpoint();
        }
        try (S3StorageBackend s3 = new S3StorageBackend(bucket.config(c -> c.endpoint(gone).sdkRetries(1)))) {
            assertThatThrownBy(() -> s3.put("k", TestBodies.random(100, 1), -1, PutOptions.defaults()))
                    .isInstanceOf(StorageUnavailableException.class);
        }
    }
}
