package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * A migration over a bucket seeded as a real one is, with keys the SDK's portable writes refuse (console folder
 * markers, empty segments): it reads, moves and deletes them, and undo puts them back byte-identical. Writing them
 * back takes a backend whose writes accept them ({@link KeyPolicy#STORE}); under the portable default the undo fails
 * at the first such key and is rolled back, losing nothing.
 */
class ExistingKeysMigrationTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.builder().writeKeys(KeyPolicy.STORE).build();

    @Test
    void moveKeys_folderMarkersAndOddKeysSeededByAnotherTool_movedAndUndoneByteIdentical() {
        store.put("photos/", new byte[0]);
        store.put("photos//dup.jpg", "double slash");
        store.put("photos/2024/", new byte[0]);
        store.put("photos/2024/a.jpg", "a");
        Map<String, String> seeded = Stores.snapshot(store);
        Migrator migrator = Migrator.builder().backend(store).migrations(List.of(TestMigration.of("1",
                ctx -> ctx.moveKeys("photos/", key -> "archive/" + portable(key.substring("photos/".length())))))).build();

        migrator.migrate();

        assertThat(store.list("").map(ObjectInfo::key).filter(key -> !key.startsWith("_migrations/")))
                .containsExactly("archive/2024/a.jpg", "archive/2024/marker", "archive/dup.jpg", "archive/marker");
        migrator.undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).as("undo restores every odd key byte for byte").isEqualTo(seeded);
    }

    /** The portable key an odd one maps to: a folder marker becomes '.../marker', an empty segment goes. */
    private static String portable(String rest) {
        String collapsed = rest.replaceAll("/+", "/").replaceAll("^/", "");
        return collapsed.isEmpty() || collapsed.endsWith("/") ? collapsed + "marker" : collapsed;
    }
}
