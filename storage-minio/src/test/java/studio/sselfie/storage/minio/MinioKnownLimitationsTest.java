package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.testkit.ConformanceTestNames;

/** The known limitations {@link MinioConformanceTest} lists name tests of the suite that exist. */
class MinioKnownLimitationsTest {

    @Test
    void minioOnEmbeddedServer_eachNamesATestOfTheSuite() {
        assertThat(ConformanceTestNames.unknown(MinioConformanceTest.MINIO_ON_EMBEDDED_SERVER.keySet()))
                .as("known limitations of MinioConformanceTest naming no test of the suite (renamed or removed?)")
                .isEmpty();
    }
}
