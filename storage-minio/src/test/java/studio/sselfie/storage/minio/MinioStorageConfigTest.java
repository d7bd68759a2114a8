package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import okhttp3.OkHttpClient;

class MinioStorageConfigTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static MinioStorageConfig.Builder valid() {
        return MinioStorageConfig.builder()
                .endpoint("http://localhost:9000")
                .bucket("photos")
                .credentials("AKIAIOSFODNN7EXAMPLE", SECRET);
    }

    @Test
    void build_onlyRequiredSettings_hasTheDocumentedDefaults() {
        MinioStorageConfig config = valid().build();

        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.maxPartsInFlight()).isEqualTo(4);
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.writeTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxIdleConnections()).isEqualTo(16);
        assertThat(config.keepAlive()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.maxConcurrentRequests()).isEqualTo(64);
        assertThat(config.httpClient()).isEmpty();
        assertThat(config.clientRetries()).isTrue();
    }

    @Test
    void clientRetries_false_isKept() {
        assertThat(valid().clientRetries(false).build().clientRetries()).isFalse();
    }

    @Test
    void httpClient_clientRetriesDefault_retriesOnConnectionFailure() {
        OkHttpClient client = HttpClients.create(valid().build());
        try {
            assertThat(client.retryOnConnectionFailure()).isTrue();
        } finally {
            HttpClients.shutDown(client);
        }
    }

    @Test
    void httpClient_clientRetriesFalse_doesNotRetryOnConnectionFailure() {
        OkHttpClient client = HttpClients.create(valid().clientRetries(false).build());
        try {
            assertThat(client.retryOnConnectionFailure()).isFalse();
        } finally {
            HttpClients.shutDown(client);
        }
    }

    @Test
    void httpClient_sharedClientAndClientRetriesFalse_derivedClientDoesNotRetry() {
        OkHttpClient shared = new OkHttpClient.Builder().retryOnConnectionFailure(true).build();

        OkHttpClient client = HttpClients.create(valid().httpClient(shared).clientRetries(false).build());

        assertThat(client.retryOnConnectionFailure()).isFalse();
        assertThat(shared.retryOnConnectionFailure()).isTrue();
    }

    @Test
    void httpClient_sockets_haveNaglesAlgorithmOff() throws IOException {
        OkHttpClient client = HttpClients.create(valid().build());
        try (Socket socket = client.socketFactory().createSocket()) {
            assertThat(socket.getTcpNoDelay()).isTrue();
        } finally {
            HttpClients.shutDown(client);
        }
    }

    @Test
    void httpClient_sharedClient_derivedClientSocketsHaveNaglesAlgorithmOffAndTheSharedOnesAreUntouched() throws IOException {
        OkHttpClient shared = new OkHttpClient.Builder().build();

        OkHttpClient client = HttpClients.create(valid().httpClient(shared).build());

        try (Socket derived = client.socketFactory().createSocket(); Socket original = shared.socketFactory().createSocket()) {
            assertThat(derived.getTcpNoDelay()).isTrue();
            assertThat(original.getTcpNoDelay()).isFalse();
        }
    }

    @Test
    void toString_ofConfig_showsNeitherSecretNorAccessKey() {
        MinioStorageConfig config = valid().build();

        assertThat(config.toString()).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE")
                .contains("photos").contains("localhost:9000");
        assertThat(valid().toString()).doesNotContain(SECRET).doesNotContain("AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void toString_ofConfigWithSessionToken_showsNeitherTokenNorSecret() {
        MinioStorageConfig config = valid().credentials("AKIAIOSFODNN7EXAMPLE", SECRET, "session-token-never-shown").build();

        assertThat(config.toString() + valid().credentials("a", SECRET, "session-token-never-shown"))
                .doesNotContain("session-token-never-shown").doesNotContain(SECRET)
                .contains("credentials=<hidden> with session token");
        assertThat(config.sessionToken()).isEqualTo("session-token-never-shown");
    }

    @Test
    void credentials_blankSessionToken_isRejectedNamingTheSettingOnly() {
        assertThatThrownBy(() -> valid().credentials("AKIA", SECRET, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sessionToken")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void credentialsProvider_afterStaticKeys_replacesThemAndSatisfiesBuild() {
        io.minio.credentials.Provider provider = new io.minio.credentials.StaticProvider("p-access", "p-secret", null);
        MinioStorageConfig config = valid().credentialsProvider(provider).build();

        assertThat(config.credentialsProvider()).containsSame(provider);
        assertThat(config.accessKey()).isNull();
        assertThat(config.signingCredentials()).isSameAs(provider);
        assertThat(config.toBuilder().build().credentialsProvider()).containsSame(provider);
        assertThat(config.toString()).contains("credentials=provider StaticProvider").doesNotContain("p-secret");
    }

    @Test
    void credentials_afterSessionToken_dropsTheToken() {
        MinioStorageConfig config = valid().credentials("a", SECRET, "token").credentials("a", SECRET).build();

        assertThat(config.sessionToken()).isNull();
        assertThat(config.signingCredentials().fetch().sessionToken()).isNull();
    }

    @Test
    void toBuilder_ofConfig_keepsEverySetting() {
        OkHttpClient shared = new OkHttpClient();
        MinioStorageConfig config = valid().region("eu-west-1").partSize(16L * 1024 * 1024).maxPartsInFlight(2)
                .connectTimeout(Duration.ofSeconds(3)).readTimeout(Duration.ofSeconds(4)).writeTimeout(Duration.ofSeconds(5))
                .maxIdleConnections(3).keepAlive(Duration.ofSeconds(30)).maxConcurrentRequests(7).httpClient(shared)
                .clientRetries(false).build();

        MinioStorageConfig copy = config.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(config);
        assertThat(copy.httpClient()).containsSame(shared);
    }

    @Test
    void of_configurer_buildsFromDefaults() {
        MinioStorageConfig config = MinioStorageConfig.of(b -> b.endpoint(URI.create("https://s3.example.com"))
                .bucket("b-1.x").credentials("a", "s"));

        assertThat(config.endpoint()).isEqualTo(URI.create("https://s3.example.com"));
        assertThat(config.bucket()).isEqualTo("b-1.x");
    }

    @Test
    void build_withoutEndpoint_namesTheSetting() {
        assertThatThrownBy(() -> MinioStorageConfig.builder().bucket("photos").credentials("a", "s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void build_withoutBucket_namesTheSetting() {
        assertThatThrownBy(() -> MinioStorageConfig.builder().endpoint("http://localhost:9000").credentials("a", "s").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
    }

    @Test
    void build_withoutCredentials_namesTheSetting() {
        assertThatThrownBy(() -> MinioStorageConfig.builder().endpoint("http://localhost:9000").bucket("photos").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("credentials");
    }

    @Test
    void partSize_belowFiveMebibytes_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().partSize(5L * 1024 * 1024 - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize").hasMessageContaining("5242879");
    }

    @Test
    void partSize_aboveOneGibibyte_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().partSize(1024L * 1024 * 1024 + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize");
    }

    @Test
    void partSize_exactlyFiveMebibytes_isAccepted() {
        assertThat(valid().partSize(5L * 1024 * 1024).build().partSize()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void maxPartsInFlight_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().maxPartsInFlight(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPartsInFlight");
    }

    @Test
    void maxPartsInFlight_aboveLimit_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().maxPartsInFlight(65))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPartsInFlight");
    }

    @Test
    void readTimeout_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().readTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("readTimeout");
    }

    @Test
    void connectTimeout_negative_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().connectTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void maxIdleConnections_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().maxIdleConnections(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxIdleConnections");
    }

    @Test
    void maxConcurrentRequests_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().maxConcurrentRequests(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentRequests");
    }

    @Test
    void endpoint_notHttp_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().endpoint("ftp://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void endpoint_withPath_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().endpoint("http://localhost:9000/photos"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint").hasMessageContaining("path");
    }

    @Test
    void endpoint_withUserInfo_isRejectedWithoutEchoingIt() {
        assertThatThrownBy(() -> valid().endpoint("http://admin:" + SECRET + "@localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void endpoint_notAUri_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().endpoint("http://local host:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void bucket_upperCase_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().bucket("Photos"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket 'Photos'");
    }

    @Test
    void bucket_tooShort_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().bucket("ab")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
    }

    @Test
    void credentials_blankSecret_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().credentials("AKIA", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretKey");
    }

    @Test
    void region_blank_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> valid().region("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
    }

    @Test
    void setters_null_throwNullPointerNamingTheSetting() {
        assertThatThrownBy(() -> valid().endpoint((URI) null)).isInstanceOf(NullPointerException.class).hasMessage("endpoint is null");
        assertThatThrownBy(() -> valid().bucket(null)).isInstanceOf(NullPointerException.class).hasMessage("bucket is null");
        assertThatThrownBy(() -> valid().credentials("a", null)).isInstanceOf(NullPointerException.class).hasMessage("secretKey is null");
        assertThatThrownBy(() -> valid().readTimeout(null)).isInstanceOf(NullPointerException.class).hasMessage("readTimeout is null");
        assertThatThrownBy(() -> valid().httpClient(null)).isInstanceOf(NullPointerException.class).hasMessage("httpClient is null");
    }
}
