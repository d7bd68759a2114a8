package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class LockTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final MutableClock clock = MutableClock.atEpochDay();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Migrator migrator(String owner, Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).owner(owner).clock(clock).lockLease(LEASE).build();
    }

    private void writeLease(String owner, Instant expiresAt) {
        store.put("_migrations/lock", "{\"owner\":\"" + owner + "\",\"token\":\"t\",\"acquiredAt\":\"" + clock.instant()
                + "\",\"expiresAt\":\"" + expiresAt + "\"}");
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
    void lock_heldByARunningMigrator_secondRunnerFailsAtOnceNamingTheOwner() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestMigration blocking = TestMigration.of("1", ctx -> {
            entered.countDown();
            await(release);
            ctx.store().put("a", "1");
        });
        Future<List<MigrationInfo>> first = threads.submit(() -> migrator("runner-a", blocking).migrate());
        await(entered);
        try {
            assertThatThrownBy(() -> migrator("runner-b", blocking).migrate())
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("runner-a");
        } finally {
            release.countDown();
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
        assertThat(blocking.ups).hasValue(1);
    }

    @Test
    void lock_expiredLeaseOfADeadRunner_isTakenOver() {
        writeLease("dead-runner", clock.instant().minusSeconds(1));
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("a", "1"));

        migrator("runner-a", one).migrate();

        assertThat(one.ups).hasValue(1);
        assertThat(store.exists("_migrations/lock")).isFalse();
    }

    @Test
    void lock_unexpiredLeaseOfAnotherRunner_isNotTakenOver() {
        writeLease("busy-runner", clock.instant().plusSeconds(5));
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("a", "1"));

        assertThatThrownBy(() -> migrator("runner-a", one).migrate()).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("busy-runner");
        assertThat(one.ups).hasValue(0);
        assertThat(store.getString("_migrations/lock")).contains("busy-runner");
    }

    @Test
    void lock_leaseTakenOverMidStep_runnerStopsWithLockLostBeforeItsNextWrite() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.store().put("a", "1");
            if (!ctx.isDryRun()) {
                entered.countDown();
                await(proceed);
            }
            ctx.store().put("b", "2");
        });
        Future<List<MigrationInfo>> run = threads.submit(() -> migrator("runner-a", step).migrate());
        await(entered);
        clock.advance(LEASE.plusSeconds(1));
        writeLease("runner-b", clock.instant().plus(LEASE));
        proceed.countDown();

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(LockLostException.class)
                .cause().hasMessageContaining("runner-a");
        assertThat(store.exists("b")).isFalse();
        assertThat(store.exists("a")).isTrue();
        assertThat(store.getString("_migrations/lock")).contains("runner-b");
        assertThat(migrator("observer", step).info().get(0).state()).isEqualTo(MigrationState.RUNNING);
    }

    @Test
    void resume_afterLostLease_nextRunnerFinishesTheStep() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.store().put("a", "1");
            if (!ctx.isDryRun()) {
                entered.countDown();
                await(proceed);
            }
            ctx.store().put("b", "2");
        });
        Future<List<MigrationInfo>> run = threads.submit(() -> migrator("runner-a", step).migrate());
        await(entered);
        clock.advance(LEASE.plusSeconds(1));
        proceed.countDown();
        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).hasCauseInstanceOf(LockLostException.class);

        List<MigrationInfo> resumed = migrator("runner-c", step).migrate();

        assertThat(resumed).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.getString("b")).isEqualTo("2");
        assertThat(step.ups).hasValue(2);
    }

    @RepeatedTest(3)
    void lock_twoMigratorsRacing_applyEachVersionExactlyOnce() throws Exception {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("one", "1"));
        TestMigration two = TestMigration.of("2", ctx -> ctx.moveKeys("", key -> key.equals("one") ? "moved/one" : key));
        TestMigration three = TestMigration.of("3", ctx -> ctx.store().put("three", "3"));
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<MigrationInfo>>> runs = List.of("runner-a", "runner-b").stream().map(owner -> {
            Migrator migrator = Migrator.builder().backend(store).migrations(one, two, three).owner(owner)
                    .lockWait(Duration.ofSeconds(30)).build();
            return threads.submit(() -> {
                await(start);
                return migrator.migrate();
            });
        }).toList();

        start.countDown();

        assertThat(runs.get(0).get(30, TimeUnit.SECONDS).size() + runs.get(1).get(30, TimeUnit.SECONDS).size()).isEqualTo(3);
        assertThat(List.of(one.ups.get(), two.ups.get(), three.ups.get())).containsOnly(1);
        assertThat(Stores.snapshot(store)).containsOnlyKeys("moved/one", "three");
    }

    @Test
    void lock_afterMigrateOrFailure_isReleased() {
        migrator("runner-a", TestMigration.of("1", ctx -> ctx.store().put("a", "1"))).migrate();
        assertThat(store.exists("_migrations/lock")).isFalse();

        assertThatThrownBy(() -> migrator("runner-a", TestMigration.of("1", ctx -> { }),
                TestMigration.of("2", ctx -> {
                    throw new IllegalStateException("boom");
                })).migrate()).isInstanceOf(MigrationFailedException.class);
        assertThat(store.exists("_migrations/lock")).isFalse();
    }

    @Test
    void repair_expiredLockOfADeadRunner_isReleased() {
        writeLease("dead-runner", clock.instant().minusSeconds(1));

        migrator("runner-a").repair();

        assertThat(store.exists("_migrations/lock")).isFalse();
    }
}
