package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class S3StorageConfigTest {

    @Test
    void of_bucketOnly_hasDocumentedDefaults() {
        S3StorageConfig config = S3StorageConfig.of("photos");

        assertThat(config.bucket()).isEqualTo("photos");
        assertThat(config.endpoint()).isEmpty();
        assertThat(config.region()).isEmpty();
        assertThat(config.pathStyle()).isFalse();
        assertThat(config.hasStaticCredentials()).isFalse();
        assertThat(config.partSize()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.maxPartsInFlight()).isEqualTo(4);
        assertThat(config.maxConnections()).isEqualTo(50);
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.connectionAcquisitionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.apiCallTimeout()).isEmpty();
        assertThat(config.sdkMaxAttempts()).isEqualTo(3);
    }

    @Test
    void partSize_below5MiB_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().partSize(5L * 1024 * 1024 - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partSize")
                .hasMessageContaining("5 MiB");
    }

    @Test
    void partSize_exactly5MiB_isAccepted() {
        assertThat(S3StorageConfig.of(c -> c.bucket("b-1").partSize(5L * 1024 * 1024)).partSize()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void partSize_above1GiB_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().partSize(1024L * 1024 * 1024 + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partSize");
    }

    @Test
    void maxPartsInFlight_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().maxPartsInFlight(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPartsInFlight");
    }

    @Test
    void maxConnections_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().maxConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxConnections");
    }

    @Test
    void sdkRetries_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().sdkRetries(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sdkRetries");
    }

    @Test
    void sdkRetries_one_switchesSdkRetriesOff() {
        assertThat(S3StorageConfig.of(c -> c.bucket("b-1").sdkRetries(1)).sdkMaxAttempts()).isEqualTo(1);
    }

    @Test
    void socketTimeout_zero_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> S3StorageConfig.builder().socketTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("socketTimeout");
    }

    @Test
    void bucket_withUpperCase_isRejected() {
        assertThatThrownBy(() -> S3StorageConfig.builder().bucket("Photos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void build_withoutBucket_failsNamingIt() {
        assertThatThrownBy(() -> S3StorageConfig.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bucket");
    }

    @Test
    void endpoint_withUserInfo_isRejectedWithoutShowingIt() {
        assertThatThrownBy(() -> S3StorageConfig.builder().endpoint(URI.create("http://key:topsecret@localhost:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void endpoint_withOtherScheme_isRejected() {
        assertThatThrownBy(() -> S3StorageConfig.builder().endpoint("ftp://localhost"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoint");
    }

    @Test
    void credentials_blankSecret_isRejected() {
        assertThatThrownBy(() -> S3StorageConfig.builder().credentials("key", " "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_withCredentials_showsNeitherKeyNorSecret() {
        S3StorageConfig config = S3StorageConfig.of(c -> c.bucket("b-1").credentials("AKIAEXAMPLEKEY", "very/secret+value"));

        assertThat(config.toString()).contains("b-1", "credentials=static")
                .doesNotContain("very/secret+value")
                .doesNotContain("AKIAEXAMPLEKEY");
    }

    @Test
    void toBuilder_build_givesAnEqualConfig() {
        S3StorageConfig config = S3StorageConfig.of(c -> c.bucket("b-1").endpoint("http://localhost:9000").region("eu-west-1")
                .pathStyle(true).credentials("k", "s").partSize(16L * 1024 * 1024).maxPartsInFlight(2)
                .apiCallTimeout(Duration.ofMinutes(1)).sdkRetries(1));

        assertThat(config.toBuilder().build()).isEqualTo(config).hasSameHashCodeAs(config);
    }

    @Test
    void with_change_leavesTheOriginalUnchanged() {
        S3StorageConfig config = S3StorageConfig.of("b-1");

        S3StorageConfig changed = config.with(c -> c.pathStyle(true));

        assertThat(changed.pathStyle()).isTrue();
        assertThat(config.pathStyle()).isFalse();
    }

    @Test
    void credentialsProvider_afterStaticKeys_replacesThem() {
        var provider = software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create();
        S3StorageConfig config = S3StorageConfig.builder().bucket("photos").credentials("a", "b", "t")
                .credentialsProvider(provider).build();

        assertThat(config.hasStaticCredentials()).isFalse();
        assertThat(config.credentialsProvider()).containsSame(provider);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void defaultCredentials_afterProvider_clearsItAndTheKeys() {
        S3StorageConfig config = S3StorageConfig.builder().bucket("photos").credentials("a", "b", "t")
                .defaultCredentials().build();

        assertThat(config.hasStaticCredentials()).isFalse();
        assertThat(config.credentialsProvider()).isEmpty();
        assertThat(config.toString()).contains("credentials=default chain");
    }

    @Test
    void equals_configsDifferingOnlyInSessionToken_areNotEqual() {
        S3StorageConfig.Builder builder = S3StorageConfig.builder().bucket("photos");

        assertThat(builder.credentials("a", "b", "t1").build()).isNotEqualTo(builder.credentials("a", "b", "t2").build());
    }
}
