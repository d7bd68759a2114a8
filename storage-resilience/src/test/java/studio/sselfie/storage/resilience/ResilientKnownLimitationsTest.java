package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import studio.sselfie.storage.testkit.ConformanceTestNames;

/** The known limitations the resilience conformance tests list name tests of the suite that exist. */
class ResilientKnownLimitationsTest {

    @Test
    void readsDuringOverwrites_eachNamesATestOfTheSuite() {
        assertThat(ConformanceTestNames.unknown(ResilientInMemoryUnderFaultsConformanceTest.READS_DURING_OVERWRITES))
                .as("known limitations of the resilience suites naming no test of the suite (renamed or removed?)")
                .isEmpty();
    }
}
