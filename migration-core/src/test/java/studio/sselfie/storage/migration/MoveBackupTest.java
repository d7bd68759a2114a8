package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    /** Writes new keys, then moves them and the seeded ones: a move whose source the step itself created. */
    private static TestMigration createThenMove() {
        return TestMigration.of("1", ctx -> {
            if (!ctx.isDone("made")) { // the step's own writes, made once even when the step resumes
                ctx.store().put("photos/new-a.txt", "made by the step");
                ctx.store().put("photos/new-b.txt", "made by the step too");
                ctx.checkpoint("made");
            }
            ctx.moveKeys("photos/", key -> "moved/" + key.substring("photos/".length()));
        });
    }

    static Stream<Integer> everyWriteOfCreateThenMove() {
        return IntStream.rangeClosed(1, 30).boxed();
    }

    @ParameterizedTest
    @MethodSource("everyWriteOfCreateThenMove")
    void crash_atEveryWriteOfAMoveOfKeysTheStepCreated_resumesThenUndoesByteIdentical(int crashAt) {
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        Stores.seed(clean, "photos/", 3);
        migrator(clean, createThenMove()).migrate();
        Map<String, String> reference = Stores.snapshot(clean);
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 3);
        Map<String, String> seed = Stores.snapshot(store);
        CrashingBackend crashing = new CrashingBackend(store, crashAt);
        Throwable crash = catchThrowable(() -> migrator(crashing, createThenMove()).migrate());
        if (crash != null) {
            assertThat(crashing.crashed()).as("a run fails only by the simulated crash: " + crash).isTrue();
        }
        clock.advance(LEASE.plusSeconds(1));

        migrator(store, createThenMove()).migrate();
        assertThat(Stores.snapshot(store)).isEqualTo(reference);
        migrator(store, createThenMove()).undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void move_onAStoreWhoseCopiesAnswerAnotherEtag_comparesTheBytesAndRollsBackByteIdentical() {
        // As S3 answers a copy re-encrypted with SSE-KMS: the ETag proves nothing, so the move reads both objects.
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 4);
        Map<String, String> seed = Stores.snapshot(store);
        CopyEtagRewritingBackend rewriting = new CopyEtagRewritingBackend(store);
        migrator(rewriting, moveThen(ctx -> { })).migrate();
        assertThat(store.list("moved/").count()).isEqualTo(4);
        migrator(rewriting, moveThen(ctx -> { })).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).as("undone").isEqualTo(seed);

        InMemoryStorageBackend other = InMemoryStorageBackend.create();
        Stores.seed(other, "photos/", 4);
        CopyEtagRewritingBackend failing = new CopyEtagRewritingBackend(other);
        assertThatThrownBy(() -> migrator(failing, moveThen(ctx -> {
            throw new IllegalStateException("the step fails after its moves");
        })).migrate()).isInstanceOf(MigrationFailedException.class);

        assertThat(Stores.snapshot(other)).as("rolled back").isEqualTo(seed);
        assertThat(rewriting.copies() + failing.copies()).as("copies answered with another ETag").isGreaterThanOrEqualTo(16);
    }

    /** The in-memory store, but a copy answers an ETag that is not the MD5 of the bytes, as a re-encrypting store does. */
    private static final class CopyEtagRewritingBackend extends studio.sselfie.storage.AbstractStorageBackend {
        private final studio.sselfie.storage.StorageBackend store;
        private final java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();

        CopyEtagRewritingBackend(studio.sselfie.storage.StorageBackend store) {
            super("rewriting(" + store.name() + ")", store.capabilities());
            this.store = store;
        }

        int copies() {
            return copies.get();
        }

        @Override
        protected studio.sselfie.storage.ObjectInfo doPut(String key, java.io.InputStream body, long length,
                                                         studio.sselfie.storage.PutOptions options) {
            return store.put(key, body, length, options);
        }

        @Override
        protected studio.sselfie.storage.StorageObject doGet(String key, studio.sselfie.storage.GetOptions options) {
            return store.get(key, options);
        }

        @Override
        protected java.util.Optional<studio.sselfie.storage.ObjectInfo> doHead(String key) {
            return store.head(key);
        }

        @Override
        protected void doDelete(String key) {
            store.delete(key);
        }

        @Override
        protected studio.sselfie.storage.ListPage doListPage(studio.sselfie.storage.ListOptions options) {
            return store.listPage(options);
        }

        @Override
        protected studio.sselfie.storage.ObjectInfo doCopy(String sourceKey, String targetKey,
                                                          studio.sselfie.storage.CopyOptions options) {
            copies.incrementAndGet();
            return store.copy(sourceKey, targetKey, options).toBuilder().etag("\"0123456789abcdef0123456789abcdef\"").build();
        }

        @Override
        protected void doClose() {
            // The store belongs to the test.
        }
    }

    /** Two calls that form a chain, split as moveKeys asks: b/ to c/ first, then a/ to b/. */
    private static TestMigration chainInTwoCalls(boolean fail) {
        return TestMigration.of("1", ctx -> {
            ctx.moveKeys("b/", key -> "c/" + key.substring(2));
            ctx.moveKeys("a/", key -> "b/" + key.substring(2));
            if (fail) {
                throw new IllegalStateException("the step fails after its two calls");
            }
        });
    }

    @Test
    void rollbackAndUndo_ofAChainOfMovesSplitInTwoCalls_restoreEachKeyFromTheRightCall() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        for (int i = 0; i < 3; i++) {
            store.put("a/" + i + ".txt", "first a" + i);
            store.put("b/" + i + ".txt", "first b" + i);
        }
        Map<String, String> seed = Stores.snapshot(store);

        assertThatThrownBy(() -> migrator(store, chainInTwoCalls(true)).migrate()).isInstanceOf(MigrationFailedException.class);
        assertThat(Stores.snapshot(store)).as("rolled back").isEqualTo(seed);

        InMemoryStorageBackend other = InMemoryStorageBackend.create();
        for (int i = 0; i < 3; i++) {
            other.put("a/" + i + ".txt", "first a" + i);
            other.put("b/" + i + ".txt", "first b" + i);
        }
        migrator(other, chainInTwoCalls(false)).migrate();
        assertThat(other.getString("b/0.txt")).isEqualTo("first a0");
        assertThat(other.getString("c/0.txt")).isEqualTo("first b0");
        migrator(other, chainInTwoCalls(false)).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(other)).as("undone").isEqualTo(seed);
    }

    @Test
    void updateMetadata_ofTheTargetsOfAMoveInTheSameStep_changesThemAndUndoesByteIdentical() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 3);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration step = moveThen(ctx -> ctx.updateMetadata("moved/", info -> Map.of("moved", "yes")));

        migrator(store, step).migrate();

        assertThat(store.head("moved/000.txt").orElseThrow().metadata()).containsEntry("moved", "yes");
        migrator(store, step).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void transform_ofTheTargetsOfAMoveInTheSameStep_derivesFromThemAndUndoesByteIdentical() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        Stores.seed(store, "photos/", 3);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration step = moveThen(ctx -> ctx.transform("moved/", info -> true, (info, body) -> Optional.of(
                new DerivedObject("small/" + info.key().substring("moved/".length()), body.readAllBytes(), "text/plain", Map.of()))));

        migrator(store, step).migrate();

        assertThat(store.list("small/").count()).isEqualTo(3);
        assertThat(store.getString("small/000.txt")).isEqualTo(store.getString("moved/000.txt"));
        migrator(store, step).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }
}
