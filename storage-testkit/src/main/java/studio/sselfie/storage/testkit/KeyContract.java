package studio.sselfie.storage.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.Keys;
import studio.sselfie.storage.Keys.Rule;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests of the key rules of {@link Keys}: every valid key, whatever its characters, is stored, read, listed,
 * copied and deleted under exactly itself (no trimming, decoding or normalising); every invalid key is rejected by
 * every operation with the same {@link InvalidKeyException} before any I/O, so a key accepted in memory is accepted on
 * any store.
 */
public abstract class KeyContract extends ConformanceContract {
    private static final String SEEDED = "seeded/object.bin";

    protected KeyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    /**
     * Valid keys that stores and HTTP clients are known to mangle. The 1024-byte keys are cut into segments within
     * {@link Keys#MAX_SEGMENT_BYTES}.
     */
    static Stream<Arguments> validKeys() {
        return Stream.of(
                arguments(named("Latin accents", "caf\u00e9/cr\u00e8me-br\u00fbl\u00e9e-\u00c5ngstr\u00f6m.jpg")),
                arguments(named("CJK", "\u5199\u771f/\u6771\u4eac\u30bf\u30ef\u30fc-\uc0ac\uc9c4.png")),
                arguments(named("emoji (supplementary characters)", "emoji/\uD83D\uDCF8-\uD83C\uDF05-\uD83D\uDC69\u200D\uD83D\uDCBB.jpg")),
                arguments(named("right-to-left", "rtl/\u05e9\u05dc\u05d5\u05dd-\u0645\u0631\u062d\u0628\u0627.txt")),
                arguments(named("inner spaces", "my photos/summer  2024/beach day.jpg")),
                arguments(named("plus", "a+b/c+d.txt")),
                arguments(named("percent", "100%/discount%.txt")),
                arguments(named("literal %20", "not%20a%20space.txt")),
                arguments(named("question mark", "why?/really?.txt")),
                arguments(named("hash", "issue#42/notes#1.txt")),
                arguments(named("ampersand", "salt&pepper/a&b.txt")),
                arguments(named("equals", "key=value/x=1.txt")),
                arguments(named("semicolon", "a;b/c;d.txt")),
                arguments(named("colon", "time/12:30:00.txt")),
                arguments(named("at sign", "user@example.com/avatar.png")),
                arguments(named("exclamation mark", "wow!/yes!.txt")),
                arguments(named("apostrophe", "it's/o'clock.txt")),
                arguments(named("parentheses", "copy (1)/photo (2).jpg")),
                arguments(named("asterisk", "star*/a*b.txt")),
                arguments(named("tilde", "~user/~backup.txt")),
                arguments(named("square brackets", "[draft]/a[1].txt")),
                arguments(named("curly braces", "{id}/a{b}.txt")),
                arguments(named("angle brackets and quote", "<tag>/\"quoted\".txt")),
                arguments(named("backslash", "windows\\path\\file.txt")),
                arguments(named("dots that are not segments", ".hidden/..twice/.../a.")),
                arguments(named("deep nesting", IntStream.rangeClosed('a', 'z').mapToObj(c -> String.valueOf((char) c))
                        .collect(Collectors.joining("/")))),
                arguments(named("1024 ASCII bytes", segmented("k", 1024))),
                arguments(named("1024 bytes of 3-byte characters", segmented("\u8a9e", 1024))),
                arguments(named("1024 bytes of 4-byte characters", segmented("\uD83D\uDE00", 1024))));
    }

    /**
     * One invalid key per rule of {@link Keys}, each with the rule it breaks: enough to show that every operation asks
     * the shared validator before any I/O. The validator's own cases (every control character, surrogate and length
     * edge) are tested once, in storage-api's {@code KeysTest}, not once per backend and operation.
     */
    static Stream<Arguments> invalidKeys() {
        return Stream.of(
                arguments(named("empty", ""), Rule.EMPTY),
                arguments(named("1025 bytes, mostly 3-byte characters", "\u8a9e".repeat(341) + "ab"), Rule.TOO_LONG),
                arguments(named("line feed", "a\nb"), Rule.CONTROL_CHARACTER),
                arguments(named("leading slash", "/photos/a.jpg"), Rule.LEADING_SLASH),
                arguments(named("trailing slash", "photos/"), Rule.TRAILING_SLASH),
                arguments(named("empty segment", "photos//a.jpg"), Rule.EMPTY_SEGMENT),
                arguments(named("'a/../b'", "a/../b"), Rule.DOT_SEGMENT),
                arguments(named("segment of 86 3-byte characters", "\u8a9e".repeat(86) + "/a"), Rule.SEGMENT_TOO_LONG),
                arguments(named("lone high surrogate", "a\uD83Db"), Rule.MALFORMED_UNICODE));
    }

