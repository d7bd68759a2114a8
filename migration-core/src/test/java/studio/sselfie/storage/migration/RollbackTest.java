package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class RollbackTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private Map<String, String> seed;

    @BeforeEach
    void seed() {
        Stores.seed(store, "photos/", 5);
        store.put("keep/a.txt", "original a".getBytes(), PutOptions.builder().contentType("text/plain").metadata("v", "1").build());
        seed = Stores.snapshot(store);
    }

    private static TestMigration failingAfterChanges() {
        return TestMigration.of("1", ctx -> {
            ctx.moveKeys("photos/", key -> "archive/" + key.substring("photos/".length()));
            ctx.store().put("notes/new.txt", "created");
            ctx.store().put("keep/a.txt", "overwritten");
            throw new IllegalStateException("boom");
        });
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).concurrency(1).build();
    }

    @Test
    void rollback_failingStep_restoresTheStoreByteIdentical() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasRootCauseMessage("boom");

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void rollback_stepFailingInItsOwnCode_namesTheKeyItLastCompleted() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate())
                .hasMessageContaining("version 1 (step 1) failed after key 'keep/a.txt': java.lang.IllegalStateException: boom")
                .hasMessageContaining("repair()");
    }

    @Test
    void rollback_failingStep_recordsFailedWithKeyAndCauseClassAndMessage() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate()).isInstanceOf(MigrationFailedException.class);

        MigrationInfo info = migrator(failingAfterChanges()).info().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.FAILED);
        assertThat(info.error()).hasValue("after key 'keep/a.txt': java.lang.IllegalStateException: boom");
    }

    @Test
    void rollback_failingWriteThroughTheStore_namesTheKeyItFailedAt() {
        TestMigration failing = TestMigration.of("1", ctx -> {
            ctx.store().put("notes/new.txt", "created");
            ctx.store().copy("photos/missing.txt", "copies/missing.txt");
        });

        assertThatThrownBy(() -> migrator(failing).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("failed at key 'copies/missing.txt': ")
                .hasMessageContaining("photos/missing.txt");
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void rollback_stepFailingBeforeTouchingAKey_namesNoKey() {
        TestMigration failing = TestMigration.of("1", ctx -> {
            throw new IllegalStateException("early");
        });

        assertThatThrownBy(() -> migrator(failing).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageStartingWith("version 1 (step 1) failed: java.lang.IllegalStateException: early;")
                .hasMessageNotContaining("key");
    }

    @Test
    void rollback_afterRollback_noBackupOrJournalOfTheStepRemains() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate()).isInstanceOf(MigrationFailedException.class);

        assertThat(Stores.reserved(store).keySet()).containsExactly("_migrations/history/1.json");
    }

    @Test
    void rollback_failingUnitOfATransform_recordsThatUnitsKey() {
        TestMigration failing = TestMigration.of("1", ctx -> ctx.transform("photos/", info -> true, (original, body) -> {
            if (original.key().equals("photos/002.txt")) {
                throw new java.io.IOException("cannot decode");
            }
            return java.util.Optional.of(new DerivedObject(original.key() + ".copy", body.readAllBytes(), "text/plain", Map.of()));
        }));

        assertThatThrownBy(() -> migrator(failing).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("at key 'photos/002.txt'").hasMessageContaining("cannot decode");
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void rollback_whileFailed_migrateRefusesUntilRepair() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate()).isInstanceOf(MigrationFailedException.class);
        TestMigration fixed = TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"));

        assertThatThrownBy(() -> migrator(fixed).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("FAILED").hasMessageContaining("repair()");
        assertThat(fixed.ups).hasValue(0);
    }

    @Test
    void repair_failedVersion_becomesPendingAndMigratesAfterwards() {
        assertThatThrownBy(() -> migrator(failingAfterChanges()).migrate()).isInstanceOf(MigrationFailedException.class);
        TestMigration fixed = TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"));

        migrator(fixed).repair();
        assertThat(migrator(fixed).info().get(0).state()).isEqualTo(MigrationState.PENDING);
        migrator(fixed).migrate();

        assertThat(migrator(fixed).info().get(0).state()).isEqualTo(MigrationState.SUCCESS);
        assertThat(store.getString("notes/new.txt")).isEqualTo("created");
    }

    @Test
    void rollback_failingDownStep_isRolledBackAndRepairMarksTheVersionAppliedAgain() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"))
                .withDown(ctx -> {
                    ctx.store().delete("notes/new.txt");
                    ctx.store().put("keep/a.txt", "mangled by down");
                    throw new IllegalStateException("down broke");
                });
        migrator(one).migrate();
        Map<String, String> applied = Stores.snapshot(store);

        assertThatThrownBy(() -> migrator(one).undo(MigrationVersion.ZERO)).isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("down step").hasMessageContaining("down broke");
        assertThat(Stores.snapshot(store)).isEqualTo(applied);
        assertThat(migrator(one).info().get(0).state()).isEqualTo(MigrationState.FAILED);

        migrator(one).repair();
        assertThat(migrator(one).info().get(0).state()).isEqualTo(MigrationState.SUCCESS);
        migrator(TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"))).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }
}
