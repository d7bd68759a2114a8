package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** The tester, the crash decorator and snapshots themselves, on the in-memory backend. */
class MigrationTesterTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    @Test
    void failingAt_nthWrite_failsItAndEveryLaterWriteWithARetryableException() {
        FailingAtNthWriteBackend failing = FailingAtNthWriteBackend.failingAt(store, 2);
        failing.put("a.txt", "one");

        Throwable second = catchThrowable(() -> failing.put("b.txt", "two"));
        Throwable third = catchThrowable(() -> failing.delete("a.txt"));

        assertThat(second).isInstanceOf(StorageUnavailableException.class);
        assertThat(((StorageException) second).isRetryable()).isTrue();
        assertThat(third).isInstanceOf(StorageUnavailableException.class);
        assertThat(store.list("").map(info -> info.key())).containsExactly("a.txt");
        assertThat(failing.failed()).isTrue();
    }

    @Test
    void failingAt_afterTheCrash_readsStillPassThrough() {
        store.put("a.txt", "one");
        FailingAtNthWriteBackend failing = FailingAtNthWriteBackend.failingAt(store, 1);
        catchThrowable(() -> failing.put("b.txt", "two"));

        assertThat(failing.getString("a.txt")).isEqualTo("one");
    }

    @Test
    void counting_neverFailsAndCountsEveryWrite() {
        FailingAtNthWriteBackend counting = FailingAtNthWriteBackend.counting(store);
        counting.put("a.txt", "one");
        counting.copy("a.txt", "b.txt");
        counting.deleteAll(List.of("a.txt", "b.txt"));

        assertThat(counting.writes()).isEqualTo(3);
        assertThat(counting.failed()).isFalse();
    }

    @Test
    void failingAt_zero_isRejected() {
        assertThatThrownBy(() -> FailingAtNthWriteBackend.failingAt(store, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void snapshot_otherMetadata_isNotEqual() {
        store.put("a.txt", "same".getBytes(), PutOptions.builder().metadata("v", "1").build());
        StoreSnapshot first = StoreSnapshot.of(store, "");
        store.put("a.txt", "same".getBytes(), PutOptions.builder().metadata("v", "2").build());

        assertThat(StoreSnapshot.of(store, "")).isNotEqualTo(first);
    }

    @Test
    void snapshot_excludedPrefix_isLeftOut() {
        store.put("_migrations/lock", "x");
        store.put("photos/a.txt", "y");

        assertThat(StoreSnapshot.of(store, "_migrations/").keys()).containsExactly("photos/a.txt");
    }

    @Test
    void roundTrip_migrationWhoseDownDoesNotRevert_failsTheCheck() {
        ScriptedMigration leaky = ScriptedMigration.of("1", ctx -> ctx.store().put("extra.txt", "left behind"))
                .withDown(ctx -> { });
        MigrationTester tester = MigrationTester.builder().backend(store).migrations(leaky).seedImages("photos/", 2).build();

        assertThatThrownBy(() -> tester.roundTrip(migrated -> { })).isInstanceOf(AssertionError.class)
                .hasMessageContaining("extra.txt");
    }

    @Test
    void roundTrip_callersAssertions_runOnTheMigratedStore() {
        ScriptedMigration v1 = ScriptedMigration.of("1", ctx -> ctx.updateMetadata("photos/", info -> Map.of("k", "v")));
        MigrationTester tester = MigrationTester.builder().backend(store).migrations(v1).seedImages("photos/", 2).build();

        assertThatThrownBy(() -> tester.roundTrip(migrated -> assertThat(migrated.head("photos/img-000.png").orElseThrow()
                .metadata()).isEmpty())).isInstanceOf(AssertionError.class);
    }

    @Test
    void crashAtEveryWrite_stepThatCannotResume_isCaught() {
        // Two writes per unit and no checkpoints: a crash between them leaves work the rerun cannot redo.
        ScriptedMigration fragile = ScriptedMigration.of("1", ctx -> {
            for (int i = 0; i < 2; i++) {
                String key = String.format("photos/img-%03d.png", i);
                ctx.store().copy(key, "copies/" + i + ".png");
                ctx.store().delete(key);
            }
        });
        MigrationTester tester = MigrationTester.builder().backend(store).migrations(fragile).seedImages("photos/", 2).build();

        assertThat(catchThrowable(() -> tester.crashAtEveryWrite(100))).isNotNull();
    }

    @Test
    void builder_withoutMigrations_isRejected() {
        assertThatThrownBy(() -> MigrationTester.builder().backend(store).build()).isInstanceOf(IllegalStateException.class);
    }
}
