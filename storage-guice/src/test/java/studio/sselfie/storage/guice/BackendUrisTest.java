package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import com.google.inject.Key;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;

class BackendUrisTest {

    private static URI resolve(String uri) {
        return BackendUris.withoutClientRetries(new BackendSpec(Key.get(StorageBackend.class), URI.create(uri),
                ResilienceConfig.defaults(), "storage.uri", "storage.resilience.*"));
    }

    @Test
    void withoutClientRetries_s3WithoutQuery_addsQuery() {
        assertThat(resolve("s3://photos")).isEqualTo(URI.create("s3://photos?clientRetries=false"));
    }

    @Test
    void withoutClientRetries_minioWithQuery_appendsParameter() {
        assertThat(resolve("minio://photos?endpoint=http%3A%2F%2Fminio%3A9000"))
                .isEqualTo(URI.create("minio://photos?endpoint=http%3A%2F%2Fminio%3A9000&clientRetries=false"));
    }

    @Test
    void withoutClientRetries_upperCaseScheme_isRecognised() {
        assertThat(resolve("S3://photos?region=eu-west-1"))
                .isEqualTo(URI.create("S3://photos?region=eu-west-1&clientRetries=false"));
    }

    @Test
    void withoutClientRetries_emptyQuery_appendsWithoutSeparator() {
        assertThat(resolve("s3://photos?")).isEqualTo(URI.create("s3://photos?clientRetries=false"));
    }

    @Test
    void withoutClientRetries_memUri_isUnchanged() {
        assertThat(resolve("mem://photos")).isEqualTo(URI.create("mem://photos"));
    }

    @Test
    void withoutClientRetries_alreadyFalse_isUnchanged() {
        assertThat(resolve("s3://photos?clientRetries=FALSE")).isEqualTo(URI.create("s3://photos?clientRetries=FALSE"));
    }

    @Test
    void withoutClientRetries_explicitTrue_isRejectedNamingBothSettings() {
        assertThatThrownBy(() -> resolve("minio://photos?endpoint=http://h:1&clientRetries=true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("storage.uri sets clientRetries=true")
                .hasMessageContaining("storage.resilience.*");
    }

    @Test
    void withoutClientRetries_otherValue_isLeftForTheProviderToReject() {
        assertThat(resolve("s3://photos?clientRetries=maybe")).isEqualTo(URI.create("s3://photos?clientRetries=maybe"));
    }
}
