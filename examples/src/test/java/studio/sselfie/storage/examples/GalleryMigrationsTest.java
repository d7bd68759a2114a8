package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

/** The three gallery migrations together, as an app runs them. */
class GalleryMigrationsTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("gallery-migrations-test");
    private final Migrator migrator = Migrator.builder().backend(backend).migrations(MigrateGalleryApp.migrations()).build();
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
    void migrate_oldLayout_appliesTheThreeVersionsInOrder() {
        assertThat(migrator.migrate()).extracting(info -> info.version().toString()).containsExactly("1", "2", "3");
    }

    @Test
    void migrate_oldLayout_infoShowsEveryVersionSucceeded() {
        migrator.migrate();

        assertThat(migrator.info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.SUCCESS, MigrationState.SUCCESS, MigrationState.SUCCESS);
    }

    @Test
    void migrate_oldLayout_endsWithThumbnailsAndMetadataInTheNewLayout() {
        migrator.migrate();

        ObjectInfo original = backend.head("users/ben/originals/hike.jpg").orElseThrow();
        assertThat(original.metadata()).containsEntry("width", "1080").containsEntry("height", "1920");
        assertThat(backend.head("users/ben/thumbnails/hike.jpg").orElseThrow().metadata())
                .containsEntry("source", "users/ben/originals/hike.jpg");
        assertThat(backend.list(GalleryKeys.OLD_PREFIX).map(ObjectInfo::key)).containsExactly(GalleryFixtures.OLD_NOTES);
    }

    @Test
    void migrate_twice_runsNoStepTheSecondTime() {
        migrator.migrate();

        assertThat(migrator.migrate()).isEmpty();
    }

    @Test
    void undoToZero_afterAllThree_givesBackTheSeedByteForByte() {
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(StoreSnapshot.of(backend)).isEqualTo(seed);
    }

    @Test
    void undoToZero_afterAllThree_marksEveryVersionUndone() {
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(migrator.info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.UNDONE, MigrationState.UNDONE, MigrationState.UNDONE);
    }

    @Test
    void undoToOne_afterAllThree_keepsTheNewLayoutWithoutThumbnails() {
        migrator.migrate();

        migrator.undo(MigrationVersion.parse("1"));

        assertThat(backend.list("users/").map(ObjectInfo::key)).containsExactly("users/ana/originals/beach.jpg",
                "users/ana/originals/party.jpg", "users/ben/originals/hike.jpg", "users/chloe/originals/studio.jpg");
        assertThat(backend.head("users/ana/originals/beach.jpg").orElseThrow().metadata()).doesNotContainKey("width");
    }
}
