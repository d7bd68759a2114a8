package studio.sselfie.storage.s3protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.StorageException;

class ContinuationTokensTest {
    private final ContinuationTokens tokens = new ContinuationTokens("s3.");

    @Test
    void next_truncatedWithToken_roundTripsThroughDecode() {
        String token = tokens.next("s3://b", true, "1/opaque+token==");

        assertThat(token).startsWith("s3.");
        assertThat(tokens.decode("s3://b", token)).isEqualTo("1/opaque+token==");
    }

    @Test
    void next_notTruncated_isNull() {
        assertThat(tokens.next("s3://b", false, "ignored")).isNull();
    }

    @Test
    void next_truncatedWithoutToken_failsTypedNamingTheFault() {
        assertThatThrownBy(() -> tokens.next("s3://b", true, null))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("IsTruncated").hasMessageContaining("NextContinuationToken")
                .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
        assertThatThrownBy(() -> tokens.next("s3://b", true, "")).isExactlyInstanceOf(StorageException.class);
    }

    @Test
    void decode_tokenNotGivenOut_isInvalidRequestNamingIt() {
        assertThatThrownBy(() -> tokens.decode("s3://b", "photos/a.jpg"))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("'photos/a.jpg'");
        assertThatThrownBy(() -> tokens.decode("s3://b", "s3.")).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> tokens.decode("s3://b", "s3.***")).isInstanceOf(InvalidRequestException.class);
    }
}
