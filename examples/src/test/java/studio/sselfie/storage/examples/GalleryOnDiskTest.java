package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

/** The apps, unchanged, on a {@code file://} URI: what they store is still there after the store is reopened. */
class GalleryOnDiskTest {
    @TempDir
    Path root;

    private final PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    @Test
    void selfieGalleryApp_onFileUri_leavesItsObjectsOnDisk() {
        try (StorageBackend backend = StorageBackends.open(root.toUri())) {
            SelfieGalleryApp.run(backend, out);
        }

        try (StorageBackend reopened = StorageBackends.open(root.toUri())) {
            assertThat(reopened.list("users/").map(ObjectInfo::key).toList())
                    .contains("users/ana/originals/1.jpg", "users/ana/thumbnails/1.jpg");
        }
    }

    @Test
    void migrateGalleryApp_onFileUri_appliesTheThreeVersions() {
        try (StorageBackend backend = StorageBackends.open(root.toUri())) {
            assertThat(MigrateGalleryApp.run(backend, out)).hasSize(3);
        }
    }
}
