package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.internal.Journal;

/**
 * A runner dies at its N-th write (nothing it does afterwards reaches the store, its lease just stays); a fresh runner
 * takes over once the lease expired and resumes. Whatever N, the store must end byte-identical to a clean run.
 */
class ResumeCrashTest {
    private static final Duration LEASE = Duration.ofSeconds(10);

    private final MutableClock clock = MutableClock.atEpochDay();

    private static void seed(StorageBackend store) {
        Stores.seed(store, "photos/", 6);
        store.put("photos/moved/003.txt", "an older object the move overwrites".getBytes(StandardCharsets.UTF_8),
                PutOptions.builder().contentType("text/plain").metadata("old", "yes").build());
        store.put("other/keep.txt", "untouched");
    }

    /** Two moves whose targets lie under their own prefix: a resume that listed again would move them twice. */
    private static List<Migration> moves() {
        return List.of(
                TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> key.startsWith("photos/moved/") ? key : "photos/moved/" + key.substring(7))),
                TestMigration.of("2", ctx -> ctx.moveKeys("photos/moved/", key -> "photos/moved/x" + key.substring(13))));
    }

    private static List<Migration> transforms(StorageBackend remote) {
        return List.of(
                TestMigration.of("1", ctx -> ctx.transform("photos/", info -> info.key().endsWith(".txt"), (original, body) ->
                        Optional.of(new DerivedObject("sizes/" + original.key(), Long.toString(body.readAllBytes().length)
                                .getBytes(StandardCharsets.UTF_8), "text/plain", Map.of("of", original.key()))))),
                TestMigration.of("2", ctx -> ctx.updateMetadata("photos/", info -> {
                    Map<String, String> metadata = new HashMap<>(info.metadata());
                    metadata.put("generation", Integer.toString(metadata.size()));
                    return metadata;
                })),
                TestMigration.of("3", ctx -> ctx.copyFrom(remote, "remote/", key -> "imported/" + key)),
                // In place and not idempotent: a unit redone from the changed object instead of the original would show.
                TestMigration.of("4", ctx -> ctx.transform("other/", info -> true, (original, body) -> Optional.of(new DerivedObject(
                        original.key(), (new String(body.readAllBytes(), StandardCharsets.UTF_8) + "!").getBytes(StandardCharsets.UTF_8),
                        "text/plain", Map.of())))));
    }

    static Stream<Integer> everyThirdWrite() {
        return IntStream.iterate(1, n -> n <= 100, n -> n + 3).boxed();
    }

    static Stream<Integer> everyFourthWrite() {
        return IntStream.iterate(1, n -> n <= 110, n -> n + 4).boxed();
    }

    static Stream<Integer> everyFifthWrite() {
        return IntStream.iterate(1, n -> n <= 100, n -> n + 5).boxed();
    }

    static Stream<Integer> everySecondWrite() {
        return IntStream.iterate(1, n -> n <= 80, n -> n + 2).boxed();
    }

    private Migrator migrator(StorageBackend store, List<Migration> migrations, int concurrency) {
        return migrator(store, migrations, concurrency, Journal.DEFAULT_BATCH_SIZE);
    }

    private Migrator migrator(StorageBackend store, List<Migration> migrations, int concurrency, int checkpointBatch) {
        return Migrator.builder().backend(store).migrations(migrations).clock(clock).lockLease(LEASE)
                .concurrency(concurrency).checkpointBatch(checkpointBatch).build();
    }

    private void crashThenResume(InMemoryStorageBackend store, List<Migration> migrations, int crashAt, int concurrency) {
        crashThenResume(store, migrations, crashAt, concurrency, Journal.DEFAULT_BATCH_SIZE);
    }

    private void crashThenResume(InMemoryStorageBackend store, List<Migration> migrations, int crashAt, int concurrency,
                                 int checkpointBatch) {
        CrashingBackend crashing = new CrashingBackend(store, crashAt);
        Throwable crash = catchThrowable(() -> migrator(crashing, migrations, concurrency, checkpointBatch).migrate());
        if (crash != null) {
            assertThat(crashing.crashed()).as("a run fails only by the simulated crash: " + crash).isTrue();
        }
        clock.advance(LEASE.plusSeconds(1));

        migrator(store, migrations, concurrency, checkpointBatch).migrate();
    }

    private static void assertCleanEnd(InMemoryStorageBackend store, Map<String, String> reference, List<Migration> migrations) {
        assertThat(Stores.snapshot(store)).isEqualTo(reference);
        assertThat(Migrator.builder().backend(store).migrations(migrations).build().info())
                .extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
        assertThat(Stores.reserved(store).keySet()).noneMatch(key -> key.startsWith("_migrations/journal/") || key.equals("_migrations/lock"));
    }

    @Test
    void resume_crashPoints_spanEveryWriteOfTheCleanRuns() {
        InMemoryStorageBackend remote = InMemoryStorageBackend.create();
        Stores.seed(remote, "remote/", 5);
        InMemoryStorageBackend moved = InMemoryStorageBackend.create();
        seed(moved);
        InMemoryStorageBackend transformed = InMemoryStorageBackend.create();
        seed(transformed);
        CrashingBackend moves = new CrashingBackend(moved, 0);
        CrashingBackend undo = new CrashingBackend(moved, 0);
        CrashingBackend transforms = new CrashingBackend(transformed, 0);
        InMemoryStorageBackend batched = InMemoryStorageBackend.create();
        seed(batched);
        CrashingBackend smallBatches = new CrashingBackend(batched, 0);

        migrator(moves, moves(), 1).migrate();
        migrator(undo, moves(), 1).undo(MigrationVersion.ZERO);
        migrator(transforms, transforms(remote), 4).migrate();
        migrator(smallBatches, moves(), 4, 2).migrate();

        assertThat(moves.writes()).isBetween(40, everyThirdWrite().mapToInt(n -> n).max().orElseThrow());
        assertThat(undo.writes()).isBetween(40, everyFifthWrite().mapToInt(n -> n).max().orElseThrow());
        assertThat(transforms.writes()).isBetween(40, everyFourthWrite().mapToInt(n -> n).max().orElseThrow());
        assertThat(smallBatches.writes()).isBetween(40, everySecondWrite().mapToInt(n -> n).max().orElseThrow());
    }

    @ParameterizedTest(name = "crash at write {0}")
    @MethodSource("everyThirdWrite")
    void resume_moveKeysCrashedAtNthWrite_endsByteIdenticalToACleanRun(int crashAt) {
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        seed(clean);
        migrator(clean, moves(), 1).migrate();
        Map<String, String> reference = Stores.snapshot(clean);
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        seed(store);

        crashThenResume(store, moves(), crashAt, 1);

        assertCleanEnd(store, reference, moves());
    }

    /** Batches of two units on four threads: crashes fall between units, between batches and between a batch's units. */
    @ParameterizedTest(name = "crash at write {0}")
    @MethodSource("everySecondWrite")
    void resume_moveKeysInBatchesOfTwoCrashedAtNthWriteOnFourThreads_endsByteIdenticalToACleanRun(int crashAt) {
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        seed(clean);
        migrator(clean, moves(), 4, 2).migrate();
        Map<String, String> reference = Stores.snapshot(clean);
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        seed(store);

        crashThenResume(store, moves(), crashAt, 4, 2);

        assertCleanEnd(store, reference, moves());
    }

    @ParameterizedTest(name = "crash at write {0}")
    @MethodSource("everyFourthWrite")
    void resume_transformsMetadataAndCopyCrashedAtNthWriteOnFourThreads_endByteIdenticalToACleanRun(int crashAt) {
        InMemoryStorageBackend remote = InMemoryStorageBackend.create();
        Stores.seed(remote, "remote/", 5);
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        seed(clean);
        migrator(clean, transforms(remote), 4).migrate();
        Map<String, String> reference = Stores.snapshot(clean);
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        seed(store);

        crashThenResume(store, transforms(remote), crashAt, 4);

        assertCleanEnd(store, reference, transforms(remote));
    }

    @ParameterizedTest(name = "crash at write {0}")
    @MethodSource("everyFifthWrite")
    void resume_undoCrashedAtNthWrite_endsByteIdenticalToTheSeed(int crashAt) {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        seed(store);
        Map<String, String> seeded = Stores.snapshot(store);
        migrator(store, moves(), 1).migrate();
        CrashingBackend crashing = new CrashingBackend(store, crashAt);
        catchThrowable(() -> migrator(crashing, moves(), 1).undo(MigrationVersion.ZERO));
        clock.advance(LEASE.plusSeconds(1));

        migrator(store, moves(), 1).undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store)).isEqualTo(seeded);
        assertThat(migrator(store, moves(), 1).info()).extracting(MigrationInfo::state).containsOnly(MigrationState.UNDONE);
    }
}
