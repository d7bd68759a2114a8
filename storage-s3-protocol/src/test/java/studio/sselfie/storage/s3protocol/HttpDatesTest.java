package studio.sselfie.storage.s3protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class HttpDatesTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T05:34:52.789Z"), ZoneOffset.UTC);

    @Test
    void parseOrNow_imfFixdate_isThatInstant() {
        assertThat(HttpDates.parseOrNow("Wed, 02 Dec 2026 05:30:01 GMT", CLOCK))
                .isEqualTo(Instant.parse("2026-12-02T05:30:01Z"));
    }

    @Test
    void parseOrNow_missing_isTheClockCutToTheSecond() {
        assertThat(HttpDates.parseOrNow(null, CLOCK)).isEqualTo(Instant.parse("2026-12-02T05:34:52Z"));
    }

    @Test
    void parseOrNow_unreadable_isTheClockCutToTheSecond() {
        assertThat(HttpDates.parseOrNow("yesterday", CLOCK)).isEqualTo(Instant.parse("2026-12-02T05:34:52Z"));
    }
}
