package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one-pass validator of {@link Keys} against the split-based one it replaced (kept here as the oracle), on random
 * keys and prefixes built from the characters each rule is about: same rule, or both valid, for every one.
 */
class KeysOnePassTest {
    private static final String[] PIECES = {"a", "b", "/", "/", ".", "..", "é", "€", "\uD83D\uDE00", "\uD83D", "\uDE00",
            "\u0000", "\u007F", "\u009F", " ", "x".repeat(84), "é".repeat(60), "€".repeat(43)};

    @Test
    void check_randomKeysAndPrefixes_sameRuleAsSplitBasedValidator() {
        SplittableRandom random = new SplittableRandom(8);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder key = new StringBuilder();
            int pieces = random.nextInt(0, 14);
            for (int i = 0; i < pieces; i++) {
                // Mostly plain pieces, so that many keys reach the segment rules.
                String piece = PIECES[random.nextInt(random.nextInt(4) == 0 ? PIECES.length : 8)];
                key.append(piece.length() > 40 && random.nextBoolean() ? piece.repeat(random.nextInt(1, 30)) : piece);
            }
            String k = key.toString();
            assertThat(rule(k, false)).as("key '%s'", k).isEqualTo(SplitBased.check(k, false));
            assertThat(rule(k, true)).as("prefix '%s'", k).isEqualTo(SplitBased.check(k, true));
        }
    }

    private static Keys.Rule rule(String key, boolean prefix) {
        try {
            if (prefix) {
                Keys.validatePrefix("keys", StorageOperation.LIST, key);
            } else {
                Keys.validate("keys", StorageOperation.PUT, key);
            }
            return null;
        } catch (InvalidKeyException e) {
            return e.rule();
        }
    }

    /** The validator as it was before the one-pass rewrite, verbatim. */
    private static final class SplitBased {
        static Keys.Rule check(String key, boolean prefix) {
            if (key.isEmpty()) {
                return prefix ? null : Keys.Rule.EMPTY;
            }
            int utf8Bytes = 0;
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))) {
                        return Keys.Rule.MALFORMED_UNICODE;
                    }
                    utf8Bytes += 4;
                    i++;
                    continue;
                }
                if (Character.isLowSurrogate(c)) {
                    return Keys.Rule.MALFORMED_UNICODE;
                }
                if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                    return Keys.Rule.CONTROL_CHARACTER;
                }
                utf8Bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            if (utf8Bytes > StorageLimits.MAX_KEY_BYTES) {
                return Keys.Rule.TOO_LONG;
            }
            if (key.charAt(0) == '/') {
                return Keys.Rule.LEADING_SLASH;
            }
            if (!prefix && key.charAt(key.length() - 1) == '/') {
                return Keys.Rule.TRAILING_SLASH;
            }
            if (key.contains("//")) {
                return Keys.Rule.EMPTY_SEGMENT;
            }
            String[] segments = key.split("/", -1);
            int complete = prefix ? segments.length - 1 : segments.length;
            for (int i = 0; i < segments.length; i++) {
                if (i < complete && (segments[i].equals(".") || segments[i].equals(".."))) {
                    return Keys.Rule.DOT_SEGMENT;
                }
                if (segments[i].length() > Keys.MAX_SEGMENT_BYTES / 3 && utf8Length(segments[i]) > Keys.MAX_SEGMENT_BYTES) {
                    return Keys.Rule.SEGMENT_TOO_LONG;
                }
            }
            return null;
        }

        private static int utf8Length(String s) {
            int bytes = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    bytes += 4;
                    i++;
                } else {
                    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                }
            }
            return bytes;
        }
    }
}