    /**
     * Keys no S3-protocol store can hold, each with the rule it breaks: what get, head, delete, deleteAll and a copy's
     * source refuse. Every other key may name an object a bucket already holds.
     */
    static Stream<Arguments> unholdableKeys() {
        return Stream.of(
                arguments(named("empty", ""), Rule.EMPTY),
                arguments(named("1025 bytes, mostly 3-byte characters", "\u8a9e".repeat(341) + "ab"), Rule.TOO_LONG),
                arguments(named("lone high surrogate", "a\uD83Db"), Rule.MALFORMED_UNICODE));
    }

    /**
     * Keys S3 holds that a portable write refuses (console folder markers, {@code a//b}, dot segments...): a bucket
     * may hold them, so every call naming an existing object takes them, and must address exactly that key (never
     * {@code b} for {@code a/../b}).
     */
    static Stream<Arguments> storeOnlyKeys() {
        return Stream.of(
                arguments(named("folder marker", "photos/")),
                arguments(named("delete character", "a\u007Fb")),
                arguments(named("segment of 300 bytes", "s".repeat(300) + "/a")),
                arguments(named("tab", "a\tb")));
    }

    /** Store-only keys with an empty segment or a leading {@code /}: a path normaliser on the way collapses them. */
    static Stream<Arguments> slashKeys() {
        return Stream.of(
                arguments(named("empty segment", "photos//a.jpg")),
                arguments(named("leading slash", "/photos/a.jpg")),
                arguments(named("'a//b' next to 'a/b'", "a//b")),
                arguments(named("'/b' next to 'b'", "/b")));
    }

    /** Listing prefixes no store holds, each with the rule it breaks; any other prefix lists what starts with it. */
    static Stream<Arguments> invalidPrefixes() {
        return Stream.of(
                arguments(named("1025 bytes", "k".repeat(1025)), Rule.TOO_LONG),
                arguments(named("lone low surrogate", "a\uDE00"), Rule.MALFORMED_UNICODE));
    }

