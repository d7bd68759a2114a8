package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {

    @Test
    void of_negativeFirst_throwsWithValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRange.of(-1, 5))
                .withMessage("range first byte must be >= 0, was -1");
    }

    @Test
    void of_lastBeforeFirst_throwsWithBoth() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRange.of(5, 4))
                .withMessage("range last byte must be >= first byte, was 5-4");
    }

    @Test
    void of_singleByte_isAccepted() {
        assertThat(ByteRange.of(3, 3).length(10)).isEqualTo(1);
    }

    @Test
    void from_negativeFirst_throwsWithValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRange.from(-7))
                .withMessage("range first byte must be >= 0, was -7");
    }

    @ParameterizedTest
    @CsvSource({"0", "-3"})
    void suffix_notPositive_throwsWithValue(long length) {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRange.suffix(length))
                .withMessage("suffix range length must be > 0, was " + length);
    }

    @Test
    void isSuffix_byForm_isTrueOnlyForSuffix() {
        assertThat(ByteRange.suffix(1).isSuffix()).isTrue();
        assertThat(ByteRange.of(0, 1).isSuffix()).isFalse();
        assertThat(ByteRange.from(0).isSuffix()).isFalse();
    }

    /** range, object size, first byte, length. */
    @ParameterizedTest(name = "{0} of {1} bytes")
    @CsvSource({
            "0-99,    1000, 0,   100",
            "10-2000, 100,  10,  90",
            "99-99,   100,  99,  1",
            "0-0,     1,    0,   1",
            "5-,      10,   5,   5",
            "0-,      10,   0,   10",
            "9-,      10,   9,   1",
            "-3,      10,   7,   3",
            "-10,     10,   0,   10",
            "-20,     10,   0,   10",
            "-5,      0,    0,   0",
    })
    void firstByteAndLength_satisfiableRange_selectBytes(String range, long size, long first, long length) {
        ByteRange r = parse(range);

        assertThat(r.isSatisfiable(size)).isTrue();
        assertThat(r.firstByte(size)).isEqualTo(first);
        assertThat(r.length(size)).isEqualTo(length);
    }

    @ParameterizedTest(name = "{0} of {1} bytes")
    @CsvSource({"100-200, 100", "0-0, 0", "10-, 10", "0-, 0", "11-, 10"})
    void firstByte_rangeAtOrPastEnd_isNotSatisfiable(String range, long size) {
        ByteRange r = parse(range);

        assertThat(r.isSatisfiable(size)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> r.firstByte(size))
                .withMessage("range " + range + " starts at or past the end of a " + size + "-byte object");
    }

    @Test
    void length_unsatisfiableRange_throws() {
        assertThatIllegalArgumentException().isThrownBy(() -> ByteRange.from(4).length(4));
    }

    @Test
    void toString_eachForm_isHttpNotation() {
        assertThat(ByteRange.of(0, 99)).hasToString("0-99");
        assertThat(ByteRange.from(100)).hasToString("100-");
        assertThat(ByteRange.suffix(10)).hasToString("-10");
    }

    @Test
    void toHttpHeader_eachForm_prefixesBytes() {
        assertThat(ByteRange.of(0, 99).toHttpHeader()).isEqualTo("bytes=0-99");
        assertThat(ByteRange.from(100).toHttpHeader()).isEqualTo("bytes=100-");
        assertThat(ByteRange.suffix(10).toHttpHeader()).isEqualTo("bytes=-10");
    }

    @Test
    void equals_sameForm_isEqualWithSameHash() {
        assertThat(ByteRange.of(1, 2)).isEqualTo(ByteRange.of(1, 2)).hasSameHashCodeAs(ByteRange.of(1, 2));
        assertThat(ByteRange.from(3)).isEqualTo(ByteRange.from(3)).hasSameHashCodeAs(ByteRange.from(3));
        assertThat(ByteRange.suffix(4)).isEqualTo(ByteRange.suffix(4)).hasSameHashCodeAs(ByteRange.suffix(4));
    }

    @Test
    void equals_suffixesOfOtherLength_isNotEqual() {
        assertThat(ByteRange.suffix(2)).isNotEqualTo(ByteRange.suffix(3));
    }

    @Test
    void equals_otherBoundsOrForm_isNotEqual() {
        assertThat(ByteRange.of(1, 2))
                .isNotEqualTo(ByteRange.of(1, 3))
                .isNotEqualTo(ByteRange.of(0, 2))
                .isNotEqualTo(ByteRange.from(1))
                .isNotEqualTo(ByteRange.suffix(2))
                .isNotEqualTo(null)
                .isNotEqualTo("1-2");
    }

    private static ByteRange parse(String range) {
        if (range.startsWith("-")) {
            return ByteRange.suffix(Long.parseLong(range.substring(1)));
        }
        String[] parts = range.split("-", -1);
        long first = Long.parseLong(parts[0]);
        return parts[1].isEmpty() ? ByteRange.from(first) : ByteRange.of(first, Long.parseLong(parts[1]));
    }
}
