package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ObjectHeadersTest {

    @Test
    void builder_crlfInCacheControl_isRejectedNamingTheHeader() {
        assertThatThrownBy(() -> ObjectHeaders.builder().cacheControl("max-age=1\r\nSet-Cookie: x=y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cache-Control")
                .hasMessageContaining("\\u000D\\u000A")
                .hasMessageNotContaining("\r");
    }

    @Test
    void builder_nonAsciiContentDisposition_isRejectedPointingToTheHelper() {
        assertThatThrownBy(() -> ObjectHeaders.builder().contentDisposition("attachment; filename=\"Grüße.png\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Content-Disposition");
    }

    @Test
    void builder_leadingSpaceOrEmpty_isRejected() {
        assertThatThrownBy(() -> ObjectHeaders.builder().contentLanguage(" en")).hasMessageContaining("Content-Language");
        assertThatThrownBy(() -> ObjectHeaders.builder().contentEncoding("")).hasMessageContaining("Content-Encoding");
    }

    @Test
    void builder_tabInsideValue_isAccepted() {
        assertThat(ObjectHeaders.builder().cacheControl("public,\tmax-age=60").build().cacheControl()).contains("public,\tmax-age=60");
    }

    @Test
    void builder_expiresWithMillis_isCutToTheSecondAndFormattedAsHttpDate() {
        ObjectHeaders headers = ObjectHeaders.builder().expires(Instant.parse("2031-05-17T08:30:00.999Z")).build();

        assertThat(headers.expires()).contains(Instant.parse("2031-05-17T08:30:00Z"));
        assertThat(headers.expiresHttpDate()).contains("Sat, 17 May 2031 08:30:00 GMT");
    }

    @Test
    void expiresHttpDate_singleDigitDay_hasTwoDigitDay() {
        ObjectHeaders headers = ObjectHeaders.builder().expires(Instant.parse("2031-01-02T03:04:05Z")).build();

        assertThat(headers.expiresHttpDate()).contains("Thu, 02 Jan 2031 03:04:05 GMT");
    }

    @Test
    void builder_nullValue_unsetsTheHeader() {
        ObjectHeaders headers = ObjectHeaders.builder().cacheControl("no-store").cacheControl(null).build();

        assertThat(headers).isEqualTo(ObjectHeaders.none());
        assertThat(headers.isEmpty()).isTrue();
    }

    @Test
    void stored_legacyExpiresZero_readsAsEpoch() {
        assertThat(ObjectHeaders.stored(null, null, null, null, "0").expires()).contains(Instant.EPOCH);
    }

    @Test
    void stored_httpDateAndUncheckedValues_areTakenAsGiven() {
        ObjectHeaders headers = ObjectHeaders.stored("max-age=5", "inline; filename=\"ü.png\"", "", null,
                "Sat, 17 May 2031 08:30:00 GMT");

        assertThat(headers.contentDisposition()).contains("inline; filename=\"ü.png\"");
        assertThat(headers.contentEncoding()).isEmpty();
        assertThat(headers.expires()).contains(Instant.parse("2031-05-17T08:30:00Z"));
    }

    @Test
    void putOptions_headers_areKeptAndCompared() {
        PutOptions options = PutOptions.builder().headers(h -> h.contentLanguage("en")).build();

        assertThat(options.headers().contentLanguage()).contains("en");
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options).isNotEqualTo(PutOptions.defaults());
        assertThat(PutOptions.defaults().headers()).isEqualTo(ObjectHeaders.none());
    }
}
