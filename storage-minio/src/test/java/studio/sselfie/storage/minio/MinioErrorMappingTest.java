package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/** Failures of a real server come out typed, and never show the secret key. */
class MinioErrorMappingTest {
    private static final String WRONG_SECRET = "wrong-secret-Zq7v9XkP2mLw4RtY8nBc";
    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-errors");
        try (MinioStorageBackend backend = bucket.backend()) {
            backend.put("present.bin", "bytes".getBytes());
        }
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    private static MinioStorageBackend withWrongSecret() {
        return MinioStorageBackend.create(bucket.config()
                .credentials(bucket.endpoint().accessKey(), WRONG_SECRET).build());
    }

    /** Everything a log line could show of a failure: message, toString and the whole stack trace with causes. */
    private static String everythingShown(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return failure.getMessage() + "\n" + failure + "\n" + trace;
    }

    @Test
    void get_wrongSecret_throwsAccessDeniedWithoutTheSecret() {
        try (MinioStorageBackend backend = withWrongSecret()) {
            AccessDeniedException failure = catchThrowableOfType(AccessDeniedException.class, () -> backend.get("present.bin"));

            assertThat(failure).isNotNull();
            assertThat(failure.key()).hasValue("present.bin");
            assertThat(failure.operation()).isEqualTo(StorageOperation.GET);
            assertThat(failure.isRetryable()).isFalse();
            assertThat(everythingShown(failure)).doesNotContain(WRONG_SECRET).doesNotContain(bucket.endpoint().secretKey());
        }
    }

    @Test
    void put_wrongSecret_throwsAccessDeniedWithoutTheSecret() {
        try (MinioStorageBackend backend = withWrongSecret()) {
            AccessDeniedException failure = catchThrowableOfType(AccessDeniedException.class,
                    () -> backend.put("denied.bin", "x".getBytes()));

            assertThat(failure).isNotNull();
            assertThat(everythingShown(failure)).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void head_wrongSecret_throwsAccessDeniedRatherThanAbsent() {
        try (MinioStorageBackend backend = withWrongSecret()) {
            assertThat(catchThrowableOfType(AccessDeniedException.class, () -> backend.head("present.bin"))).isNotNull();
        }
    }

    @Test
    void listPage_wrongSecret_throwsAccessDenied() {
        try (MinioStorageBackend backend = withWrongSecret()) {
            AccessDeniedException failure = catchThrowableOfType(AccessDeniedException.class,
                    () -> backend.listPage(ListOptions.prefix("")));

            assertThat(failure).isNotNull();
            assertThat(failure.key()).isEmpty();
            assertThat(everythingShown(failure)).doesNotContain(WRONG_SECRET);
        }
    }

    @Test
    void get_wrongSecretWithSessionToken_showsNeitherSecretNorToken() {
        String token = "IQoJb3JpZ2luX2VjEXAMPLEwrongSECRETtoken";
        try (MinioStorageBackend backend = MinioStorageBackend.create(bucket.config()
                .credentials(bucket.endpoint().accessKey(), WRONG_SECRET, token).build())) {
            StorageException failure = catchThrowableOfType(StorageException.class, () -> backend.get("k"));

            assertThat(failure).isNotNull();
            assertThat(everythingShown(failure)).doesNotContain(WRONG_SECRET).doesNotContain(token);
            assertThat(backend.toString() + backend.config()).doesNotContain(WRONG_SECRET).doesNotContain(token);
        }
    }

    @Test
    void toString_ofBackendAndConfig_neverShowTheSecret() {
        try (MinioStorageBackend backend = bucket.backend()) {
            assertThat(backend.toString()).doesNotContain(bucket.endpoint().secretKey()).contains(bucket.name());
            assertThat(backend.config().toString()).doesNotContain(bucket.endpoint().secretKey());
        }
    }

    @Test
    void get_missingBucket_throwsNotRetryableFailureNamingIt() {
        try (MinioStorageBackend backend = MinioStorageBackend.create(bucket.config()
                .bucket(S3TestEndpoint.newBucketName("never-created")).build())) {
            StorageException failure = catchThrowableOfType(StorageException.class, () -> backend.get("a.bin"));

            assertThat(failure).isNotNull();
            assertThat(failure.isRetryable()).isFalse();
            assertThat(failure.getMessage()).contains("NoSuchBucket");
        }
    }

    @Test
    void get_unreachableEndpoint_throwsRetryableUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (MinioStorageBackend backend = MinioStorageBackend.create(bucket.config()
                .endpoint(URI.create("http://127.0.0.1:" + closedPort)).build())) {
            StorageUnavailableException failure = catchThrowableOfType(StorageUnavailableException.class,
                    () -> backend.get("present.bin"));

            assertThat(failure).isNotNull();
            assertThat(failure.isRetryable()).isTrue();
            assertThat(failure.key()).hasValue("present.bin");
            assertThat(failure).hasRootCauseInstanceOf(ConnectException.class);
        }
    }
}
