package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What {@link AbstractStorageBackend} checks before any do-method runs, closing, and its default batch delete and copy. */
class AbstractStorageBackendTest {
    private static final String NAME = "rec://test";

    private final RecordingBackend backend = new RecordingBackend(NAME);

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A backend lacking {@code missing}. */
    private static RecordingBackend without(Capability missing) {
        Set<Capability> capabilities = EnumSet.allOf(Capability.class);
        capabilities.remove(missing);
        return new RecordingBackend(NAME, capabilities);
    }

    @Test
    void constructor_nulls_throwNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new RecordingBackend(null, Set.of())).withMessage("name is null");
        assertThatNullPointerException().isThrownBy(() -> new RecordingBackend("n", (Set<Capability>) null)).withMessage("capabilities is null");
    }

    @Test
    void capabilities_areACopyThatCannotChange() {
        Set<Capability> given = EnumSet.of(Capability.RANGE_READ);
        RecordingBackend limited = new RecordingBackend(NAME, given);
        given.add(Capability.USER_METADATA);

        assertThat(limited.capabilities()).containsExactly(Capability.RANGE_READ);
        assertThatThrownBy(() -> limited.capabilities().add(Capability.BATCH_DELETE))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void supports_reflectsCapabilities() {
        RecordingBackend limited = new RecordingBackend(NAME, Set.of(Capability.RANGE_READ));

        assertThat(limited.supports(Capability.RANGE_READ)).isTrue();
        assertThat(limited.supports(Capability.USER_METADATA)).isFalse();
        assertThatNullPointerException().isThrownBy(() -> limited.supports(null)).withMessage("capability is null");
    }

    @Test
    void name_isTheGivenName() {
        assertThat(backend.name()).isEqualTo(NAME);
    }

    /**
     * Calls with an invalid key, each of which must fail before any {@code do...} method runs: a write's key breaks a
     * portable rule; an existing object's key is one no store can hold (empty, over 1,024 UTF-8 bytes, malformed).
     */
    static Stream<Arguments> invalidKeyCalls() {
        return Stream.of(
                call("put", b -> b.put("a//b", body("x"), 1, PutOptions.defaults())),
                call("get", b -> b.get("\uD800a", GetOptions.whole())),
                call("head", b -> b.head("x".repeat(1025))),
                call("delete", b -> b.delete("")),
                call("deleteAll", b -> b.deleteAll(List.of("ok", "a\uDC00"))),
                call("copy source", b -> b.copy("", "b")),
                call("copy target", b -> b.copy("a", "b/.")),
                call("listPage", b -> b.listPage(ListOptions.prefix("é".repeat(513)))));
    }

    /** Keys S3 holds that no portable write makes: console folder markers, {@code a//b}, dot segments, ... */
    static Stream<String> storeOnlyKeys() {
        return Stream.of("photos/", "a//b", "/leading", "a/" + "s".repeat(300), "tab\tin/key");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeOnlyKeys")
    void existingObjectCalls_storeOnlyKey_reachTheBackend(String key) {
        backend.head(key);
        assertThatThrownBy(() -> backend.get(key, GetOptions.whole())).isInstanceOf(ObjectNotFoundException.class);
        backend.delete(key);
        backend.deleteAll(List.of(key));
        backend.listPage(ListOptions.prefix(key));

        assertThat(backend.calls()).as("every call naming an existing object took the key %s", key)
                .contains("doHead " + key, "doDelete " + key);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("storeOnlyKeys")
    void put_storeOnlyKey_isRefusedUnderPortableAndTakenUnderStore(String key) {
        RecordingBackend store = new RecordingBackend(NAME, KeyPolicy.STORE);

        assertThatThrownBy(() -> backend.put(key, body("x"), 1, PutOptions.defaults()))
                .isInstanceOf(InvalidKeyException.class);
        store.put(key, body("x"), 1, PutOptions.defaults());
        store.copy(key, key + "-copy");

        assertThat(store.writeKeys()).isEqualTo(KeyPolicy.STORE);
        assertThat(backend.writeKeys()).as("the default").isEqualTo(KeyPolicy.PORTABLE);
        assertThat(store.head(key + "-copy")).isPresent();
    }

    @Test
    void dotSegmentKey_singleObjectCallsRefuseIt_batchDeleteTakesIt() {
        RecordingBackend store = new RecordingBackend(NAME, KeyPolicy.STORE);

        assertThatThrownBy(() -> store.delete("a/../b")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.head("./x")).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> store.put("a/./b", body("x"), 1, PutOptions.defaults()))
                .isInstanceOf(InvalidKeyException.class);
        store.deleteAll(List.of("a/../b", "./x"));

        assertThat(store.calls()).as("only the batch reached the backend").noneMatch(call -> call.startsWith("doDelete ")
                || call.startsWith("doHead") || call.startsWith("doPut"));
    }

    @Test
    void copy_storeOnlySourceToPortableTarget_reachesTheBackendUnderPortable() {
        // No such object here: what matters is that the key rules let the call through to the backend.
        assertThatThrownBy(() -> backend.copy("photos/", "photos/marker")).isInstanceOf(ObjectNotFoundException.class);
        assertThatThrownBy(() -> backend.copy("photos/marker", "photos/")).isInstanceOf(InvalidKeyException.class);
    }

    private static Arguments call(String name, Consumer<StorageBackend> call) {
        return Arguments.of(name, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeyCalls")
    void call_invalidKey_throwsBeforeReachingBackend(String name, Consumer<StorageBackend> call) {
        assertThatThrownBy(() -> call.accept(backend)).isInstanceOf(InvalidKeyException.class).hasMessageContaining(NAME);

        assertThat(backend.calls()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidKeyCalls")
    void call_afterClose_throwsIllegalStateNamingBackend(String name, Consumer<StorageBackend> call) {
        // The calls carry invalid keys too: being closed is reported first.
        backend.close();

        assertThatIllegalStateException().isThrownBy(() -> call.accept(backend)).withMessage("[" + NAME + "] backend is closed");
        assertThat(backend.calls()).containsExactly("doClose");
    }

    @Test
    void put_afterClose_throwsIllegalState() {
        backend.close();

        assertThatIllegalStateException().isThrownBy(() -> backend.put("k", "v"));
    }

    @Test
    void close_twice_closesOnce() {
        backend.close();
        backend.close();

        assertThat(backend.closeCount()).isEqualTo(1);
        assertThat(backend.isClosed()).isTrue();
    }

    @Test
    void isClosed_beforeClose_isFalse() {
        assertThat(backend.isClosed()).isFalse();
    }

    @Test
    void ensureOpen_afterClose_throws() {
        backend.close();

        assertThatIllegalStateException().isThrownBy(backend::ensureOpen);
    }

    @Test
    void listPage_delimiterWithoutDelimiterListing_throwsNamingCapability() {
        RecordingBackend limited = without(Capability.DELIMITER_LISTING);

        assertThatThrownBy(() -> limited.listPage(ListOptions.builder().delimiter("/").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[" + NAME + "] list: backend does not support DELIMITER_LISTING");
        assertThat(limited.calls()).isEmpty();
    }

    @Test
    void listPage_flatWithoutDelimiterListing_reachesBackend() {
        RecordingBackend limited = without(Capability.DELIMITER_LISTING);

        assertThat(limited.listPage(ListOptions.prefix("a/")).objects()).isEmpty();
        assertThat(limited.calls()).containsExactly("doListPage a/");
    }

    @Test
    void listPage_nullOptions_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.listPage(null)).withMessage("options is null");
    }

    @Test
    void get_nullOptions_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.get("k", null)).withMessage("options is null");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void unsupported_namesOperationKeyAndCapability() {
        InvalidRequestException e = backend.unsupported(StorageOperation.COPY, "k", Capability.SERVER_SIDE_COPY);

        assertThat(e).hasMessage("[" + NAME + "] copy 'k': backend does not support SERVER_SIDE_COPY");
    }

    @Test
    void deleteAll_defaultBatch_deletesEachDistinctKeyOnce() {
        backend.put("a", "1");
        backend.put("b", "2");

        DeleteResult result = backend.deleteAll(List.of("b", "a", "b", "missing"));

        assertThat(result.deleted()).containsExactly("b", "a", "missing");
        assertThat(result.isSuccess()).isTrue();
        assertThat(backend.calls()).containsSubsequence("doDelete b", "doDelete a", "doDelete missing")
                .filteredOn(c -> c.startsWith("doDelete")).hasSize(3);
        assertThat(backend.size()).isZero();
    }

    @Test
    void deleteAll_oneKeyFails_reportsItAndDeletesTheRest() {
        backend.put("a", "1");
        backend.put("b", "2");
        backend.failDeleteOf("a");

        DeleteResult result = backend.deleteAll(List.of("a", "b"));

        assertThat(result.deleted()).containsExactly("b");
        assertThat(result.failures()).containsOnlyKeys("a");
        assertThat(result.failures().get("a")).isInstanceOf(StorageUnavailableException.class);
        assertThat(backend.stored("a")).isPresent();
    }

    @Test
    void deleteAll_tooManyKeys_deletesNothing() {
        backend.put("k0", "1");
        List<String> keys = Stream.iterate(0, i -> i + 1).limit(1001).map(i -> "k" + i).toList();

        assertThatThrownBy(() -> backend.deleteAll(keys)).isInstanceOf(InvalidRequestException.class);

        assertThat(backend.stored("k0")).isPresent();
    }

    @Test
    void deleteAll_nullKeys_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.deleteAll(null));
    }

    @Test
    void copy_default_streamsBytesContentTypeAndMetadata() {
        backend.put("src", "hello".getBytes(StandardCharsets.UTF_8),
                PutOptions.builder().contentType("text/plain").metadata("m", "1").build());

        ObjectInfo copied = backend.copy("src", "dst");

        assertThat(backend.getString("dst")).isEqualTo("hello");
        assertThat(copied.contentType()).contains("text/plain");
        assertThat(copied.metadata()).containsExactly(Map.entry("m", "1"));
        assertThat(backend.calls()).contains("doGet src", "doPut dst");
    }

    @Test
    void copy_missingSource_throwsNotFoundNamingCopyAndLeavesTarget() {
        backend.put("dst", "keep");

        ObjectNotFoundException e = catchThrowableOfType(ObjectNotFoundException.class, () -> backend.copy("nope", "dst"));

        assertThat(e).hasMessage("[" + NAME + "] copy 'nope': source object not found")
                .hasCauseInstanceOf(ObjectNotFoundException.class);
        assertThat(e.operation()).isEqualTo(StorageOperation.COPY);
        assertThat(backend.getString("dst")).isEqualTo("keep");
    }

    @Test
    void copy_nullKeys_throwNullPointerExceptionNamingParameter() {
        assertThatNullPointerException().isThrownBy(() -> backend.copy(null, "b")).withMessage("sourceKey is null");
        assertThatNullPointerException().isThrownBy(() -> backend.copy("a", null)).withMessage("targetKey is null");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void copy_toItself_leavesObjectUnchanged() {
        backend.put("k", "same");

        backend.copy("k", "k");

        assertThat(backend.getString("k")).isEqualTo("same");
    }

    @Test
    void head_andDelete_validKey_reachBackend() {
        backend.put("k", "v");

        assertThat(backend.head("k")).isPresent();
        backend.delete("k");

        assertThat(backend.head("k")).isEmpty();
        assertThat(backend.calls()).containsExactly("doPut k", "doHead k", "doDelete k", "doHead k");
    }

}
