package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * A moved source's backup is its target until the step writes that target again: then the bytes are copied away
 * first. Rollback, undo and a crash at any write end byte-identical whatever the step does to the target afterwards.
 */
class MoveBackupTest {
    private static final Duration LEASE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atEpochDay();

    private static TestMigration moveThen(java.util.function.Consumer<MigrationContext> after) {
        return TestMigration.of("1", ctx -> {
            ctx.moveKeys("photos/", key -> "moved/" + key.substring("photos/".length()));
            after.accept(ctx);
        });
    }

    /** Moves, then overwrites one target, deletes another and copies a third over a fourth: later writes of each kind. */
    private static TestMigration moveThenRewriteTargets() {
        return moveThen(ctx -> {
            ctx.store().put("moved/000.txt", "overwritten by the same step");
            ctx.store().delete("moved/001.txt");
            ctx.store().copy("moved/002.txt", "moved/003.txt");
        });
    }

    private Migrator migrator(studio.sselfie.storage.StorageBackend store, Migration migration) {
        return Migrator.builder().backend(store).migrations(migration).clock(clock).lockLease(LEASE).concurrency(1).build();
    }

    @Test
    void rollback_targetsWrittenAgainInTheStep_restoresTheSourcesByteIdentical() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 4);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration failing = moveThen(ctx -> {
            ctx.store().put("moved/000.txt", "overwritten by the same step");
            ctx.store().delete("moved/001.txt");
            throw new IllegalStateException("the step fails after writing its targets again");
        });

        assertThatThrownBy(() -> migrator(store, failing).migrate()).isInstanceOf(MigrationFailedException.class);

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void undo_targetsWrittenAgainInTheStep_isByteIdentical() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 4);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration step = moveThenRewriteTargets();
        migrator(store, step).migrate();
        assertThat(store.getString("moved/000.txt")).isEqualTo("overwritten by the same step");

        migrator(store, step).undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    static Stream<Integer> everyWrite() {
        return IntStream.rangeClosed(1, 45).boxed();
    }

    @ParameterizedTest
    @MethodSource("everyWrite")
    void crash_atEveryWriteThenResumeAndUndo_endsAsACleanRunAndThenByteIdentical(int crashAt) {
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        Stores.seed(clean, "photos/", 4);
        Map<String, String> seed = Stores.snapshot(clean);
        migrator(clean, moveThenRewriteTargets()).migrate();
        Map<String, String> reference = Stores.snapshot(clean);
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 4);
        CrashingBackend crashing = new CrashingBackend(store, crashAt);
        Throwable crash = catchThrowable(() -> migrator(crashing, moveThenRewriteTargets()).migrate());
        if (crash != null) {
            assertThat(crashing.crashed()).as("a run fails only by the simulated crash: " + crash).isTrue();
        }
        clock.advance(LEASE.plusSeconds(1));

        migrator(store, moveThenRewriteTargets()).migrate();
        assertThat(Stores.snapshot(store)).isEqualTo(reference);
        migrator(store, moveThenRewriteTargets()).undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
        assertThat(store.list("moved/").count()).isZero();
    }
}
