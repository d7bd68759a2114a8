package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class Utf8OrderTest {
    private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, a surrogate pair in UTF-16
    private static final Utf8Order ORDER = Utf8Order.INSTANCE;

    @Test
    void compare_supplementaryVersusReplacementCharacter_putsSupplementaryAfter() {
        assertThat("\uFFFD".compareTo(EMOJI)).as("String.compareTo orders by UTF-16 units").isPositive();
        assertThat(ORDER.compare(EMOJI, "\uFFFD")).isPositive();
        assertThat(ORDER.compare("\uFFFD", EMOJI)).isNegative();
    }

    @Test
    void compare_supplementaryVersusPrivateUseE000_putsSupplementaryAfter() {
        assertThat(ORDER.compare("a" + EMOJI, "a\uE000")).isPositive();
    }

    @Test
    void compare_belowSurrogates_agreesWithStringOrder() {
        assertThat(ORDER.compare("a/b", "a/c")).isNegative();
        assertThat(ORDER.compare("\u00E9", "z")).isPositive();
        assertThat(ORDER.compare("\uD7FF", "\u0800")).isPositive();
    }

    @Test
    void compare_prefixOfOther_sortsShorterFirst() {
        assertThat(ORDER.compare("photos", "photos/a")).isNegative();
        assertThat(ORDER.compare("photos/a", "photos")).isPositive();
    }

    @Test
    void compare_equalStrings_returnsZero() {
        assertThat(ORDER.compare("x" + EMOJI, "x" + EMOJI)).isZero();
    }

    @Test
    void compare_randomStrings_agreesWithUnsignedUtf8Bytes() {
        int[] pool = {'a', 'z', 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};
        Random random = new Random(42);
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(4); n >= 0; n--) {
                s.appendCodePoint(pool[random.nextInt(pool.length)]);
            }
            strings.add(s.toString());
        }
        for (String a : strings) {
            for (String b : strings) {
                int bytes = Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
                assertThat(Integer.signum(ORDER.compare(a, b))).as("%s vs %s", a, b).isEqualTo(Integer.signum(bytes));
            }
        }
    }
}
