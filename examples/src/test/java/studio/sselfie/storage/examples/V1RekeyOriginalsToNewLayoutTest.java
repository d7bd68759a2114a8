package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

class V1RekeyOriginalsToNewLayoutTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("v1-test");
    private final Migrator migrator = GalleryFixtures.migrator(backend, new V1__Rekey_originals_to_new_layout());
    private StoreSnapshot seed;

    @BeforeEach
    void seed() {
        GalleryFixtures.seedOldLayout(backend);
        seed = StoreSnapshot.of(backend);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void up_oldLayout_movesEverySelfieUnderOriginals() {
        migrator.migrate();

        assertThat(StoreSnapshot.of(backend).entries().keySet()).containsExactly(GalleryFixtures.AVATAR,
                GalleryFixtures.OLD_NOTES, "users/ana/originals/beach.jpg", "users/ana/originals/party.jpg",
                "users/ben/originals/hike.jpg", "users/chloe/originals/studio.jpg");
    }

    @Test
    void up_oldLayout_keepsBytesSizeContentTypeAndMetadataOfEverySelfie() {
        migrator.migrate();

        Map<String, StoreSnapshot.Entry> expected = new TreeMap<>();
        seed.entries().forEach((key, entry) -> expected.put(GalleryKeys.oldToNew(key), entry));
        assertThat(StoreSnapshot.of(backend).entries()).isEqualTo(expected);
    }

    @Test
    void up_notASelfie_staysWhereItWas() {
        migrator.migrate();

        assertThat(backend.getString(GalleryFixtures.OLD_NOTES)).isEqualTo("notes");
    }

    @Test
    void upThenDown_oldLayout_givesBackTheSeedByteForByte() {
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(StoreSnapshot.of(backend)).isEqualTo(seed);
    }

    @Test
    void down_originalUploadedAfterUp_movesItToTheOldLayoutToo() {
        migrator.migrate();
        backend.put("users/dan/originals/new.jpg", SelfieDrawing.jpeg(40, 40, 1));

        migrator.undo(MigrationVersion.ZERO);

        assertThat(backend.exists("selfies/dan/new.jpg")).isTrue();
        assertThat(backend.exists("users/dan/originals/new.jpg")).isFalse();
    }
}
