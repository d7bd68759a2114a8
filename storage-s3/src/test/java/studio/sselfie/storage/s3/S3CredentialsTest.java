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

/** The secret key never shows: not in toString, not in exceptions, not in any log line, even at DEBUG. */
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

    private String loggedText() {
        return events.list.stream()
                .map(event -> event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                        : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .collect(Collectors.joining("\n"));
    }
}
