package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

class MinioStorageProviderTest {
    private static final String SECRET = "minio-secret-never-shown";

    private final Map<String, String> environment = new HashMap<>(Map.of(
            "MINIO_ACCESS_KEY", "minio-access", "MINIO_SECRET_KEY", SECRET));
    private final MinioStorageProvider provider = new MinioStorageProvider(environment::get);

    private MinioStorageConfig config(String uri) {
        return provider.config(URI.create(uri));
    }

    @Test
    void config_bucketAndEndpoint_areTakenFromTheUri() {
        MinioStorageConfig config = config("minio://photos?endpoint=http://127.0.0.1:9000");

        assertThat(config.bucket()).isEqualTo("photos");
        assertThat(config.endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(config.region()).isEqualTo("us-east-1");
    }

    @Test
    void config_urlEncodedEndpointAndRegion_areDecoded() {
        MinioStorageConfig config = config("minio://photos?endpoint=https%3A%2F%2Fminio.example.com%3A9443&region=eu-west-1");

        assertThat(config.endpoint()).isEqualTo(URI.create("https://minio.example.com:9443"));
        assertThat(config.region()).isEqualTo("eu-west-1");
    }

    @Test
    void config_minioEnvironment_givesTheCredentials() {
        MinioStorageConfig config = config("minio://photos?endpoint=http://localhost:9000");

        assertThat(config.accessKey()).isEqualTo("minio-access");
        assertThat(config.secretKey()).isEqualTo(SECRET);
    }

    @Test
    void config_onlyAwsEnvironment_givesTheCredentials() {
        environment.clear();
        environment.put("AWS_ACCESS_KEY_ID", "aws-access");
        environment.put("AWS_SECRET_ACCESS_KEY", "aws-secret");

        MinioStorageConfig config = config("minio://photos?endpoint=http://localhost:9000");

        assertThat(config.accessKey()).isEqualTo("aws-access");
        assertThat(config.secretKey()).isEqualTo("aws-secret");
    }

    @Test
    void config_bothEnvironments_prefersMinio() {
        environment.put("AWS_ACCESS_KEY_ID", "aws-access");
        environment.put("AWS_SECRET_ACCESS_KEY", "aws-secret");

        assertThat(config("minio://photos?endpoint=http://localhost:9000").accessKey()).isEqualTo("minio-access");
    }

    @Test
    void config_awsPairWithAwsSessionToken_givesTemporaryCredentials() {
        environment.clear();
        environment.put("AWS_ACCESS_KEY_ID", "aws-access");
        environment.put("AWS_SECRET_ACCESS_KEY", "aws-secret");
        environment.put("AWS_SESSION_TOKEN", "aws-token");

        MinioStorageConfig config = config("minio://photos?endpoint=http://localhost:9000");

        assertThat(config.sessionToken()).isEqualTo("aws-token");
        assertThat(config.toString()).doesNotContain("aws-token").doesNotContain("aws-secret");
    }

    @Test
    void config_minioPairWithMinioSessionToken_givesTemporaryCredentials() {
        environment.put("MINIO_SESSION_TOKEN", "minio-token");

        assertThat(config("minio://photos?endpoint=http://localhost:9000").sessionToken()).isEqualTo("minio-token");
    }

    @Test
    void config_minioPairWithOnlyAwsSessionToken_ignoresTheTokenOfTheOtherPair() {
        environment.put("AWS_SESSION_TOKEN", "aws-token");

        assertThat(config("minio://photos?endpoint=http://localhost:9000").sessionToken()).isNull();
    }

    @Test
    void config_noCredentialsInEnvironment_namesTheVariables() {
        environment.clear();

        assertThatThrownBy(() -> config("minio://photos?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MINIO_ACCESS_KEY").hasMessageContaining("AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void config_secretWithoutAccessKey_namesTheMissingVariableWithoutTheSecret() {
        environment.remove("MINIO_ACCESS_KEY");

        assertThatThrownBy(() -> config("minio://photos?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MINIO_ACCESS_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void config_unknownParameter_isRejectedNamingIt() {
        assertThatThrownBy(() -> config("minio://photos?endpoint=http://localhost:9000&pathStyle=true"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'pathStyle'");
    }

    @Test
    void config_noClientRetriesParameter_keepsClientRetries() {
        assertThat(config("minio://photos?endpoint=http://localhost:9000").clientRetries()).isTrue();
    }

    @Test
    void config_clientRetriesTrue_keepsClientRetries() {
        assertThat(config("minio://photos?endpoint=http://localhost:9000&clientRetries=true").clientRetries()).isTrue();
    }

    @Test
    void config_clientRetriesFalse_turnsClientRetriesOff() {
        assertThat(config("minio://photos?endpoint=http://localhost:9000&clientRetries=false").clientRetries()).isFalse();
    }

    @Test
    void config_badClientRetries_isRejectedNamingIt() {
        assertThatThrownBy(() -> config("minio://photos?endpoint=http://localhost:9000&clientRetries=maybe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'clientRetries' must be true or false, was 'maybe'");
    }

    @Test
    void config_unknownParameter_listsClientRetriesAsKnown() {
        assertThatThrownBy(() -> config("minio://photos?endpoint=http://localhost:9000&retries=false"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("known parameters: endpoint, region, clientRetries");
    }

    @Test
    void config_missingEndpoint_namesTheParameter() {
        assertThatThrownBy(() -> config("minio://photos?region=eu-west-1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'endpoint' is required");
    }

    @Test
    void config_invalidEndpoint_namesTheSetting() {
        assertThatThrownBy(() -> config("minio://photos?endpoint=ftp://localhost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint");
    }

    @Test
    void config_repeatedParameter_isRejectedNamingIt() {
        assertThatThrownBy(() -> config("minio://photos?endpoint=http://a:1&endpoint=http://b:2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'endpoint' is given twice");
    }

    @Test
    void config_missingBucket_isRejected() {
        assertThatThrownBy(() -> config("minio:///?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket is missing");
    }

    @Test
    void config_invalidBucketName_isRejectedNamingIt() {
        assertThatThrownBy(() -> config("minio://Photos?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bucket");
    }

    @Test
    void config_userInfo_isRejected() {
        assertThatThrownBy(() -> config("minio://key:" + SECRET + "@photos?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user-info")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void config_path_isRejected() {
        assertThatThrownBy(() -> config("minio://photos/album?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
    }

    @Test
    void config_otherScheme_isRejected() {
        assertThatThrownBy(() -> config("s3://photos?endpoint=http://localhost:9000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme");
    }

    @Test
    void open_validUri_givesBackendNamedAfterTheBucket() {
        try (StorageBackend backend = provider.open(URI.create("minio://photos?endpoint=http://127.0.0.1:9"))) {
            assertThat(backend).isInstanceOf(MinioStorageBackend.class);
            assertThat(backend.name()).isEqualTo("minio://photos");
            assertThat(backend.toString()).doesNotContain(SECRET).doesNotContain("minio-access");
        }
    }

    @Test
    void providers_onTheClassPath_includeMinio() {
        assertThat(StorageBackends.providers()).containsKey("minio");
        assertThat(StorageBackends.providers().get("minio")).isInstanceOf(MinioStorageProvider.class);
    }
}
