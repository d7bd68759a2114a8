package studio.sselfie.storage.s3protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KmsContextTest {

    @Test
    void headerValue_isBase64OfAJsonObjectOfStrings() {
        String value = KmsContext.headerValue(Map.of("app", "studio"));

        assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)).isEqualTo("{\"app\":\"studio\"}");
    }

    @Test
    void headerValue_quotesAndControlCharacters_areEscaped() {
        String value = KmsContext.headerValue(Map.of("k\"ey", "a\\b\nc"));

        assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                .isEqualTo("{\"k\\\"ey\":\"a\\\\b\\u000ac\"}");
    }
}
