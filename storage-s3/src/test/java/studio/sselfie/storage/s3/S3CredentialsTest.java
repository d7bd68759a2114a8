package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;

/**
 * The secret key and session token never show: not in toString, not in exceptions, not in any log line, even at
 * DEBUG.
 */
class S3CredentialsTest {
    private static S3TestBucket bucket;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level rootLevel;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-credentials");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @BeforeEach
    void captureEverything() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        events.start();
        root.addAppender(events);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(events);
        root.setLevel(rootLevel);
    }

    @Test
    void operations_withRightAndWrongSecret_neverLogTheSecret() {
        String secret = bucket.endpoint().secretKey();
        String wrongSecret = "Wr0ng" + secret.substring(5);
        try (S3StorageBackend good = new S3StorageBackend(bucket.config());
                S3StorageBackend bad = new S3StorageBackend(bucket.config(c -> c.credentials(bucket.endpoint().accessKey(), wrongSecret)))) {
            good.put("logged", new byte[] {1, 2, 3});
            good.getBytes("logged");
            Throwable failure = catchThrowable(() -> bad.put("refused", new byte[] {1}));

            assertThat(failure).isNotNull();
            assertThat(events.list).as("DEBUG logging was captured").isNotEmpty();
            assertThat(loggedText()).doesNotContain(secret).doesNotContain(wrongSecret);
        }
    }

    @Test
    void exception_ofWrongSecret_showsNoSecretAnywhereInItsChain() {
        String wrongSecret = "Wr0ng" + bucket.endpoint().secretKey().substring(5);
        try (S3StorageBackend bad = new S3StorageBackend(bucket.config(c -> c.credentials(bucket.endpoint().accessKey(), wrongSecret)))) {
            Throwable failure = catchThrowable(() -> bad.head("k"));

            assertThat(failure).isNotNull();
            assertThat(Secrets.everyTextOf(failure)).doesNotContain(wrongSecret);
        }
    }

    @Test
    void toString_ofBackendAndConfig_showsNoCredentials() {
        try (S3StorageBackend backend = new S3StorageBackend(bucket.config())) {
            assertThat(backend.toString() + backend.config() + backend.name())
                    .doesNotContain(bucket.endpoint().secretKey())
                    .doesNotContain(bucket.endpoint().accessKey());
        }
    }

    /**
     * Known limitation: the session token is a request header, and at DEBUG two loggers outside this SDK print request
     * headers: the AWS SDK's SigV4 signer (the canonical request) and Apache HttpClient's header log. Nothing else
     * does, at any level: not this SDK's code, not any logger at INFO or above. Production logging keeps those two at
     * INFO (S3StorageConfig says so). S3Proxy refuses every request with a session token (see
     * S3TemporaryCredentialsTest): refusals are checked too.
     */
    @Test
    void knownLimitation_operationsWithSessionToken_showTheTokenOnlyInTheSignerAndHttpHeaderDebugLogs() {
        String token = S3TemporaryCredentialsTest.SESSION_TOKEN;
        String wrongSecret = "Wr0ng" + bucket.endpoint().secretKey().substring(5);
        try (S3StorageBackend temporary = new S3StorageBackend(bucket.config(c -> c.credentials(
                        bucket.endpoint().accessKey(), bucket.endpoint().secretKey(), token)));
                S3StorageBackend bad = new S3StorageBackend(bucket.config(c -> c.credentials(
                        bucket.endpoint().accessKey(), wrongSecret, token)))) {
            Throwable refused = catchThrowable(() -> temporary.put("logged", new byte[] {1, 2, 3}));
            Throwable failure = catchThrowable(() -> bad.head("k"));

            assertThat(failure).isNotNull();
            assertThat(Secrets.everyTextOf(failure) + Secrets.everyTextOf(refused)).doesNotContain(token)
                    .doesNotContain(wrongSecret).doesNotContain(bucket.endpoint().secretKey());
            assertThat(events.list).as("DEBUG logging was captured").isNotEmpty();
            assertThat(loggedText()).doesNotContain(bucket.endpoint().secretKey());
            assertThat(loggersPrinting(token)).isSubsetOf("org.apache.hc.client5.http.headers@DEBUG",
                    "software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner@DEBUG");
            assertThat(temporary.toString() + temporary.config()).doesNotContain(token)
                    .doesNotContain(bucket.endpoint().secretKey()).contains("static with session token");
        }
    }

    @Test
    void credentials_blankSessionToken_isRejectedWithoutShowingTheKeys() {
        Throwable failure = catchThrowable(() -> bucket.config(c -> c.credentials("AKIDBLANKTOKEN", "secret-of-blank", " ")));

        assertThat(failure).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionToken");
        assertThat(Secrets.everyTextOf(failure)).doesNotContain("secret-of-blank").doesNotContain("AKIDBLANKTOKEN");
    }

    /** The names of the loggers whose events show {@code text}. */
    private java.util.Set<String> loggersPrinting(String text) {
        return events.list.stream()
                .filter(event -> (event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy()))).contains(text))
                .map(event -> event.getLoggerName() + "@" + event.getLevel())
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private String loggedText() {
        return events.list.stream()
                .map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
