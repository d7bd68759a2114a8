package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

class S3StorageProviderTest {

    @Test
    void config_fullUri_readsEveryParameter() {
        S3StorageConfig config = S3StorageProvider.config(
                URI.create("s3://photos?endpoint=http%3A%2F%2Flocalhost%3A9000&region=eu-west-1&pathStyle=true"));

        assertThat(config.bucket()).isEqualTo("photos");
        assertThat(config.endpoint()).contains(URI.create("http://localhost:9000"));
        assertThat(config.region()).contains("eu-west-1");
        assertThat(config.pathStyle()).isTrue();
        assertThat(config.hasStaticCredentials()).isFalse();
    }

    @Test
    void config_unencodedEndpoint_isReadToo() {
        S3StorageConfig config = S3StorageProvider.config(URI.create("s3://photos?endpoint=http://127.0.0.1:9000&pathStyle=false"));

        assertThat(config.endpoint()).contains(URI.create("http://127.0.0.1:9000"));
        assertThat(config.pathStyle()).isFalse();
    }

    @Test
    void config_bucketOnly_keepsDefaults() {
        assertThat(S3StorageProvider.config(URI.create("s3://my.bucket-1"))).isEqualTo(S3StorageConfig.of("my.bucket-1"));
    }

    @Test
    void config_unknownParameter_isRejectedNamingIt() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://photos?endpoint=http://h:1&colour=blue")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("colour");
    }

    @Test
    void config_noBucket_isRejected() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3:///?region=us-east-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void config_path_isRejected() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://photos/sub/dir")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path");
    }

    @Test
    void config_userInfo_isRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://AKIA:topsecret@photos")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void config_badPathStyle_isRejectedNamingIt() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://photos?pathStyle=maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pathStyle");
    }

    @Test
    void config_noClientRetriesParameter_keepsSdkRetries() {
        S3StorageConfig config = S3StorageProvider.config(URI.create("s3://photos"));

        assertThat(config.sdkMaxAttempts()).isEqualTo(S3StorageConfig.DEFAULT_SDK_MAX_ATTEMPTS);
    }

    @Test
    void config_clientRetriesTrue_keepsSdkRetries() {
        S3StorageConfig config = S3StorageProvider.config(URI.create("s3://photos?clientRetries=true"));

        assertThat(config.sdkMaxAttempts()).isEqualTo(S3StorageConfig.DEFAULT_SDK_MAX_ATTEMPTS);
    }

    @Test
    void config_clientRetriesFalse_makesOneSdkAttempt() {
        S3StorageConfig config = S3StorageProvider.config(
                URI.create("s3://photos?endpoint=http://127.0.0.1:9000&clientRetries=false"));

        assertThat(config.sdkMaxAttempts()).isEqualTo(1);
    }

    @Test
    void config_badClientRetries_isRejectedNamingIt() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://photos?clientRetries=maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientRetries")
                .hasMessageContaining("maybe");
    }

    @Test
    void config_unknownParameter_listsClientRetriesAsKnown() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("s3://photos?retries=false")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clientRetries");
    }

    @Test
    void config_otherScheme_isRejected() {
        assertThatThrownBy(() -> S3StorageProvider.config(URI.create("mem://photos")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void open_throughStorageBackends_findsTheProviderByScheme() {
        try (StorageBackend backend = StorageBackends.open("s3://photos?endpoint=http://127.0.0.1:9&pathStyle=true")) {
            assertThat(backend).isInstanceOf(S3StorageBackend.class);
            assertThat(backend.name()).isEqualTo("s3://photos");
        }
    }

    @Test
    void providers_include_s3() {
        assertThat(StorageBackends.providers()).containsKey("s3");
    }
}
