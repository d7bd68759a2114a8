package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.StateKeys;

/** The journal writes the checkpoints of a transform in batches; what a crash or a lost lease leaves, and what not. */
class CheckpointBatchTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String DONE = "_migrations/journal/1/up/done/";

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final MutableClock clock = MutableClock.atEpochDay();
    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Migrator.Builder migrator(StorageBackend backend, Migration migration) {
        return Migrator.builder().backend(backend).migrations(migration).clock(clock).lockLease(LEASE).concurrency(1);
    }

    private Journal storedJournal() {
        return new Journal(store, new StateKeys(Stores.RESERVED), "1", HistoryRecord.UP, () -> {
        });
    }

    private static TestMigration moveAll() {
        return TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "moved/" + key));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void moveKeys_tenUnitsInBatchesOfFour_writesThreeJournalObjects() {
        Stores.seed(store, "photos/", 10);
        CrashingBackend counting = new CrashingBackend(store, 0);

        migrator(counting, moveAll()).checkpointBatch(4).build().migrate();

        assertThat(counting.putKeys()).filteredOn(key -> key.startsWith(DONE)).hasSize(3);
    }

    @Test
    void moveKeys_defaultBatch_writesOneJournalObjectPerCall() {
        Stores.seed(store, "photos/", 10);
        CrashingBackend counting = new CrashingBackend(store, 0);

        migrator(counting, moveAll()).build().migrate();

        assertThat(counting.putKeys()).filteredOn(key -> key.startsWith(DONE)).hasSize(1);
        assertThat(store.list("_migrations/journal/").count()).isZero();
    }

    @Test
    void checkpoint_customUnit_isInTheStoreBeforeItReturns() {
        AtomicInteger stored = new AtomicInteger(-1);
        TestMigration custom = TestMigration.of("1", ctx -> {
            ctx.checkpoint("unit-1");
            if (!ctx.isDryRun()) {
                Journal reread = storedJournal();
                reread.load();
                stored.set(reread.isDone("unit-1") ? 1 : 0);
            }
        });

        migrator(store, custom).build().migrate();

        assertThat(stored).hasValue(1);
    }

    @Test
    void resume_crashAfterATransformCall_redoesNoneOfItsUnits() {
        Stores.seed(store, "photos/", 5);
        CrashingBackend crashing = new CrashingBackend(store, 0);
        AtomicInteger derived = new AtomicInteger();
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.transform("photos/", info -> true, (info, body) -> {
                derived.incrementAndGet();
                return Optional.of(new DerivedObject("sizes/" + info.key(),
                        Long.toString(body.readAllBytes().length).getBytes(StandardCharsets.UTF_8), "text/plain", Map.of()));
            });
            if (!ctx.isDryRun()) {
                crashing.crashNow();
            }
            ctx.store().put("after", "1");
        });
        catchThrowable(() -> migrator(crashing, step).build().migrate());
        assertThat(crashing.crashed()).isTrue();
        clock.advance(LEASE.plusSeconds(1));
        derived.set(0);

        List<MigrationInfo> resumed = migrator(store, step).build().migrate();

        assertThat(resumed).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(derived).hasValue(0);
        assertThat(store.list("sizes/photos/").count()).isEqualTo(5);
        assertThat(store.getString("after")).isEqualTo("1");
    }

    @Test
    void resume_leaseLostWithUnflushedUnits_nextRunnerRedoesThemToTheEndOfACleanRun() throws Exception {
        InMemoryStorageBackend clean = InMemoryStorageBackend.create();
        Stores.seed(clean, "photos/", 10);
        migrator(clean, moveAll()).build().migrate();
        Stores.seed(store, "photos/", 10);
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        MigrationListener pauseAfterSix = new MigrationListener() {
            @Override
            public void progress(MigrationVersion version, Progress progress) {
                if (progress.objectsDone() == 6 && paused.getCount() > 0) {
                    paused.countDown();
                    await(proceed);
                }
            }
        };
        Future<List<MigrationInfo>> runner = threads.submit(() ->
                migrator(store, moveAll()).checkpointBatch(4).owner("runner-a").listener(pauseAfterSix).build().migrate());
        await(paused);
        clock.advance(LEASE.plusSeconds(1));
        proceed.countDown();
        assertThatThrownBy(() -> runner.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LockLostException.class);
        assertThat(storedJournal().load()).as("units durably done when the lease was lost").isEqualTo(4);

        List<MigrationInfo> resumed = migrator(store, moveAll()).checkpointBatch(4).owner("runner-b").build().migrate();

        assertThat(resumed).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(Stores.snapshot(store)).isEqualTo(Stores.snapshot(clean));
        assertThat(store.list("_migrations/journal/").count()).isZero();
    }
}
