package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeysTest {
    private static final String BACKEND = "mem://keys-test";

    /** One key breaking each rule, and nothing else before it. */
    private static final Map<Keys.Rule, String> EXAMPLES = new EnumMap<>(Map.of(
            Keys.Rule.EMPTY, "",
            Keys.Rule.TOO_LONG, "a".repeat(1025),
            Keys.Rule.MALFORMED_UNICODE, "a\uD83Db",
            Keys.Rule.CONTROL_CHARACTER, "a\u0000b",
            Keys.Rule.LEADING_SLASH, "/a",
            Keys.Rule.TRAILING_SLASH, "a/",
            Keys.Rule.EMPTY_SEGMENT, "a//b",
            Keys.Rule.SEGMENT_TOO_LONG, "a/" + "b".repeat(256),
            Keys.Rule.DOT_SEGMENT, "a/./b"));

    /** Five segments of {@code unit} repeated {@code perSegment} times, each followed by '/'. */
    private static String segments(String unit, int perSegment) {
        return (unit.repeat(perSegment) + "/").repeat(5);
    }

    private static Keys.Rule ruleBrokenBy(String key) {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate(BACKEND, StorageOperation.PUT, key));
        assertThat(e).as("key '%s' should be rejected", key).isNotNull();
        return e.rule();
    }

    private static Keys.Rule ruleBrokenByPrefix(String prefix) {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, prefix));
        assertThat(e).as("prefix '%s' should be rejected", prefix).isNotNull();
        return e.rule();
    }

    @Test
    void examples_coverEveryRule() {
        // A rule added without an example here fails this test, so each rule stays tested.
        assertThat(EXAMPLES.keySet()).containsExactlyInAnyOrder(Keys.Rule.values());
    }

    static Stream<Arguments> examples() {
        return EXAMPLES.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validate_keyBreakingRule_throwsWithThatRule(Keys.Rule rule, String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void isValid_keyBreakingRule_returnsFalse(Keys.Rule rule, String key) {
        assertThat(Keys.isValid(key)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validate_keyBreakingRule_messageNamesKeyAndRule(Keys.Rule rule, String key) {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate(BACKEND, StorageOperation.GET, key));

        assertThat(e.getMessage())
                .startsWith("[" + BACKEND + "] get '")
                .contains(rule.description())
                .contains(key.length() <= 200 ? key : key.substring(0, 200));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "photos/2024/cat.png", "with space", "plus+percent%", "Ünïcödé/ключ/写真", ".hidden",
            "a.", "...", "a/.b", "a/..b", "a/b..", "emoji/\uD83D\uDE00", "nbsp\u00A0", "tilde~", "\u00A0"})
    void validate_validKey_accepts(String key) {
        assertThatCode(() -> Keys.validate(BACKEND, StorageOperation.PUT, key)).doesNotThrowAnyException();
        assertThat(Keys.isValid(key)).isTrue();
    }

    // Keys at the length limit are built of several segments, each within the segment limit.

    @Test
    void validate_exactly1024AsciiBytes_accepts() {
        String key = segments("a", 200) + "a".repeat(19);

        assertThat(key).hasSize(1024);
        assertThat(Keys.isValid(key)).isTrue();
    }

    @Test
    void validate_1025AsciiBytes_throwsTooLong() {
        assertThat(ruleBrokenBy(segments("a", 200) + "a".repeat(20))).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @Test
    void validate_twoByteCharsAt1024Bytes_accepts() {
        String key = segments("é", 100) + "é".repeat(9) + "a";

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(Keys.isValid(key)).isTrue();
    }

    @Test
    void validate_twoByteCharsAt1025Bytes_throwsTooLong() {
        // 525 chars only: the limit counts bytes, not chars.
        String key = segments("é", 100) + "é".repeat(10);

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1025);
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @Test
    void validate_threeByteCharsAt1024Bytes_accepts() {
        String key = segments("€", 66) + "€".repeat(9) + "aa";

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(Keys.isValid(key)).isTrue();
    }

    @Test
    void validate_threeByteCharsOver1024Bytes_throwsTooLong() {
        String key = segments("€", 66) + "€".repeat(10);

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1025);
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @Test
    void validate_supplementaryCharsAt1024Bytes_accepts() {
        String key = segments("\uD83D\uDE00", 50) + "\uD83D\uDE00".repeat(4) + "aaa";

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1024);
        assertThat(Keys.isValid(key)).isTrue();
    }

    @Test
    void validate_supplementaryCharsAt1025Bytes_throwsTooLong() {
        // 518 UTF-16 chars, 1025 UTF-8 bytes: a surrogate pair counts as 4 bytes, not 2 x 3.
        String key = segments("\uD83D\uDE00", 50) + "\uD83D\uDE00".repeat(4) + "aaaa";

        assertThat(key.getBytes(StandardCharsets.UTF_8)).hasSize(1025);
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @Test
    void validate_tooLongKeyOfOneSegment_reportsKeyLengthFirst() {
        assertThat(ruleBrokenBy("a".repeat(1025))).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "\uD83D\uDE00"})
    void validate_segmentAt255Bytes_accepts(String unit) {
        int bytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String segment = unit.repeat(255 / bytes) + "a".repeat(255 % bytes);

        assertThat(segment.getBytes(StandardCharsets.UTF_8)).hasSize(255);
        assertThat(Keys.isValid("dir/" + segment + "/file")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "\uD83D\uDE00"})
    void validate_segmentAt256Bytes_throwsSegmentTooLong(String unit) {
        int bytes = unit.getBytes(StandardCharsets.UTF_8).length;
        String segment = unit.repeat(255 / bytes) + "a".repeat(255 % bytes) + "a";

        assertThat(segment.getBytes(StandardCharsets.UTF_8)).hasSize(256);
        assertThat(ruleBrokenBy("dir/" + segment + "/file")).isEqualTo(Keys.Rule.SEGMENT_TOO_LONG);
        assertThat(ruleBrokenBy(segment)).isEqualTo(Keys.Rule.SEGMENT_TOO_LONG);
    }

    @Test
    void validate_longSegmentThenDotSegment_reportsFirstSegmentsRule() {
        assertThat(ruleBrokenBy("a".repeat(256) + "/./b")).isEqualTo(Keys.Rule.SEGMENT_TOO_LONG);
        assertThat(ruleBrokenBy("./" + "a".repeat(256))).isEqualTo(Keys.Rule.DOT_SEGMENT);
    }

    @Test
    void maxSegmentBytes_is255() {
        assertThat(Keys.MAX_SEGMENT_BYTES).isEqualTo(255);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uD83D", "\uD83Da", "\uDE00", "a\uDE00b", "\uDE00\uD83D"})
    void validate_unpairedSurrogate_throwsMalformedUnicode(String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.MALFORMED_UNICODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "a\tb", "a\nb", "a\rb", "\u001F", "\u007F", "\u0080", "\u009F", "end\u0001"})
    void validate_controlCharacter_throwsControlCharacter(String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.CONTROL_CHARACTER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/b"})
    void validate_leadingSlash_throwsLeadingSlash(String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.LEADING_SLASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/", "a/b/"})
    void validate_trailingSlash_throwsTrailingSlash(String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.TRAILING_SLASH);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "./a", "../a", "a/.", "a/..", "a/./b", "a/../b"})
    void validate_dotSegment_throwsDotSegment(String key) {
        assertThat(ruleBrokenBy(key)).isEqualTo(Keys.Rule.DOT_SEGMENT);
    }

    @Test
    void validate_nullKey_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> Keys.validate(BACKEND, StorageOperation.PUT, null))
                .withMessage("key is null");
    }

    @Test
    void isValid_null_returnsFalse() {
        assertThat(Keys.isValid(null)).isFalse();
    }

    @Test
    void validate_longKey_messageAbbreviatesKey() {
        String key = "k".repeat(1500);

        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate(BACKEND, StorageOperation.PUT, key));

        assertThat(e.getMessage())
                .contains("k".repeat(200) + "...(1500 chars)")
                .doesNotContain("k".repeat(201))
                .contains(Keys.Rule.TOO_LONG.description());
    }

    @Test
    void validate_invalidKey_exceptionNamesBackendOperationAndKey() {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate(BACKEND, StorageOperation.COPY, "a//b"));

        assertThat(e.backend()).isEqualTo(BACKEND);
        assertThat(e.operation()).isEqualTo(StorageOperation.COPY);
        assertThat(e.key()).contains("a//b");
        assertThat(e.rule()).isEqualTo(Keys.Rule.EMPTY_SEGMENT);
        assertThat(e).isInstanceOf(InvalidRequestException.class);
        assertThat(e.isRetryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "a/", "a/.", "a/..", ".", "..", "a/b/", "a/.h", "photos/2024/", "\uD83D\uDE00/"})
    void validatePrefix_validPrefix_accepts(String prefix) {
        assertThatCode(() -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, prefix)).doesNotThrowAnyException();
    }

    @Test
    void validatePrefix_1024Bytes_accepts() {
        String prefix = segments("a", 203) + "abc/";

        assertThat(prefix).hasSize(1024);
        assertThatCode(() -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, prefix)).doesNotThrowAnyException();
    }

    @Test
    void validatePrefix_1025Bytes_throwsTooLong() {
        assertThat(ruleBrokenByPrefix(segments("a", 203) + "abcd/")).isEqualTo(Keys.Rule.TOO_LONG);
    }

    @Test
    void validatePrefix_cutLastSegmentOver255Bytes_throwsSegmentTooLong() {
        // No key under such a prefix could be valid, so the cut segment counts too.
        assertThat(ruleBrokenByPrefix("a/" + "b".repeat(256))).isEqualTo(Keys.Rule.SEGMENT_TOO_LONG);
    }

    @Test
    void validatePrefix_cutLastSegmentAt255Bytes_accepts() {
        assertThatCode(() -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, "a/" + "b".repeat(255)))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/./", "./", "../", "a/../b", "./a"})
    void validatePrefix_completeDotSegment_throwsDotSegment(String prefix) {
        assertThat(ruleBrokenByPrefix(prefix)).isEqualTo(Keys.Rule.DOT_SEGMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/a", "/a/"})
    void validatePrefix_leadingSlash_throwsLeadingSlash(String prefix) {
        assertThat(ruleBrokenByPrefix(prefix)).isEqualTo(Keys.Rule.LEADING_SLASH);
    }

    @Test
    void validatePrefix_emptySegment_throwsEmptySegment() {
        assertThat(ruleBrokenByPrefix("a//")).isEqualTo(Keys.Rule.EMPTY_SEGMENT);
    }

    @Test
    void validatePrefix_controlCharacter_throwsControlCharacter() {
        assertThat(ruleBrokenByPrefix("a\u0007")).isEqualTo(Keys.Rule.CONTROL_CHARACTER);
    }

    @Test
    void validatePrefix_unpairedSurrogate_throwsMalformedUnicode() {
        assertThat(ruleBrokenByPrefix("a/\uD83D")).isEqualTo(Keys.Rule.MALFORMED_UNICODE);
    }

    @Test
    void validatePrefix_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, null))
                .withMessage("prefix is null");
    }

    @Test
    void validatePrefix_invalidPrefix_messageNamesPrefixAndRule() {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validatePrefix(BACKEND, StorageOperation.LIST, "a/./"));

        assertThat(e.getMessage()).isEqualTo("[" + BACKEND + "] list 'a/./': invalid key: " + Keys.Rule.DOT_SEGMENT.description());
    }

    @Test
    void ruleDescription_tooLong_namesTheLimit() {
        assertThat(Keys.Rule.TOO_LONG.description()).contains("1024");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"photos/", "a//b", "/a", "photos//", "tab\tkey", "nul\u0000key"})
    void validate_storePolicy_acceptsWhatS3HoldsAndPortableRefuses(String key) {
        Keys.validate("b", StorageOperation.GET, key, KeyPolicy.STORE);

        assertThatThrownBy(() -> Keys.validate("b", StorageOperation.PUT, key, KeyPolicy.PORTABLE))
                .isInstanceOf(InvalidKeyException.class);
    }

    @Test
    void validate_storePolicy_refusesWhatNoStoreHolds() {
        assertThat(catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate("b", StorageOperation.GET, "", KeyPolicy.STORE)).rule()).isEqualTo(Keys.Rule.EMPTY);
        assertThat(catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate("b", StorageOperation.GET, "é".repeat(513), KeyPolicy.STORE)).rule())
                .as("1,026 UTF-8 bytes").isEqualTo(Keys.Rule.TOO_LONG);
        assertThat(catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate("b", StorageOperation.GET, "a\uD800", KeyPolicy.STORE)).rule())
                .isEqualTo(Keys.Rule.MALFORMED_UNICODE);
        Keys.validate("b", StorageOperation.GET, "é".repeat(512), KeyPolicy.STORE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {".", "..", "./a", "a/../b", "a/.", "a/./b"})
    void validate_storePolicy_refusesDotSegmentsWhichAPathResolves_butValidateListedTakesThem(String key) {
        assertThat(catchThrowableOfType(InvalidKeyException.class,
                () -> Keys.validate("b", StorageOperation.DELETE, key, KeyPolicy.STORE)).rule())
                .isEqualTo(Keys.Rule.DOT_SEGMENT);

        assertThatCode(() -> Keys.validateListed("b", StorageOperation.DELETE_ALL, key)).doesNotThrowAnyException();
    }

    @Test
    void validatePrefix_storePolicy_acceptsEmptyAndAnyHeldPrefix() {
        Keys.validatePrefix("b", StorageOperation.LIST, "", KeyPolicy.STORE);
        Keys.validatePrefix("b", StorageOperation.LIST, "/", KeyPolicy.STORE);
        Keys.validatePrefix("b", StorageOperation.LIST, "a//", KeyPolicy.STORE);

        assertThatThrownBy(() -> Keys.validatePrefix("b", StorageOperation.LIST, "x".repeat(1025), KeyPolicy.STORE))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("1024");
    }
}
