package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class GetOptionsTest {

    @Test
    void whole_hasNoRange() {
        assertThat(GetOptions.whole().byteRange()).isEmpty();
    }

    @Test
    void whole_isShared() {
        assertThat(GetOptions.whole()).isSameAs(GetOptions.whole());
    }

    @Test
    void range_holdsRange() {
        assertThat(GetOptions.range(ByteRange.of(0, 9)).byteRange()).contains(ByteRange.of(0, 9));
    }

    @Test
    void range_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> GetOptions.range(null)).withMessage("range is null");
    }

    @Test
    void equals_sameRange_isEqualWithSameHash() {
        assertThat(GetOptions.range(ByteRange.suffix(5)))
                .isEqualTo(GetOptions.range(ByteRange.suffix(5)))
                .hasSameHashCodeAs(GetOptions.range(ByteRange.suffix(5)));
    }

    @Test
    void equals_otherRangeOrWhole_isNotEqual() {
        assertThat(GetOptions.range(ByteRange.from(1)))
                .isNotEqualTo(GetOptions.range(ByteRange.from(2)))
                .isNotEqualTo(GetOptions.whole())
                .isNotEqualTo(null)
                .isNotEqualTo(ByteRange.from(1));
    }

    @Test
    void toString_namesForm() {
        assertThat(GetOptions.whole()).hasToString("GetOptions{whole}");
        assertThat(GetOptions.range(ByteRange.of(0, 9))).hasToString("GetOptions{range=0-9}");
    }
}
