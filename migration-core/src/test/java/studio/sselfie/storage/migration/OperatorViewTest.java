package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.internal.ProcessIdentity;

/** What an operator sees after a crash: who holds the lock, what to do, the history of a resumed step, info(). */
class OperatorViewTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int OBJECTS = 12;

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final MutableClock clock = MutableClock.atEpochDay();
    private final ExecutorService threads = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private Migrator.Builder migrator(StorageBackend backend, Migration... migrations) {
        return Migrator.builder().backend(backend).migrations(migrations).clock(clock).lockLease(LEASE);
    }

    private Migrator.Builder migrator(Migration... migrations) {
        return migrator(store, migrations);
    }

    private static TestMigration move() {
        return TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length())));
    }

    private long seededBytes() {
        return store.list("photos/").mapToLong(info -> info.size()).sum();
    }

    private void writeLease(String owner, Instant expiresAt, String host, Long pid, String processStart, String scope) {
        StringBuilder json = new StringBuilder("{\"owner\":\"").append(owner).append("\",\"token\":\"t\",\"acquiredAt\":\"")
                .append(clock.instant()).append("\",\"renewedAt\":\"").append(clock.instant()).append("\",\"expiresAt\":\"")
                .append(expiresAt).append('"');
        if (host != null) {
            json.append(",\"host\":\"").append(host).append("\",\"pid\":").append(pid).append(",\"scope\":\"").append(scope)
                    .append('"');
            if (processStart != null) {
                json.append(",\"processStartedAt\":\"").append(processStart).append('"');
            }
        }
        store.put("_migrations/lock", json.append('}').toString());
    }

    /** A lease of a process of this host that has exited: what a kill -9 of a migrating process leaves. */
    private void writeLeaseOfADeadProcessOnThisHost(String owner) throws Exception {
        ProcessIdentity self = ProcessIdentity.current();
        assumeTrue(self.scope() != null, "this platform does not tell boot and pid namespace apart");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String start = process.toHandle().info().startInstant().map(Instant::toString).orElse(null);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the short-lived process ended").isTrue();
        writeLease(owner, clock.instant().plus(LEASE), self.host(), process.pid(), start, self.scope());
    }

    /**
     * Runs version 1 through a backend that dies at its {@code crashAt}-th write; the lock stays behind. On one thread,
     * so the write that dies is the same in every run: 6 writes before the first unit (lock, history, rollback point,
     * work list, intent records), then 2 a move and a journal batch after every 4.
     */
    private void crashAt(int crashAt, String owner) {
        CrashingBackend dying = new CrashingBackend(store, crashAt);
        assertThat(catchThrowable(() -> migrator(dying, move()).owner(owner).checkpointBatch(4).concurrency(1).build().migrate()))
                .as("the crash").isNotNull();
    }

    @Test
    void owner_default_namesUserHostPidAndProcessStartWithoutARandomSuffix() {
        Stores.seed(store, "photos/", 2);
        migrator(move()).build().migrate();

        ProcessIdentity self = ProcessIdentity.current();
        String expected = System.getProperty("user.name") + "@" + self.host() + " pid " + ProcessHandle.current().pid()
                + (self.startedAt() == null ? "" : " started " + self.startedAt());
        assertThat(migrator(move()).build().info().get(0).appliedBy()).hasValue(expected);
    }

    @Test
    void lockHeld_liveHolder_messageSaysWhoWhatHappensNextAndWhatToDo() {
        Instant expiry = clock.instant().plusSeconds(20);
        writeLease("busy-runner", expiry, null, null, null, null);

        Throwable failure = catchThrowable(() -> migrator(move()).build().migrate());

        assertThat(failure).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("held by busy-runner")
                .hasMessageContaining("lease expires at " + expiry + ", in 20 s")
                .hasMessageContaining("the next command after that takes the lock over and resumes its step")
                .hasMessageContaining("lockWait(")
                .hasMessageContaining("migrator.forceReleaseLock(\"busy-runner\")");
        assertThat(((LockHeldException) failure).holder()).hasValue("busy-runner");
        assertThat(((LockHeldException) failure).leaseExpiresAt()).hasValue(expiry);
    }

    @Test
    void lock_holderOnThisHostWhoseProcessIsGone_isTakenOverWithoutWaitingOutTheLease() throws Exception {
        Stores.seed(store, "photos/", 2);
        writeLeaseOfADeadProcessOnThisHost("killed-runner");

        List<MigrationInfo> ran = migrator(move()).build().migrate();

        assertThat(ran).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.exists("_migrations/lock")).isFalse();
    }

    @Test
    void lock_holderOnThisHostStillAlive_isNotTakenOver() {
        ProcessIdentity self = ProcessIdentity.current();
        assumeTrue(self.scope() != null, "this platform does not tell boot and pid namespace apart");
        ProcessHandle parent = ProcessHandle.current().parent().orElseThrow();
        writeLease("live-runner", clock.instant().plus(LEASE), self.host(), parent.pid(),
                parent.info().startInstant().map(Instant::toString).orElse(null), self.scope());

        assertThatThrownBy(() -> migrator(move()).build().migrate()).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("live-runner");
    }

    @Test
    void repair_rightAfterACrashOnThisHost_takesTheDeadHoldersLockAtOnce() throws Exception {
        Stores.seed(store, "photos/", OBJECTS);
        crashAt(10, "killed-runner");
        writeLeaseOfADeadProcessOnThisHost("killed-runner");

        migrator(move()).build().repair();

        assertThat(store.exists("_migrations/lock")).isFalse();
        assertThat(migrator(move()).build().migrate()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
    }

    @Test
    void forceReleaseLock_namedHolder_releasesItAndTheNextMigrateResumesAtOnce() {
        Stores.seed(store, "photos/", OBJECTS);
        crashAt(10, "dead-runner");

        boolean released = migrator(move()).build().forceReleaseLock("dead-runner");

        assertThat(released).isTrue();
        assertThat(store.exists("_migrations/lock")).isFalse();
        assertThat(migrator(move()).build().migrate()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.list("originals/").count()).isEqualTo(OBJECTS);
    }

    @Test
    void forceReleaseLock_anotherHolder_isRefusedAndLeavesTheLock() {
        writeLease("busy-runner", clock.instant().plus(LEASE), null, null, null, null);

        assertThatThrownBy(() -> migrator(move()).build().forceReleaseLock("someone-else"))
                .isInstanceOf(LockHeldException.class).hasMessageContaining("busy-runner").hasMessageContaining("someone-else");
        assertThat(store.getString("_migrations/lock")).contains("busy-runner");
    }

    @Test
    void history_resumedStep_namesTheResumingRunnerAndSumsObjectsBytesAndRunsOfEveryRun() {
        Stores.seed(store, "photos/", OBJECTS);
        long bytes = seededBytes();
        // Well inside the run: a move takes three writes (copy, backup record, delete) besides the run's records, so the
        // 40th write could fall after the last move when the threads' journal writes happened to be few.
        crashAt(25, "first-runner");
        assertThat(store.list("originals/").count()).as("objects the crashed run moved").isBetween(4L, OBJECTS - 1L);
        clock.advance(LEASE.plusSeconds(1));

        migrator(move()).owner("second-runner").build().migrate();

        MigrationInfo info = migrator(move()).build().info().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.SUCCESS);
        assertThat(info.appliedBy()).hasValue("second-runner");
        assertThat(info.runs()).isEqualTo(2);
        assertThat(info.objects()).isEqualTo(OBJECTS);
        assertThat(info.bytes()).isEqualTo(bytes);
        assertThat(info.toString()).contains(OBJECTS + " objects").contains("over 2 runs").contains("by second-runner");
    }

    @Test
    void resume_afterACrash_logsTheCrashedRunAndWhatItsJournalHolds() {
        Stores.seed(store, "photos/", OBJECTS);
        crashAt(20, "first-runner");
        clock.advance(LEASE.plusSeconds(1));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            migrator(move()).owner("second-runner").build().migrate();
        } finally {
            System.setErr(originalErr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("Resuming the up step of version 1 (step 1): its run 1 by first-runner, started at "
                + MutableClock.atEpochDay().instant());
        assertThat(log).containsPattern("its journal holds (\\d+) finished units \\(\\1 objects, \\d+ bytes changed\\)");
        assertThat(log).doesNotContain("holds 0 finished units");
    }

    @Test
    void history_undoAfterAResumedStep_countsTheObjectsTheUndoRestored() {
        Stores.seed(store, "photos/", OBJECTS);
        long bytes = seededBytes();
        crashAt(20, "first-runner");
        clock.advance(LEASE.plusSeconds(1));
        migrator(move()).build().migrate();

        migrator(move()).build().undo(MigrationVersion.ZERO);

        MigrationInfo info = migrator(move()).build().info().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.UNDONE);
        assertThat(info.objects()).as("keys the undo restored: every source and every target").isEqualTo(2L * OBJECTS);
        assertThat(info.bytes()).isEqualTo(bytes);
    }

    @Test
    void info_stepRunningWithItsRunnerAlive_isActiveWithOwnerStartAndLeaseExpiry() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestMigration blocking = TestMigration.of("1", ctx -> {
            if (!ctx.isDryRun()) {
                entered.countDown();
                await(release);
            }
        });
        Instant started = clock.instant();
        Future<List<MigrationInfo>> run = threads.submit(() -> migrator(blocking).owner("runner-a").build().migrate());
        await(entered);
        try {
            MigrationInfo info = migrator(blocking).build().info().get(0);

            assertThat(info.state()).isEqualTo(MigrationState.RUNNING);
            assertThat(info.runStatus()).hasValue(MigrationInfo.RunStatus.ACTIVE);
            assertThat(info.lockHolder()).hasValue("runner-a");
            assertThat(info.appliedBy()).hasValue("runner-a");
            assertThat(info.startedAt()).hasValue(started);
            assertThat(info.leaseExpiresAt()).hasValue(started.plus(LEASE));
            assertThat(info.toString()).contains("RUNNING ACTIVE").contains("lock held by runner-a");
        } finally {
            release.countDown();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    void info_stepWhoseRunnerCrashedAndLeaseExpired_isCrashed() {
        Stores.seed(store, "photos/", OBJECTS);
        crashAt(10, "dead-runner");
        clock.advance(LEASE.plusSeconds(1));

        MigrationInfo info = migrator(move()).build().info().get(0);

        assertThat(info.state()).isEqualTo(MigrationState.RUNNING);
        assertThat(info.runStatus()).hasValue(MigrationInfo.RunStatus.CRASHED);
        assertThat(info.appliedBy()).hasValue("dead-runner");
        assertThat(info.lockHolder()).hasValue("dead-runner");
        assertThat(info.leaseExpiresAt()).hasValueSatisfying(expiry -> assertThat(expiry).isBefore(clock.instant()));
        assertThat(info.toString()).contains("RUNNING CRASHED").contains("expired at");
    }

    @Test
    void info_failedStep_isFailedWithItsRunnerAndStart() {
        Instant started = clock.instant();
        TestMigration failing = TestMigration.of("1", ctx -> {
            throw new IllegalStateException("boom");
        });
        catchThrowable(() -> migrator(failing).owner("runner-a").build().migrate());

        MigrationInfo info = migrator(failing).build().info().get(0);

        assertThat(info.state()).isEqualTo(MigrationState.FAILED);
        assertThat(info.runStatus()).hasValue(MigrationInfo.RunStatus.FAILED);
        assertThat(info.appliedBy()).hasValue("runner-a");
        assertThat(info.startedAt()).hasValue(started);
        assertThat(info.error()).hasValueSatisfying(error -> assertThat(error).contains("boom"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).as("latch released").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
