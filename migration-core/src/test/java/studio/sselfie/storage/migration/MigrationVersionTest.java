package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MigrationVersionTest {

    @Test
    void parse_dotsAndUnderscores_giveTheSameVersion() {
        assertThat(MigrationVersion.parse("1_1")).isEqualTo(MigrationVersion.parse("1.1"));
        assertThat(MigrationVersion.parse("1_1").toString()).isEqualTo("1.1");
    }

    @Test
    void parse_trailingZeroParts_doNotCount() {
        assertThat(MigrationVersion.parse("2.0.0")).isEqualTo(MigrationVersion.parse("2"))
                .hasSameHashCodeAs(MigrationVersion.parse("2"));
        assertThat(MigrationVersion.parse("2.0.0").toString()).isEqualTo("2");
    }

    @Test
    void compareTo_ordersNumericallyPartByPart() {
        List<MigrationVersion> versions = new ArrayList<>(List.of(MigrationVersion.parse("10"), MigrationVersion.parse("2"),
                MigrationVersion.parse("1.10"), MigrationVersion.parse("1.2"), MigrationVersion.parse("1")));
        Collections.sort(versions);
        assertThat(versions).extracting(MigrationVersion::toString).containsExactly("1", "1.2", "1.10", "2", "10");
        assertThat(MigrationVersion.ZERO).isLessThan(MigrationVersion.parse("0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "v1", "1.", ".1", "1..2", "1.a", "-1", "1 ", "1234567890"})
    void parse_notAVersion_isRejectedNamingTheText(String text) {
        assertThatThrownBy(() -> MigrationVersion.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void parse_longerThanTheLimit_isRejected() {
        String text = "1" + ".1".repeat(MigrationVersion.MAX_LENGTH / 2);
        assertThatThrownBy(() -> MigrationVersion.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most " + MigrationVersion.MAX_LENGTH);
    }
}
