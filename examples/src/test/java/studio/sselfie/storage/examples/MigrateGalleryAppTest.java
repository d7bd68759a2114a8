package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.MigrationPlan;

class MigrateGalleryAppTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("migrate-app-test");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @AfterEach
    void closeBackend() {
        backend.close();
        System.clearProperty(ExampleConfig.STORAGE_URI);
    }

    @Test
    void run_emptyStore_seedsTheOldLayoutAndRunsThreeSteps() {
        assertThat(MigrateGalleryApp.run(backend, out)).hasSize(3);
        assertThat(backend.exists("users/chloe/thumbnails/studio.jpg")).isTrue();
    }

    @Test
    void run_storeAlreadyMigrated_runsNoStep() {
        MigrateGalleryApp.run(backend, out);

        assertThat(MigrateGalleryApp.run(backend, out)).isEmpty();
    }

    @Test
    void run_storeWithData_doesNotSeed() {
        backend.put("selfies/zoe/only.jpg", SelfieDrawing.jpeg(50, 80, 1));

        MigrateGalleryApp.run(backend, out);

        assertThat(backend.exists("users/ana/originals/beach.jpg")).isFalse();
        assertThat(backend.exists("users/zoe/thumbnails/only.jpg")).isTrue();
    }

    @Test
    void run_emptyStore_printsTheStateBeforeAndAfter() {
        MigrateGalleryApp.run(backend, out);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .containsSubsequence("Before:", "1 PENDING Rekey originals to new layout", "After:",
                        "1 SUCCESS Rekey originals to new layout");
    }

    @Test
    void plan_emptyStore_listsTheMovesOfV1AndWritesNothingButTheSeed() {
        MigrationPlan plan = MigrateGalleryApp.plan(backend, out);

        assertThat(plan.steps()).extracting(step -> step.version().toString()).containsExactly("1", "2", "3");
        assertThat(plan.steps().get(0).operations()).hasSize(GallerySeed.OLD_SELFIES.size());
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactlyInAnyOrderElementsOf(GallerySeed.keys());
    }

    @Test
    void main_withAMemoryUri_returnsNormally() {
        System.setProperty(ExampleConfig.STORAGE_URI, "mem://migrate-main-test");

        assertThatCode(() -> MigrateGalleryApp.main(new String[0])).doesNotThrowAnyException();
    }
}
