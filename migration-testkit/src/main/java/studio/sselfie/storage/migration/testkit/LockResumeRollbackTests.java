package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.LockHeldException;
import studio.sselfie.storage.migration.MigrationFailedException;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

/** The lock, crash and resume, and rollback behaviours of {@link AbstractMigrationSuite}. */
abstract class LockResumeRollbackTests extends MigrationSuiteSupport {

    /** A step that signals it holds the lock and then waits for the test to let it go. */
    private static ScriptedMigration blocking(CountDownLatch entered, CountDownLatch release) {
        return step("1", ctx -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    @Timeout(60)
    void lock_secondRunnerWithZeroWait_getsLockHeldExceptionNamingTheOwner() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedMigration v1 = blocking(entered, release);
        CompletableFuture<List<MigrationInfo>> first = CompletableFuture.supplyAsync(
                () -> migrator(v1).owner("runner-a").build().migrate());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();

        Throwable second = failureOf(() -> migrator(v1).owner("runner-b").lockWait(Duration.ZERO).build().migrate());
        release.countDown();

        assertThat(second).isInstanceOf(LockHeldException.class).hasMessageContaining("runner-a");
        assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
    }

    @Test
    @Timeout(60)
    void lock_secondRunnerWithLockWait_waitsForTheHolderAndFindsNothingToDo() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedMigration v1 = blocking(entered, release);
        CompletableFuture<List<MigrationInfo>> first = CompletableFuture.supplyAsync(
                () -> migrator(v1).owner("runner-a").build().migrate());
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<MigrationInfo>> second = CompletableFuture.supplyAsync(
                () -> migrator(v1).owner("runner-b").lockWait(Duration.ofSeconds(30)).build().migrate());

        release.countDown();

        assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
        assertThat(v1.ups).hasValue(1);
    }

    @Test
    void lock_deadRunnersLeaseNotExpired_blocksTheNextRunner() {
        seed(4);
        FailingAtNthWriteBackend dying = FailingAtNthWriteBackend.failingAt(store, 4);
        failureOf(() -> migrator(dying, moveToOriginals("1")).owner("dead-runner").build().migrate());
        assertThat(store.exists(RESERVED + "lock")).as("the dead runner's lock").isTrue();

        Throwable next = failureOf(() -> migrator(moveToOriginals("1")).owner("next-runner").build().migrate());

        assertThat(next).isInstanceOf(LockHeldException.class).hasMessageContaining("dead-runner");
    }

