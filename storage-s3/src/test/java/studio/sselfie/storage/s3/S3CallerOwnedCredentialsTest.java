package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** A credentials provider or an {@code S3Client} of the caller's is used, and left open when the backend closes. */
class S3CallerOwnedCredentialsTest {
    private static S3TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-caller-owned");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void credentialsProvider_given_signsEveryRequestAndIsNeverClosed() {
        CountingProvider provider = new CountingProvider(bucket.endpoint().accessKey(), bucket.endpoint().secretKey());
        try (S3StorageBackend backend = new S3StorageBackend(bucket.config(c -> c.credentialsProvider(provider)))) {
            backend.put("by-provider", new byte[] {1, 2});

            assertThat(backend.getBytes("by-provider")).containsExactly(1, 2);
        }
        assertThat(provider.resolved.get()).isPositive();
        assertThat(provider.closed).isFalse();
    }

    @Test
    void create_withCallersClient_sendsThroughItAndLeavesItOpen() {
        try (S3Client client = S3Client.builder()
                .endpointOverride(bucket.endpoint().endpoint())
                .region(Region.of(bucket.endpoint().region()))
                .forcePathStyle(bucket.endpoint().pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())))
                .build()) {
            // The config's credentials and endpoint are the client's business: a wrong secret here changes nothing.
            S3StorageConfig config = S3StorageConfig.builder().bucket(bucket.name())
                    .credentials("unused-access-key", "unused-secret-key").build();
            try (S3StorageBackend backend = S3StorageBackend.create(config, client)) {
                backend.put("by-client", new byte[] {3});

                assertThat(backend.getBytes("by-client")).containsExactly(3);
            }

            assertThat(client.headObject(request -> request.bucket(bucket.name()).key("by-client")).contentLength())
                    .isEqualTo(1);
        }
    }

    @Test
    void create_withNullClient_isRejected() {
        assertThatThrownBy(() -> S3StorageBackend.create(bucket.config(), null))
                .isInstanceOf(NullPointerException.class).hasMessage("client is null");
    }

    @Test
    void toString_ofConfigWithProvider_namesTheProviderTypeOnly() {
        CountingProvider provider = new CountingProvider("AKIDEXAMPLEPROVIDER", "provider-secret-key-value");
        S3StorageConfig config = bucket.config(c -> c.credentialsProvider(provider));

        assertThat(config.toString()).contains("credentials=provider CountingProvider")
                .doesNotContain("AKIDEXAMPLEPROVIDER").doesNotContain("provider-secret-key-value");
    }

    /** Counts the times it is asked; its toString would show its secret, which no config or log may print. */
    private static final class CountingProvider implements AwsCredentialsProvider, SdkAutoCloseable {
        final AtomicInteger resolved = new AtomicInteger();
        volatile boolean closed;
        private final AwsCredentials credentials;

        CountingProvider(String accessKey, String secretKey) {
            this.credentials = AwsBasicCredentials.create(accessKey, secretKey);
        }

        @Override
        public AwsCredentials resolveCredentials() {
            resolved.incrementAndGet();
            return credentials;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public String toString() {
            return "CountingProvider[" + credentials.accessKeyId() + ":" + credentials.secretAccessKey() + "]";
        }
    }
}