    /** Every call that takes a key, with {@code null} for it. */
    static Stream<Arguments> nullKeyCalls() {
        return Stream.<Arguments>of(
                arguments(named("put", (Consumer<StorageBackend>) b -> b.put(null, new byte[0]))),
                arguments(named("get", (Consumer<StorageBackend>) b -> b.get(null))),
                arguments(named("head", (Consumer<StorageBackend>) b -> b.head(null))),
                arguments(named("delete", (Consumer<StorageBackend>) b -> b.delete(null))),
                arguments(named("copy source", (Consumer<StorageBackend>) b -> b.copy(null, "target"))),
                arguments(named("copy target", (Consumer<StorageBackend>) b -> b.copy(SEEDED, null))),
                arguments(named("deleteAll element", (Consumer<StorageBackend>) b -> b.deleteAll(Arrays.asList(SEEDED, null)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validKeys")
    void put_validKey_readableUnderTheSameKey(String key) {
        byte[] bytes = key.getBytes(UTF_8);

        assertThat(write(key, bytes).key()).isEqualTo(key);

        assertThat(backend.head(key)).hasValueSatisfying(info -> assertThat(info.key()).isEqualTo(key));
        try (StorageObject object = backend.get(key)) {
            assertThat(object.info().key()).isEqualTo(key);
            assertThat(object.readAllBytes()).isEqualTo(bytes);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validKeys")
    void list_validKey_listedWithExactlyThatKey(String key) {
        write(key, key.getBytes(UTF_8));

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(key);
        assertThat(backend.list(key).map(ObjectInfo::key)).as("listing with the key as prefix").containsExactly(key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validKeys")
    void copy_validKeyAsTargetThenSource_copiesTheBytes(String key) {
        byte[] bytes = key.getBytes(UTF_8);
        write("plain-source", bytes);

        backend.copy("plain-source", key);
        backend.copy(key, "plain-target");

        assertThat(read(key)).isEqualTo(bytes);
        assertThat(read("plain-target")).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validKeys")
    void delete_validKey_removesThatObjectOnly(String key) {
        write(key, key.getBytes(UTF_8));
        write(SEEDED, new byte[] {1});

        backend.delete(key);

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(SEEDED);
    }

    /** As {@link #existingObjectCalls_storeOnlyKey_areTakenAndFindNothing}, next to the keys they would collapse to. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("slashKeys")
    void existingObjectCalls_emptySegmentOrLeadingSlashKey_areTakenAndFindNothing(String key) {
        write("b", new byte[] {1});
        write("a/b", new byte[] {2});
        write("photos/a.jpg", new byte[] {3});
        Map<String, String> before = snapshot();

        assertThat(backend.head(key)).as("head of '%s' must not find a normalised key", key).isEmpty();
        backend.delete(key);
        assertThat(backend.deleteAll(List.of(key)).failures()).isEmpty();

        assertThat(snapshot()).as("nothing stored changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validKeys")
    void deleteAll_validKey_reportsAndRemovesExactlyThatKey(String key) {
        write(key, key.getBytes(UTF_8));
        write(SEEDED, new byte[] {1});

        assertThat(backend.deleteAll(List.of(key)).deleted()).containsExactly(key);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(SEEDED);
    }

    /** A segment may be as long as {@link Keys#MAX_SEGMENT_BYTES}: the longest name MinIO and file systems hold. */
    @Test
    void put_segmentOf255AsciiBytes_readableAndListedUnderTheSameKey() {
        assertStoredUnderItself("photos/" + "s".repeat(Keys.MAX_SEGMENT_BYTES), 7 + Keys.MAX_SEGMENT_BYTES);
    }

    /** 85 three-byte characters: 255 bytes, so a backend must count bytes, not characters. */
    @Test
    void put_segmentOf255BytesOf3ByteCharacters_readableAndListedUnderTheSameKey() {
        assertStoredUnderItself("\u8a9e".repeat(85), 255);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidKeys")
    void put_invalidKey_throwsInvalidKeyAndStoresNothing(String key, Rule rule) {
        assertRejected(() -> backend.put(key, new byte[] {1}), key, rule);

        assertThat(backend.list("").findFirst()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unholdableKeys")
    void get_unholdableKey_throwsInvalidKey(String key, Rule rule) {
        assertRejected(() -> read(key), key, rule);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unholdableKeys")
    void head_unholdableKey_throwsInvalidKey(String key, Rule rule) {
        assertRejected(() -> backend.head(key), key, rule);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unholdableKeys")
    void delete_unholdableKey_throwsInvalidKeyAndDeletesNothing(String key, Rule rule) {
        write(SEEDED, new byte[] {1});

        assertRejected(() -> backend.delete(key), key, rule);

        assertThat(backend.exists(SEEDED)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unholdableKeys")
    void copy_unholdableSource_throwsInvalidKeyAndWritesNoTarget(String key, Rule rule) {
        assertRejected(() -> backend.copy(key, "target"), key, rule);

        assertThat(backend.exists("target")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidKeys")
    void copy_invalidTarget_throwsInvalidKeyAndStoresNothing(String key, Rule rule) {
        write(SEEDED, new byte[] {1});

        assertRejected(() -> backend.copy(SEEDED, key), key, rule);

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(SEEDED);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("unholdableKeys")
    void deleteAll_oneUnholdableKey_throwsInvalidKeyAndDeletesNothing(String key, Rule rule) {
        write(SEEDED, new byte[] {1});

        assertRejected(() -> backend.deleteAll(List.of(SEEDED, key)), key, rule);

        assertThat(backend.exists(SEEDED)).isTrue();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("invalidPrefixes")
    void list_invalidPrefix_throwsInvalidKey(String prefix, Rule rule) {
        assertRejected(() -> backend.list(prefix).findFirst(), prefix, rule);
        assertRejected(() -> backend.listPage(ListOptions.prefix(prefix)), prefix, rule);
    }

    @Test
    void list_emptyPrefix_listsEveryObject() {
        write("a.txt", new byte[] {1});
        write("b/c.txt", new byte[] {2});

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("a.txt", "b/c.txt");
    }

    @Test
    void list_prefixWithTrailingSlash_listsTheObjectsUnderIt() {
        write("photos/a.jpg", new byte[] {1});
        write("photos/2024/b.jpg", new byte[] {2});
        write("photos.txt", new byte[] {3});

        assertThat(backend.list("photos/").map(ObjectInfo::key)).containsExactly("photos/2024/b.jpg", "photos/a.jpg");
    }

    /** Keys: a prefix's last segment may be cut short, so "." there may still become ".thumbnails". */
    @Test
    void list_prefixEndingInPartialDotSegment_isAccepted() {
        write("photos/.thumbnails/a.jpg", new byte[] {1});
        write("photos/a.jpg", new byte[] {2});

        assertThat(backend.list("photos/.").map(ObjectInfo::key)).containsExactly("photos/.thumbnails/a.jpg");
    }

    @Test
    void rejectedWrites_andCallsOnStoreOnlyKeys_changeNothingStored() {
        write("b", new byte[] {1});
        write("x", new byte[] {2});
        write("a/b", new byte[] {3});
        Map<String, String> before = snapshot();
        // Keys a careless backend (or HTTP client) would normalise onto the seeded ones ("a/../b" -> "b",
        // "./x" -> "x", "/b" -> "b", "a//b" -> "a/b"): portable writes refuse them...
        List<ThrowingCallable> writes = List.of(
                () -> backend.put("a/../b", new byte[] {9}),
                () -> backend.put("./x", new byte[] {9}),
                () -> backend.put("/b", new byte[] {9}),
                () -> backend.put("a//b", new byte[] {9}),
                () -> backend.put("b/", new byte[] {9}),
                () -> backend.copy("x", "a/../b"),
                () -> backend.copy("x", "/b"));
        for (ThrowingCallable call : writes) {
            assertThatThrownBy(call).as("a portable write of a store-only key").isInstanceOf(InvalidKeyException.class);
        }
        // ...so do single-object calls on dot segments, which a server resolves in the request path ('a/../b' is
        // 'b' there).
        List<ThrowingCallable> dotSegmentCalls = List.of(
                () -> backend.delete("a/../b"),
                () -> backend.delete("a/./b"),
                () -> backend.head("./x"),
                () -> read("a/../b"),
                () -> backend.copy("./x", "copied"));
        for (ThrowingCallable call : dotSegmentCalls) {
            assertThatThrownBy(call).as("a single-object call on a dot-segment key").isInstanceOf(InvalidKeyException.class);
        }

        assertThat(snapshot()).as("nothing stored changed").isEqualTo(before);
    }

    /** A batch names its keys in the request body, so it takes dot-segment keys, and deletes exactly those keys. */
    @Test
    void deleteAll_dotSegmentKeys_deletesExactlyThoseKeysAndNotWhatTheyResolveTo() {
        write("b", new byte[] {1});
        write("x", new byte[] {2});
        write("a/b", new byte[] {3});
        Map<String, String> before = snapshot();

        DeleteResult batch = backend.deleteAll(List.of("./x", "a/../b", "a/./b"));

        if (backend.supports(Capability.BATCH_DELETE)) {
            assertThat(batch.failures()).as("a batch delete of dot-segment keys").isEmpty();
        } else {
            // Without a batch request, deleteAll deletes one by one, which refuses such keys for the same reason.
            assertThat(batch.failures().values()).allMatch(failure -> failure instanceof InvalidKeyException);
        }
        assertThat(snapshot()).as("'b', 'x' and 'a/b' are other objects: nothing stored changed").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeOnlyKeys")
    void existingObjectCalls_storeOnlyKey_areTakenAndFindNothing(String key) {
        write(SEEDED, new byte[] {1});

        assertThat(backend.head(key)).isEmpty();
        assertThatThrownBy(() -> read(key)).isInstanceOf(ObjectNotFoundException.class);
        backend.delete(key);
        assertThat(backend.deleteAll(List.of(key)).failures()).isEmpty();
        assertThat(backend.list(key).map(ObjectInfo::key)).isEmpty();

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(SEEDED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullKeyCalls")
    void anyCall_nullKey_throwsNullPointerException(Consumer<StorageBackend> call) {
        write(SEEDED, new byte[] {1});

        assertThatThrownBy(() -> call.accept(backend)).isInstanceOf(NullPointerException.class);

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(SEEDED);
    }

    private void assertStoredUnderItself(String key, int utf8Bytes) {
        assertThat(key.getBytes(UTF_8)).hasSize(utf8Bytes);

        write(key, new byte[] {7});

        assertThat(read(key)).containsExactly(7);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(key);
    }

    private static void assertRejected(ThrowingCallable call, String key, Rule rule) {
        // The message may shorten a very long key, so look for its start only.
        String start = key.substring(0, Math.min(key.length(), 64));
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidKeyException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.getMessage()).contains(start);
        });
    }

    /**
     * A key of exactly {@code bytes} UTF-8 bytes: {@code unit} repeated in segments of at most 200 bytes (the slashes
     * count), padded with ASCII at the end.
     */
    private static String segmented(String unit, int bytes) {
        int unitBytes = unit.getBytes(UTF_8).length;
        StringBuilder key = new StringBuilder();
        int used = 0;
        int inSegment = 0;
        while (true) {
            if (inSegment + unitBytes > 200) {
                if (used + 1 + unitBytes > bytes) {
                    break;
                }
                key.append('/');
                used++;
                inSegment = 0;
            }
            if (used + unitBytes > bytes) {
                break;
            }
            key.append(unit);
            used += unitBytes;
            inSegment += unitBytes;
        }
        return key.append("z".repeat(bytes - used)).toString();
    }
}