    @Test
    void lock_expiredLease_isTakenOverAndTheStepResumed() {
        seed(4);
        FailingAtNthWriteBackend dying = FailingAtNthWriteBackend.failingAt(store, 4);
        failureOf(() -> migrator(dying, moveToOriginals("1")).owner("dead-runner").build().migrate());
        clock.advance(LEASE.plusSeconds(1));

        List<MigrationInfo> ran = migrator(moveToOriginals("1")).owner("next-runner").build().migrate();

        assertThat(ran).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.list("originals/").count()).isEqualTo(4);
        assertThat(store.exists(RESERVED + "lock")).isFalse();
    }

    @Test
    @Timeout(120)
    void lock_twoRacingMigrators_applyEachVersionOnce() throws Exception {
        seed(4);
        ScriptedMigration v1 = moveToOriginals("1");
        ScriptedMigration v2 = markChecked("2", "originals/");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<MigrationInfo>>> runs = List.of("racer-a", "racer-b").stream().map(owner -> pool.submit(() -> {
                start.await();
                return migrator(v1, v2).owner(owner).lockWait(Duration.ofSeconds(60)).build().migrate();
            })).toList();
            start.countDown();

            int applied = 0;
            for (Future<List<MigrationInfo>> run : runs) {
                applied += run.get(90, TimeUnit.SECONDS).size();
            }

            assertThat(applied).isEqualTo(2);
            assertThat(v1.ups).hasValue(1);
            assertThat(v2.ups).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void lock_afterASuccessfulMigrate_isReleased() {
        seed(2);

        migrator(moveToOriginals("1")).build().migrate();

        assertThat(store.exists(RESERVED + "lock")).isFalse();
    }

    @Test
    void crash_moveKeysAtEveryWrite_resumesByteIdenticalToACleanRun() {
        MigrationTester.CrashReport report = tester(moveToOriginals("1")).seedImages("photos/", 4).build()
                .crashAtEveryWrite(40);

        assertThat(report.crashPoints()).isNotEmpty();
        assertThat(report.endState().keys()).allMatch(key -> key.startsWith("originals/")).hasSize(4);
    }

    @Test
    void crash_transformAtManyWrites_resumesByteIdenticalToACleanRun() {
        MigrationTester.CrashReport report = tester(writeSizes("1", "photos/")).seedImages("photos/", 4).build()
                .crashAtEveryWrite(12);

        assertThat(report.crashPoints()).hasSizeGreaterThan(3);
        assertThat(report.endState().keys()).filteredOn(key -> key.startsWith("sizes/")).hasSize(4);
    }

    @Test
    void crash_updateMetadataAtManyWrites_resumesByteIdenticalToACleanRun() {
        MigrationTester.CrashReport report = tester(markChecked("1", "photos/")).seedImages("photos/", 4).build()
                .crashAtEveryWrite(12);

        assertThat(report.crashPoints()).hasSizeGreaterThan(3);
        assertThat(report.endState().entries().values()).allMatch(entry -> "yes".equals(entry.metadata().get("checked")));
    }

    @Test
    void crash_twoStepsAtManyWrites_resumesByteIdenticalToACleanRun() {
        MigrationTester.CrashReport report = tester(moveToOriginals("1"), writeSizes("2", "originals/"))
                .seedImages("photos/", 3).build().crashAtEveryWrite(12);

        assertThat(report.cleanRunWrites()).isGreaterThan(report.crashPoints().size());
        assertThat(report.endState().keys()).filteredOn(key -> key.startsWith("sizes/originals/")).hasSize(3);
    }

    @Test
    void crash_customStepWithCheckpointsAtEveryWrite_resumesByteIdenticalToACleanRun() {
        ScriptedMigration custom = step("1", ctx -> {
            // One checkpoint per write: a unit of two writes could crash between them and redo the first.
            for (int i = 0; i < 4; i++) {
                String key = String.format("photos/img-%03d.png", i);
                if (!ctx.isDone("copy-" + i)) {
                    ctx.store().copy(key, "copies/" + key.substring("photos/".length()));
                    ctx.checkpoint("copy-" + i);
                }
                if (!ctx.isDone("delete-" + i)) {
                    ctx.store().delete(key);
                    ctx.checkpoint("delete-" + i);
                }
            }
        });

        MigrationTester.CrashReport report = tester(custom).seedImages("photos/", 4).build().crashAtEveryWrite(40);

        assertThat(report.endState().keys()).allMatch(key -> key.startsWith("copies/")).hasSize(4);
    }

    @Test
    void resume_crashedStep_isRunningUntilTheNextMigrateFinishesIt() {
        seed(4);
        ScriptedMigration v1 = moveToOriginals("1");
        FailingAtNthWriteBackend dying = FailingAtNthWriteBackend.failingAt(store, 8);
        failureOf(() -> migrator(dying, v1).build().migrate());
        Migrator next = migrator(v1).build();
        assertThat(next.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.RUNNING);
        clock.advance(LEASE.plusSeconds(1));

        next.migrate();

        assertThat(next.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.list("originals/").count()).isEqualTo(4);
        assertThat(store.list("photos/").count()).isZero();
    }

    @Test
    void rollback_failingStep_leavesTheStoreByteIdenticalToBefore() {
        seed(4);
        store.put("originals/img-001.png", "an older object the move overwrites");
        StoreSnapshot before = snapshot();
        ScriptedMigration failing = step("1", ctx -> {
            ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length()));
            throw new IllegalStateException("boom after the move");
        });

        Throwable failure = failureOf(() -> migrator(failing).build().migrate());

        assertThat(failure).isInstanceOf(MigrationFailedException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rollback_failingStep_isRecordedFailedWithTheKeyAndTheCause() {
        seed(4);
        ScriptedMigration failing = step("1", ctx -> ctx.transform("photos/", info -> true, (original, body) -> {
            if (original.key().equals("photos/img-002.png")) {
                throw new IOException("decoder broke");
            }
            return Optional.of(new DerivedObject("thumbs/" + original.key(), body.readAllBytes(), "image/png", Map.of()));
        }));
        Migrator migrator = migrator(failing).concurrency(1).build();

        failureOf(migrator::migrate);

        MigrationInfo info = migrator.info().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.FAILED);
        assertThat(info.error()).hasValueSatisfying(error -> assertThat(error).contains("photos/img-002.png")
                .contains("decoder broke"));
    }

    @Test
    void rollback_failedVersion_blocksMigrateUntilRepair() {
        seed(2);
        ScriptedMigration failing = step("1", ctx -> {
            throw new IllegalStateException("always fails");
        });
        failureOf(() -> migrator(failing).build().migrate());

        Throwable again = failureOf(() -> migrator(failing).build().migrate());

        assertThat(again).isInstanceOf(MigrationFailedException.class).hasMessageContaining("1");
        assertThat(failing.ups).hasValue(1);
    }

    @Test
    void rollback_repair_makesTheFailedVersionPendingAgain() {
        seed(3);
        ScriptedMigration failing = step("1", ctx -> {
            ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length()));
            throw new IllegalStateException("fails once");
        });
        failureOf(() -> migrator(failing).build().migrate());

        migrator(failing).build().repair();
        Migrator fixed = migrator(moveToOriginals("1")).build();

        assertThat(fixed.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.PENDING);
        fixed.migrate();
        assertThat(fixed.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
        assertThat(store.list("originals/").count()).isEqualTo(3);
    }

    @Test
    void rollback_failingSecondStep_keepsTheFirstApplied() {
        seed(3);
        ScriptedMigration v1 = moveToOriginals("1");
        migrator(v1).build().migrate();
        StoreSnapshot afterFirst = snapshot();
        ScriptedMigration v2 = step("2", ctx -> {
            ctx.updateMetadata("originals/", info -> Map.of("broken", "soon"));
            throw new IllegalStateException("second step fails");
        });
        Migrator migrator = migrator(v1, v2).build();

        failureOf(migrator::migrate);

        assertThat(snapshot()).isEqualTo(afterFirst);
        assertThat(migrator.info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.SUCCESS, MigrationState.FAILED);
    }

    @Test
    void rollback_customStepThatOverwroteCreatedAndDeleted_restoresAllThree() {
        seed(3);
        StoreSnapshot before = snapshot();
        ScriptedMigration failing = step("1", ctx -> {
            ctx.store().put("photos/img-000.png", "overwritten");
            ctx.store().put("new/created.txt", "created".getBytes(java.nio.charset.StandardCharsets.UTF_8), PutOptions.builder().contentType("text/plain").build());
            ctx.store().delete("photos/img-001.png");
            throw new IllegalStateException("custom step fails");
        });

        failureOf(() -> migrator(failing).build().migrate());

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void rollback_failure_namesTheVersionInTheException() {
        seed(1);
        ScriptedMigration failing = step("7.2", ctx -> {
            throw new IllegalStateException("cause of 7.2");
        });

        Throwable failure = failureOf(() -> migrator(failing).build().migrate());

        assertThat(failure).isInstanceOf(MigrationFailedException.class).hasMessageContaining("7.2")
                .hasMessageContaining("cause of 7.2");
        assertThat(migrator(failing).build().info()).extracting(MigrationInfo::version)
                .containsExactly(MigrationVersion.parse("7.2"));
    }
}
