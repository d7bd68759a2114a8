package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void attachment_asciiName_hasSameNameInBothParameters() {
        assertThat(ContentDisposition.attachment("selfie-01.png"))
                .isEqualTo("attachment; filename=\"selfie-01.png\"; filename*=UTF-8''selfie-01.png");
    }

    @Test
    void attachment_nonAsciiName_isPercentEncodedUtf8WithAsciiFallback() {
        assertThat(ContentDisposition.attachment("Grüße 📸.png"))
                .isEqualTo("attachment; filename=\"Gr__e _.png\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%F0%9F%93%B8.png");
    }

    @Test
    void attachment_quoteBackslashPercent_areReplacedInFallbackAndEncodedInExtendedName() {
        assertThat(ContentDisposition.attachment("a\"b\\c%d.txt"))
                .isEqualTo("attachment; filename=\"a_b_c_d.txt\"; filename*=UTF-8''a%22b%5Cc%25d.txt");
    }

    @Test
    void attachment_controlCharacters_neverReachTheHeader() {
        String header = ContentDisposition.attachment("evil\r\nSet-Cookie: x.png");

        assertThat(header).doesNotContain("\r").doesNotContain("\n");
        assertThat(ObjectHeaders.of(h -> h.contentDisposition(header)).contentDisposition()).contains(header);
    }

    @Test
    void inline_name_isInline() {
        assertThat(ContentDisposition.inline("ü.png")).startsWith("inline; filename=\"_.png\"; filename*=UTF-8''%C3%BC.png");
    }

    @Test
    void attachment_emptyName_isRejected() {
        assertThatThrownBy(() -> ContentDisposition.attachment("")).isInstanceOf(IllegalArgumentException.class);
    }
}
