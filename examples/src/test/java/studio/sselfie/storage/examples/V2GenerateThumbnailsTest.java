package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

class V2GenerateThumbnailsTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("v2-test");
    private final Migrator migrator = GalleryFixtures.migrator(backend, new V2__Generate_thumbnails());
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
    void up_newLayout_writesOneThumbnailPerOriginal() {
        migrator.migrate();

        assertThat(backend.list("users/").map(ObjectInfo::key).filter(GalleryKeys::isThumbnail))
                .containsExactly("users/ana/thumbnails/beach.jpg", "users/ana/thumbnails/party.jpg",
                        "users/ben/thumbnails/hike.jpg", "users/chloe/thumbnails/studio.jpg");
    }

    @Test
    void up_everyThumbnail_decodesAt160PixelsWideKeepingTheAspectRatio() throws IOException {
        migrator.migrate();

        for (SelfieGalleryApp.Selfie selfie : GalleryFixtures.SELFIES) {
            BufferedImage thumbnail = decode(GalleryKeys.thumbnailOf(selfie.key()));
            assertThat(thumbnail.getWidth()).as(selfie.key()).isEqualTo(160);
            // Rounding the height to whole pixels moves the ratio by at most half a pixel's worth.
            assertThat((double) thumbnail.getHeight() / thumbnail.getWidth()).as(selfie.key())
                    .isCloseTo((double) selfie.height() / selfie.width(), within(0.5 / 160));
        }
    }

    @Test
    void up_thumbnail_carriesContentTypeSourceWidthAndHeight() {
        migrator.migrate();

        ObjectInfo info = backend.head("users/ben/thumbnails/hike.jpg").orElseThrow();
        assertThat(info.contentType()).contains("image/jpeg");
        assertThat(info.metadata()).containsOnly(
                java.util.Map.entry("source", "users/ben/originals/hike.jpg"),
                java.util.Map.entry("width", "160"),
                java.util.Map.entry("height", "284"));
    }

    @Test
    void up_newLayout_leavesEveryOtherObjectUnchanged() {
        migrator.migrate();

        StoreSnapshot after = StoreSnapshot.of(backend);
        seed.entries().forEach((key, entry) -> assertThat(after.entries()).containsEntry(key, entry));
    }

    @Test
    void upThenDown_newLayout_givesBackTheSeedByteForByte() {
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(StoreSnapshot.of(backend)).isEqualTo(seed);
    }

    private BufferedImage decode(String key) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(backend.getBytes(key)));
    }
}
