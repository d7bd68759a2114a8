package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class UndoTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final List<String> downs = new CopyOnWriteArrayList<>();
    private Map<String, String> seed;

    @BeforeEach
    void seed() {
        Stores.seed(store, "photos/", 4);
        store.put("keep/a.txt", "original a".getBytes(), PutOptions.builder().contentType("text/plain").metadata("v", "1").build());
        store.put("keep/b.txt", "original b");
        seed = Stores.snapshot(store);
    }

    private TestMigration recorded(TestMigration migration) {
        String version = migration.version().toString();
        return migration.withDown(ctx -> {
            if (!ctx.isDryRun()) {
                downs.add(version);
            }
            ctx.restoreRollbackPoint();
        });
    }

    private List<Migration> threeSteps() {
        return List.of(
                recorded(TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)))),
                recorded(TestMigration.of("2", ctx -> ctx.transform("originals/", info -> true, (original, body) ->
                        Optional.of(new DerivedObject("sizes/" + original.key().substring(10),
                                Long.toString(body.readAllBytes().length).getBytes(StandardCharsets.UTF_8), "text/plain", Map.of()))))),
                recorded(TestMigration.of("3", ctx -> ctx.updateMetadata("originals/", info -> {
                    Map<String, String> metadata = new HashMap<>(info.metadata());
                    metadata.put("layout", "v3");
                    return metadata;
                }))));
    }

    private Migrator migrator(List<Migration> migrations) {
        return Migrator.builder().backend(store).migrations(migrations).build();
    }

    @Test
    void undo_toZero_revertsNewestFirstAndTheStoreIsByteIdenticalToBefore() {
        migrator(threeSteps()).migrate();
        assertThat(Stores.snapshot(store)).isNotEqualTo(seed);

        migrator(threeSteps()).undo(MigrationVersion.ZERO);

        assertThat(downs).containsExactly("3", "2", "1");
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
        assertThat(migrator(threeSteps()).info()).extracting(MigrationInfo::state).containsOnly(MigrationState.UNDONE);
    }

    @Test
    void undo_defaultDown_restoresOverwrittenDeletedAndCreatedKeys() {
        TestMigration custom = TestMigration.of("1", ctx -> {
            ctx.store().put("keep/a.txt", "first overwrite".getBytes(), PutOptions.builder().metadata("v", "2").build());
            ctx.store().put("keep/a.txt", "second overwrite");
            ctx.store().delete("keep/b.txt");
            ctx.store().put("new/c.txt", "created");
        });
        Migrator migrator = Migrator.builder().backend(store).migrations(custom).build();
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
        assertThat(store.head("keep/a.txt").orElseThrow().metadata()).containsEntry("v", "1");
        assertThat(store.exists("new/c.txt")).isFalse();
    }

    @Test
    void undo_toTarget_revertsOnlyNewerVersions() {
        migrator(threeSteps()).migrate();

        migrator(threeSteps()).undo(MigrationVersion.parse("1"));

        assertThat(downs).containsExactly("3", "2");
        assertThat(migrator(threeSteps()).info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.SUCCESS, MigrationState.UNDONE, MigrationState.UNDONE);
        assertThat(store.list("sizes/").count()).isZero();
        assertThat(store.list("originals/").count()).isEqualTo(4);
    }

    @Test
    void undo_thenMigrateAgain_endsLikeTheFirstMigrate() {
        migrator(threeSteps()).migrate();
        Map<String, String> migrated = Stores.snapshot(store);
        migrator(threeSteps()).undo(MigrationVersion.ZERO);

        migrator(threeSteps()).migrate();
        assertThat(Stores.snapshot(store)).isEqualTo(migrated);
        migrator(threeSteps()).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void undo_afterPruneBackups_failsSayingThereIsNoRollbackPoint() {
        List<Migration> steps = threeSteps().subList(0, 1);
        migrator(steps).migrate();
        Map<String, String> migrated = Stores.snapshot(store);

        assertThat(migrator(steps).pruneBackups(MigrationVersion.parse("1"))).isPositive();
        assertThatThrownBy(() -> migrator(steps).undo(MigrationVersion.ZERO)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("no rollback point");
        assertThat(Stores.snapshot(store)).isEqualTo(migrated);
    }

    @Test
    void undo_unknownTarget_isRejectedBeforeAnyWrite() {
        migrator(threeSteps()).migrate();
        Map<String, String> all = Stores.snapshotAll(store);

        assertThatThrownBy(() -> migrator(threeSteps()).undo(MigrationVersion.parse("9")))
                .isInstanceOf(MigrationValidationException.class).hasMessageContaining("9");
        assertThat(Stores.snapshotAll(store)).isEqualTo(all);
    }

    @Test
    void undo_success_keepsNoBackupsOfTheUndoneVersions() {
        migrator(threeSteps()).migrate();
        assertThat(Stores.reserved(store).keySet()).anyMatch(key -> key.startsWith("_migrations/backup/1/"));

        migrator(threeSteps()).undo(MigrationVersion.ZERO);

        assertThat(Stores.reserved(store).keySet()).allMatch(key -> key.startsWith("_migrations/history/"));
    }
}
