package studio.sselfie.storage.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;

/**
 * Objects a real bucket holds under keys the SDK's portable writes refuse (console folder markers, {@code a//b}, a
 * leading {@code /}, long segments, control characters), created through the suite's
 * {@link StorageBackendConformanceSuite#storeKeyWriter(StorageBackend) store-key writer} as another tool would have:
 * the backend under test, with its default portable write rules, lists, reads, copies and deletes them, each under
 * exactly its own key. Skipped, naming the hook, when the suite has no writer.
 */
public abstract class ExistingKeyContract extends ConformanceContract {
    /** Keys S3 holds that a portable write refuses, each with its own bytes. */
    static final List<String> STORE_ONLY_KEYS = List.of(
            "photos/",
            "photos/2024/",
            "tab\tkey.jpg",
            "s".repeat(300) + "/long-segment.jpg");
    /** Store-only keys with an empty segment or a leading {@code /}, next to the keys a normaliser makes of them. */
    static final List<String> SLASH_KEYS = List.of("photos//b.jpg", "/leading.jpg");

    private StorageBackend writer;

    protected ExistingKeyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @BeforeEach
    final void openWriter() {
        Optional<StorageBackend> storeKeys = suite().storeKeyWriter(backend);
        Assumptions.assumeTrue(storeKeys.isPresent(), () -> backend.name() + ": the suite does not override"
                + " StorageBackendConformanceSuite.storeKeyWriter(StorageBackend): test skipped");
        writer = storeKeys.get();
    }

    @AfterEach
    final void closeWriter() {
        if (writer != null) {
            writer.close();
        }
    }

    /** Writes each store-only key (the folder marker empty, as the console makes it) and returns key to bytes. */
    private Map<String, byte[]> seed() {
        Map<String, byte[]> seeded = new LinkedHashMap<>();
        for (int i = 0; i < STORE_ONLY_KEYS.size(); i++) {
            String key = STORE_ONLY_KEYS.get(i);
            byte[] bytes = key.endsWith("/") ? new byte[0] : ("object " + i + " at " + key).getBytes(UTF_8);
            writer.put(key, bytes);
            seeded.put(key, bytes);
        }
        return seeded;
    }

    @Test
    void list_objectsWrittenUnderStoreOnlyKeys_listsEachUnderExactlyItsKey() {
        Map<String, byte[]> seeded = seed();

        List<String> listed = backend.list("").map(ObjectInfo::key).collect(Collectors.toList());

        assertThat(listed).as("every key a bucket holds is listed as it is, in UTF-8 byte order")
                .containsExactlyElementsOf(sortedUtf8(seeded.keySet()));
    }

    @Test
    void getAndHead_storeOnlyKeys_readEachObjectsOwnBytes() {
        Map<String, byte[]> seeded = seed();

        for (Map.Entry<String, byte[]> object : seeded.entrySet()) {
            if (object.getKey().endsWith("/")) {
                continue; // folder markers: see getHeadAndCopy_folderMarker_isAnEmptyObject
            }
            assertThat(read(object.getKey())).as("bytes read at '%s' (not at a normalised key)", object.getKey())
                    .isEqualTo(object.getValue());
            assertThat(backend.head(object.getKey())).as("head of '%s'", object.getKey()).get()
                    .extracting(ObjectInfo::size).isEqualTo((long) object.getValue().length);
        }
    }

    @Test
    void getHeadAndCopy_folderMarker_isAnEmptyObject() {
        writer.put("photos/", new byte[0]);
        write("photos/a.jpg", new byte[] {1});

        assertThat(read("photos/")).as("the console's folder marker is an empty object").isEmpty();
        assertThat(backend.head("photos/")).get().extracting(ObjectInfo::size).isEqualTo(0L);
        backend.copy("photos/", "markers/photos");
        assertThat(backend.head("markers/photos")).get().extracting(ObjectInfo::size).isEqualTo(0L);
    }

    @Test
    void copy_storeOnlySourceToPortableTarget_copiesThatObject() {
        Map<String, byte[]> seeded = seed();
        List<String> keys = new ArrayList<>(seeded.keySet());

        keys.removeIf(key -> key.endsWith("/")); // folder markers: see getHeadAndCopy_folderMarker_isAnEmptyObject
        for (int i = 0; i < keys.size(); i++) {
            backend.copy(keys.get(i), "copied/" + i);
        }

        for (int i = 0; i < keys.size(); i++) {
            assertThat(read("copied/" + i)).as("copy of '%s'", keys.get(i)).isEqualTo(seeded.get(keys.get(i)));
        }
    }

    @Test
    void deleteOneByOne_storeOnlyKeys_removesEachAndNothingElse() {
        Map<String, byte[]> seeded = seed();
        write("photos/a.jpg", new byte[] {1});

        seeded.keySet().forEach(backend::delete);

        assertThat(backend.list("").map(ObjectInfo::key)).as("the folder markers went, not what is under them")
                .containsExactly("photos/a.jpg");
    }

    @Test
    void readListDelete_emptySegmentAndLeadingSlashKeys_addressExactlyThoseObjects() {
        write("photos/b.jpg", "portable b".getBytes(UTF_8));
        write("leading.jpg", "portable leading".getBytes(UTF_8));
        for (String key : SLASH_KEYS) {
            writer.put(key, ("odd " + key).getBytes(UTF_8));
        }

        for (String key : SLASH_KEYS) {
            assertThat(read(key)).as("bytes at '%s'", key).isEqualTo(("odd " + key).getBytes(UTF_8));
        }
        assertThat(backend.list("").map(ObjectInfo::key))
                .containsExactlyElementsOf(sortedUtf8(List.of("photos/b.jpg", "leading.jpg", "photos//b.jpg", "/leading.jpg")));
        SLASH_KEYS.forEach(backend::delete);

        assertThat(backend.list("").map(ObjectInfo::key)).as("'photos//b.jpg' and '/leading.jpg' deleted themselves,"
                + " not the keys they resemble").containsExactly("leading.jpg", "photos/b.jpg");
    }

    @Test
    void deleteAll_storeOnlyKeys_deletesThemInOneBatch() {
        Map<String, byte[]> seeded = seed();

        DeleteResult result = backend.deleteAll(seeded.keySet());

        assertThat(result.failures()).as("keys the batch could not delete").isEmpty();
        assertThat(result.deleted()).containsExactlyInAnyOrderElementsOf(seeded.keySet());
        assertThat(backend.list("").findFirst()).isEmpty();
    }

    @Test
    void listWithDelimiter_folderMarkers_areObjectsBesideTheirCommonPrefixes() {
        assumeCapability(Capability.DELIMITER_LISTING);
        writer.put("photos/", new byte[0]);
        writer.put("photos/a.jpg", new byte[] {1});
        writer.put("photos/2024/", new byte[0]);

        ListPage page = backend.listPage(ListOptions.builder().prefix("photos/").delimiter("/").build());

        assertThat(page.objects().stream().map(ObjectInfo::key))
                .as("the folder marker is an object whose key is the prefix").containsExactly("photos/", "photos/a.jpg");
        assertThat(page.commonPrefixes()).as("'photos/2024/' rolls up as a common prefix").containsExactly("photos/2024/");
    }

    private static List<String> sortedUtf8(java.util.Collection<String> keys) {
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(UTF_8), b.getBytes(UTF_8)));
        return sorted;
    }
}
