package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.minio.credentials.Credentials;
import io.minio.credentials.Provider;
import io.minio.credentials.StaticProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * Temporary credentials and credentials providers sign the MinIO client's requests. Known limitation of the embedded
 * server: S3Proxy has no sessions and refuses any request carrying {@code X-Amz-Security-Token} with 501
 * NotImplemented, so the session-token tests check the request the client sends (header names seen at the fault
 * proxy, never values) and how the refusal is reported, not that a store honours the token.
 */
class MinioTemporaryCredentialsTest {
    private static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEminioSESSIONtoken987654321";

    private static TestBucket bucket;
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void start() {
        bucket = TestBucket.create("minio-session-token");
        Assumptions.assumeFalse(bucket.endpoint().isExternal(), "the fault proxy relays plain HTTP to the embedded server");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        bucket.close();
    }

    @Test
    void knownLimitation_putWithSessionToken_sendsTheTokenHeaderAndS3ProxyRefusesIt() {
        MinioStorageConfig config = bucket.config().endpoint(proxy.endpoint()).clientRetries(false)
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey(), SESSION_TOKEN).build();
        int before = proxy.requestHeaderNames().size();
        try (MinioStorageBackend backend = MinioStorageBackend.create(config)) {
            Throwable refused = catchThrowable(() -> backend.put("temporary", new byte[] {1, 2, 3}));

            assertThat(refused).isInstanceOf(StorageException.class).hasMessageContaining("501");
            assertThat(refused.getCause()).hasMessageContaining("session token and SSE-C key headers redacted")
                    .hasMessageContaining("NotImplemented");
            assertThat(everythingShown(refused)).doesNotContain(SESSION_TOKEN)
                    .doesNotContain(bucket.endpoint().secretKey());
            assertThat(backend.toString() + config).doesNotContain(SESSION_TOKEN)
                    .contains("credentials=<hidden> with session token");
        }
        assertThat(proxy.requestHeaderNames().subList(before, proxy.requestHeaderNames().size())).isNotEmpty()
                .allSatisfy(names -> assertThat(names).contains("authorization", "x-amz-security-token"));
    }

    @Test
    void knownLimitation_refusedPutWithSessionToken_logsNeitherTokenNorSecretEvenAtDebug() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        Level level = root.getLevel();
        root.setLevel(Level.DEBUG);
        events.start();
        root.addAppender(events);
        try (MinioStorageBackend backend = MinioStorageBackend.create(bucket.config().endpoint(proxy.endpoint())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey(), SESSION_TOKEN).build())) {
            catchThrowable(() -> backend.put("logged", new byte[] {1}));
            catchThrowable(() -> backend.get("logged"));
        } finally {
            root.detachAppender(events);
            root.setLevel(level);
        }

        assertThat(events.list).as("DEBUG logging was captured").isNotEmpty();
        assertThat(events.list).noneSatisfy(event -> assertThat(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy())))
                .containsAnyOf(SESSION_TOKEN, bucket.endpoint().secretKey()));
    }

    @Test
    void put_withoutSessionToken_sendsNoTokenHeader() {
        MinioStorageConfig config = bucket.config().endpoint(proxy.endpoint()).build();
        int before = proxy.requestHeaderNames().size();
        try (MinioStorageBackend backend = MinioStorageBackend.create(config)) {
            backend.put("long-term", new byte[] {1});
        }
        assertThat(proxy.requestHeaderNames().get(before)).contains("authorization")
                .doesNotContain("x-amz-security-token");
    }

    @Test
    void credentialsProvider_given_signsEveryRequest() {
        Provider keys = new StaticProvider(bucket.endpoint().accessKey(), bucket.endpoint().secretKey(), null);
        AtomicInteger fetched = new AtomicInteger();
        Provider counting = new Provider() {
            @Override
            public Credentials fetch() {
                fetched.incrementAndGet();
                return keys.fetch();
            }
        };
        MinioStorageConfig config = bucket.config().credentialsProvider(counting).build();
        try (MinioStorageBackend backend = MinioStorageBackend.create(config)) {
            backend.put("by-provider", new byte[] {4, 5});

            assertThat(backend.getBytes("by-provider")).containsExactly(4, 5);
        }
        assertThat(fetched.get()).isGreaterThanOrEqualTo(2);
        assertThat(config.accessKey()).isNull();
        assertThat(config.toString()).doesNotContain(bucket.endpoint().secretKey()).contains("credentials=provider");
    }

    private static String everythingShown(Throwable failure) {
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        return failure.getMessage() + "\n" + failure + "\n" + trace;
    }
}
