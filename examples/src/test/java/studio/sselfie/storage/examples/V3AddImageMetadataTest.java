package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

class V3AddImageMetadataTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("v3-test");
    private final Migrator migrator = GalleryFixtures.migrator(backend, new V3__Add_image_metadata());
    private StoreSnapshot seed;

    @BeforeEach
    void seed() {
        GalleryFixtures.seedNewLayout(backend);
        seed = StoreSnapshot.of(backend);
    }

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void up_everyOriginal_getsItsWidthHeightAndFormat() {
        migrator.migrate();

        for (SelfieGalleryApp.Selfie selfie : GalleryFixtures.SELFIES) {
            assertThat(backend.head(selfie.key()).orElseThrow().metadata()).as(selfie.key())
                    .containsEntry("width", Integer.toString(selfie.width()))
                    .containsEntry("height", Integer.toString(selfie.height()))
                    .containsEntry("format", "jpeg");
        }
    }

    @Test
    void up_original_keepsItsOtherMetadata() {
        migrator.migrate();

        assertThat(backend.head("users/ana/originals/party.jpg").orElseThrow().metadata())
                .isEqualTo(Map.of("user", "ana", "width", "640", "height", "480", "format", "jpeg"));
    }

    @Test
    void up_original_keepsItsBytesAndContentType() {
        migrator.migrate();

        StoreSnapshot.Entry before = seed.entries().get("users/ben/originals/hike.jpg");
        StoreSnapshot.Entry after = StoreSnapshot.of(backend).entries().get("users/ben/originals/hike.jpg");
        assertThat(after.sha256()).isEqualTo(before.sha256());
        assertThat(after.contentType()).isEqualTo(before.contentType());
    }

    @Test
    void up_objectsThatAreNoOriginals_areLeftUnchanged() {
        migrator.migrate();

        StoreSnapshot after = StoreSnapshot.of(backend);
        assertThat(after.entries().get(GalleryFixtures.NEW_PROFILE)).isEqualTo(seed.entries().get(GalleryFixtures.NEW_PROFILE));
        assertThat(after.entries().get(GalleryFixtures.AVATAR)).isEqualTo(seed.entries().get(GalleryFixtures.AVATAR));
    }

    @Test
    void upThenDown_newLayout_givesBackTheSeedByteForByte() {
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(StoreSnapshot.of(backend)).isEqualTo(seed);
    }
}
