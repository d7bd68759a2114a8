package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageLimits;

/**
 * Conformance of {@link studio.sselfie.storage.StorageBackend#deleteAll(java.util.Collection)}: every distinct key
 * given ends up deleted (missing keys included), others stay, and a batch that breaks a rule (too many keys, an
 * invalid key) is refused before anything is deleted. Runs on every backend, batching or not.
 */
public abstract class BatchDeleteContract extends ConformanceContract {

    protected BatchDeleteContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void deleteAll_existingKeys_deletesThemAndKeepsOthers() {
        putKeys("a", "b/c", "d", "keep", "b/keep");

        backend.deleteAll(List.of("a", "b/c", "d"));

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("b/keep", "keep");
    }

    @Test
    void deleteAll_existingKeys_resultIsSuccessListingEveryKey() {
        putKeys("a", "b", "c");

        DeleteResult result = backend.deleteAll(List.of("a", "b", "c"));

        assertThat(result.failures()).as("keys deleteAll reported as failed (key to failure)").isEmpty();
        assertThat(result.deleted()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void deleteAll_missingKeys_reportsThemDeleted() {
        putKeys("present");

        DeleteResult result = backend.deleteAll(List.of("missing-1", "present", "missing/2"));

        assertThat(result.failures()).as("keys deleteAll reported as failed (key to failure)").isEmpty();
        assertThat(result.deleted()).containsExactlyInAnyOrder("missing-1", "present", "missing/2");
        assertThat(backend.list("")).isEmpty();
    }

    @Test
    void deleteAll_duplicateKeys_deletesAndListsEachOnce() {
        putKeys("a", "b", "keep");

        DeleteResult result = backend.deleteAll(List.of("a", "b", "a", "a", "b"));

        assertThat(result.deleted()).containsExactlyInAnyOrder("a", "b");
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("keep");
    }

    @Test
    void deleteAll_result_listsDeletedKeysInOrderGiven() {
        putKeys("a", "b", "c");

        DeleteResult result = backend.deleteAll(List.of("c", "a", "missing", "b", "c"));

        assertThat(result.deleted()).containsExactly("c", "a", "missing", "b");
    }

    @Test
    void deleteAll_emptyCollection_succeedsAndDeletesNothing() {
        putKeys("keep");

        DeleteResult result = backend.deleteAll(List.of());

        assertThat(result.failures()).as("keys deleteAll reported as failed (key to failure)").isEmpty();
        assertThat(result.deleted()).isEmpty();
        assertThat(backend.exists("keep")).isTrue();
    }

    @Test
    void deleteAll_exactlyTheLimitOfKeys_isAccepted() {
        // Only a few of the keys exist, so the test stays fast against a remote store; missing keys are valid.
        List<String> keys = numberedKeys("batch/", StorageLimits.MAX_BATCH_DELETE_KEYS);
        putKeys(keys.subList(0, 10).toArray(String[]::new));
        putKeys(keys.subList(keys.size() - 10, keys.size()).toArray(String[]::new));
        putKeys("keep");

        DeleteResult result = backend.deleteAll(keys);

        assertThat(result.failures()).as("keys deleteAll reported as failed (key to failure)").isEmpty();
        assertThat(result.deleted()).hasSize(StorageLimits.MAX_BATCH_DELETE_KEYS);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("keep");
    }

    @Test
    void deleteAll_overTheLimitOfKeys_throwsInvalidRequestNamingLimitAndDeletesNothing() {
        List<String> keys = numberedKeys("batch/", StorageLimits.MAX_BATCH_DELETE_KEYS + 1);
        putKeys(keys.get(0), keys.get(500), keys.get(keys.size() - 1));
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> backend.deleteAll(keys))
                .isInstanceOf(InvalidRequestException.class)
                .isNotInstanceOf(InvalidKeyException.class)
                .hasMessageContaining(String.valueOf(StorageLimits.MAX_BATCH_DELETE_KEYS));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void deleteAll_invalidKeyInBatch_throwsInvalidKeyNamingItAndDeletesNothing() {
        putKeys("a", "b", "c");
        Map<String, String> before = snapshot();

        // The bad key comes last, so a backend that deletes while it checks is caught.
        // A key no store can hold (a lone surrogate); "a/../b" and the like may name objects a bucket holds.
        assertThatThrownBy(() -> backend.deleteAll(List.of("a", "b", "c", "bad\uD800key")))
                .isInstanceOfSatisfying(InvalidKeyException.class,
                        e -> assertThat(e.key()).contains("bad\uD800key"));

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void deleteAll_keysWithCharactersSpecialToUrlsAndXml_deletesThem() {
        // S3 sends the batch as an XML body: keys must survive escaping of &, <, >, quotes, '+', '%' and non-ASCII.
        List<String> keys = List.of("with space.txt", "plus+sign", "percent%20done", "amp&lt<gt>", "quote\"apos'",
                "\u00fcn\u00efc\u00f6d\u00e9/\u30d5\u30a1\u30a4\u30eb.png", "emoji-\uD83D\uDE00", "tilde~star*");
        putKeys(keys.toArray(String[]::new));
        putKeys("keep");

        DeleteResult result = backend.deleteAll(keys);

        assertThat(result.failures()).as("keys deleteAll reported as failed (key to failure)").isEmpty();
        assertThat(result.deleted()).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("keep");
    }

    @Test
    void deleteAll_everyKeyUnderPrefix_leavesNothingListedThere() {
        List<String> keys = numberedKeys("tmp/", 30);
        putKeys(keys.toArray(String[]::new));
        putKeys("tmpfile", "other/1");

        backend.deleteAll(backend.list("tmp/").map(ObjectInfo::key).toList());

        assertThat(backend.list("tmp/")).isEmpty();
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("other/1", "tmpfile");
    }

    private void putKeys(String... keys) {
        for (String key : keys) {
            write(key, randomBytes(16, key.hashCode()));
        }
    }

    /** {@code count} keys {@code prefix0000, prefix0001, ...}. */
    private static List<String> numberedKeys(String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        IntStream.range(0, count).forEach(i -> keys.add(String.format("%s%04d", prefix, i)));
        return keys;
    }
}
