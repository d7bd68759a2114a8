package studio.sselfie.storage.testkit.s3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import studio.sselfie.storage.testkit.ConformanceTestNames;

@ExtendWith(S3ServerExtension.class)
class S3TestEndpointTest {

    @Test
    void fromEnvironment_withoutEndpoint_isNull() {
        assertThat(S3TestEndpoint.fromEnvironment(Map.of(S3TestEndpoint.ENV_ACCESS_KEY, "key"))).isNull();
    }

    @Test
    void fromEnvironment_withEverything_isExternalWithThoseValues() {
        S3TestEndpoint endpoint = S3TestEndpoint.fromEnvironment(Map.of(
                S3TestEndpoint.ENV_ENDPOINT, "http://localhost:9000",
                S3TestEndpoint.ENV_ACCESS_KEY, "minioadmin",
                S3TestEndpoint.ENV_SECRET_KEY, "secret-value",
                S3TestEndpoint.ENV_REGION, "eu-west-1",
                S3TestEndpoint.ENV_PATH_STYLE, "false"));

        assertThat(endpoint.endpoint()).isEqualTo(URI.create("http://localhost:9000"));
        assertThat(endpoint.accessKey()).isEqualTo("minioadmin");
        assertThat(endpoint.secretKey()).isEqualTo("secret-value");
        assertThat(endpoint.region()).isEqualTo("eu-west-1");
        assertThat(endpoint.pathStyle()).isFalse();
        assertThat(endpoint.isExternal()).isTrue();
    }

    @Test
    void fromEnvironment_withoutRegionAndPathStyle_defaultsToUsEast1AndPathStyle() {
        S3TestEndpoint endpoint = S3TestEndpoint.fromEnvironment(Map.of(
                S3TestEndpoint.ENV_ENDPOINT, "http://localhost:9000",
                S3TestEndpoint.ENV_ACCESS_KEY, "key",
                S3TestEndpoint.ENV_SECRET_KEY, "secret"));

        assertThat(endpoint.region()).isEqualTo("us-east-1");
        assertThat(endpoint.pathStyle()).isTrue();
    }

    @Test
    void fromEnvironment_endpointWithoutSecret_failsNamingTheVariable() {
        Map<String, String> environment = Map.of(
                S3TestEndpoint.ENV_ENDPOINT, "http://localhost:9000",
                S3TestEndpoint.ENV_ACCESS_KEY, "key");

        assertThatThrownBy(() -> S3TestEndpoint.fromEnvironment(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(S3TestEndpoint.ENV_SECRET_KEY);
    }

    @Test
    void toString_external_leavesOutTheSecret() {
        S3TestEndpoint endpoint = S3TestEndpoint.fromEnvironment(Map.of(
                S3TestEndpoint.ENV_ENDPOINT, "http://localhost:9000",
                S3TestEndpoint.ENV_ACCESS_KEY, "key",
                S3TestEndpoint.ENV_SECRET_KEY, "very-secret-value"));

        assertThat(endpoint.toString()).contains("localhost:9000").doesNotContain("very-secret-value");
    }

    @Test
    void embeddedServerLimitations_eachNamesATestOfTheSuite() {
        assertThat(ConformanceTestNames.unknown(S3TestEndpoint.embeddedServerLimitationNames()))
                .as("known limitations naming no test of StorageBackendConformanceSuite (renamed or removed?)")
                .isEmpty();
    }

    @Test
    void knownLimitation_ofEmbeddedServer_namesS3ProxyForItsGapsOnly() {
        S3TestEndpoint embedded = new S3TestEndpoint(URI.create("http://127.0.0.1:1"), "key", "secret", "us-east-1", true, false);

        assertThat(embedded.knownLimitation("Listing", "list_supplementaryCharacter_sortsAfterEveryBmpCharacter"))
                .contains("S3Proxy").contains("UTF-16");
        assertThat(embedded.knownLimitation("Crud", "put_thenGet_returnsSameBytes")).isNull();
    }

    @Test
    void knownLimitation_ofExternalEndpoint_isNone() {
        S3TestEndpoint external = new S3TestEndpoint(URI.create("http://127.0.0.1:1"), "key", "secret", "us-east-1", true, true);

        assertThat(external.knownLimitation("Listing", "list_supplementaryCharacter_sortsAfterEveryBmpCharacter")).isNull();
    }

    @Test
    void newBucketName_fromClassName_isAValidUniqueBucketName() {
        String first = S3TestEndpoint.newBucketName("S3ConformanceTest");
        String second = S3TestEndpoint.newBucketName("S3ConformanceTest");

        assertThat(first).matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]").startsWith("s3conformancetest-");
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void newBucketName_fromLongOddHint_staysWithin63Characters() {
        String name = S3TestEndpoint.newBucketName("__" + "Very.Long_Name ".repeat(10) + "__");

        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z0-9][a-z0-9-]{1,61}[a-z0-9]");
    }

    @Test
    void get_calledTwice_givesTheSameEndpoint() {
        assertThat(S3TestEndpoint.get()).isSameAs(S3TestEndpoint.get());
    }

    @Test
    void extension_resolvesParameter_withTheSharedEndpoint(S3TestEndpoint endpoint) {
        assertThat(endpoint).isSameAs(S3TestEndpoint.get());
    }
}
