package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationPlan;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationValidationException;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.migration.ReservedPrefixException;

/**
 * The behaviours of the migration engine ({@link Migrator}) on any backend, as a JUnit Jupiter suite: lock, crash and
 * resume, rollback and repair, undo, verification ({@code = + - * !} reports), validation, dry-run plans, the reserved
 * prefix, baselines, history info, and the transforms (moveKeys, transform, updateMetadata, copyFrom). Test names say
 * what each proves ({@code lock_...}, {@code crash_...}, {@code rollback_...}, {@code undo_...}, {@code verify_...}).
 *
 * <p>A backend module extends it with one method:
 * <pre>{@code
 * class S3MigrationSuiteTest extends AbstractMigrationSuite {
 *     protected StorageBackend createBackend() { return new S3StorageBackend(configOfAFreshBucket()); }
 * }
 * }</pre>
 * Each test gets a fresh backend from {@link #createBackend()} (some tests take a second one, e.g. as the source of a
 * copy); after the test {@link #cleanUp(StorageBackend)} empties and closes every one. The data is small (a few
 * 32x24 PNG images per test), so the suite runs in well under a minute over HTTP. The backend must support
 * conditional writes (the migration lock needs them), and keys {@code a} and {@code a/b} never coexist in the suite.
 */
public abstract class AbstractMigrationSuite extends UndoVerifyValidateTests {

    /**
     * A fresh, empty namespace of the backend under test (a new bucket, a new prefix, a new instance), called before
     * each test and again when a test needs a second store.
     */
    @Override
    protected abstract StorageBackend createBackend();

    @Test
    void plan_dryRun_writesNothing() {
        seed(3);
        StoreSnapshot before = snapshotAll();

        MigrationPlan plan = migrator(moveToOriginals("1"), markChecked("2", "photos/")).build().plan();

        assertThat(plan.isEmpty()).isFalse();
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void plan_moveKeys_listsExactlyTheKeysItWouldMove() {
        seed(3);

        MigrationPlan plan = migrator(moveToOriginals("1")).build().plan();

        assertThat(plan.operations()).extracting(MigrationPlan.Operation::toString).containsExactlyInAnyOrder(
                "MOVE photos/img-000.png -> originals/img-000.png",
                "MOVE photos/img-001.png -> originals/img-001.png",
                "MOVE photos/img-002.png -> originals/img-002.png");
    }

    @Test
    void plan_transform_listsThePutOfEveryDerivedKey() {
        seed(2);

        MigrationPlan plan = migrator(writeSizes("1", "photos/")).build().plan();

        assertThat(plan.steps()).singleElement().satisfies(step -> assertThat(step.operations())
                .extracting(MigrationPlan.Operation::toString)
                .containsExactlyInAnyOrder("PUT sizes/photos/img-000.png.txt", "PUT sizes/photos/img-001.png.txt"));
    }

    @Test
    void plan_afterMigrate_isEmpty() {
        seed(2);
        Migrator migrator = migrator(moveToOriginals("1")).build();
        migrator.migrate();

        assertThat(migrator.plan().isEmpty()).isTrue();
    }

    @Test
    void reserved_stepWritingUnderTheReservedPrefix_isRejectedAndNothingIsLeft() {
        seed(2);
        StoreSnapshot before = snapshot();
        ScriptedMigration evil = step("1", ctx -> ctx.store().put(RESERVED + "history/9.json", "{}"));

        Throwable failure = failureOf(() -> migrator(evil).build().migrate());

        assertThat(failure).isInstanceOf(ReservedPrefixException.class).hasMessageContaining(RESERVED + "history/9.json");
        assertThat(store.exists(RESERVED + "history/9.json")).isFalse();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void reserved_moveKeysIntoTheReservedPrefix_isRejectedBeforeAnyMove() {
        seed(2);
        StoreSnapshot before = snapshot();
        ScriptedMigration evil = step("1", ctx -> ctx.moveKeys("photos/", key -> RESERVED + key));

        Throwable failure = failureOf(() -> migrator(evil).build().migrate());

        assertThat(failure).hasRootCauseInstanceOf(ReservedPrefixException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void reserved_customPrefix_holdsTheMigratorsState() {
        seed(2);

        Migrator.builder().backend(store).migrations(moveToOriginals("1")).reservedPrefix("_state/").build().migrate();

        assertThat(store.list("_state/history/").count()).isEqualTo(1);
        assertThat(store.list(RESERVED).count()).isZero();
    }

    @Test
    void baseline_marksVersionsAppliedWithoutRunningThem() {
        seed(2);
        StoreSnapshot before = snapshot();
        ScriptedMigration v1 = moveToOriginals("1");
        Migrator migrator = migrator(v1, markChecked("2", "photos/")).build();

        migrator.baseline(MigrationVersion.parse("1"));

        assertThat(v1.ups).hasValue(0);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(migrator.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.BASELINE, MigrationState.PENDING);
    }

    @Test
    void baseline_thenMigrate_runsOnlyNewerVersions() {
        seed(2);
        ScriptedMigration v1 = moveToOriginals("1");
        ScriptedMigration v2 = markChecked("2", "photos/");
        Migrator migrator = migrator(v1, v2).build();
        migrator.baseline(MigrationVersion.parse("1"));

        migrator.migrate();

        assertThat(v1.ups).hasValue(0);
        assertThat(v2.ups).hasValue(1);
        assertThat(store.head("photos/img-000.png").orElseThrow().metadata()).containsEntry("checked", "yes");
    }

    @Test
    void baseline_storeWithHistory_isRejected() {
        seed(1);
        Migrator migrator = migrator(moveToOriginals("1"), markChecked("2", "originals/")).build();
        migrator.migrate(MigrationVersion.parse("1"));

        assertThatThrownBy(() -> migrator.baseline(MigrationVersion.parse("2"))).isInstanceOf(MigrationValidationException.class);
    }

    @Test
    void info_afterMigrate_reportsObjectsBytesDurationAndOwner() {
        seed(5);

        Migrator migrator = migrator(moveToOriginals("1")).owner("info-runner").build();
        migrator.migrate();

        MigrationInfo info = migrator.info().get(0);
        assertThat(info.state()).isEqualTo(MigrationState.SUCCESS);
        assertThat(info.objects()).isEqualTo(5);
        assertThat(info.bytes()).isNotNegative();
        assertThat(info.duration()).isPresent();
        assertThat(info.appliedAt()).isPresent();
        assertThat(info.appliedBy()).hasValue("info-runner");
        assertThat(info.checksum()).hasValue("sum-1");
    }

    @Test
    void info_beforeMigrate_listsEveryVersionPendingInOrder() {
        Migrator migrator = migrator(markChecked("2", "photos/"), moveToOriginals("1.1"), markChecked("1", "photos/")).build();

        assertThat(migrator.info()).extracting(info -> info.version().toString() + " " + info.state())
                .containsExactly("1 PENDING", "1.1 PENDING", "2 PENDING");
    }

    @Test
    void migrate_again_isANoOp() {
        seed(2);
        ScriptedMigration v1 = moveToOriginals("1");
        Migrator migrator = migrator(v1).build();
        migrator.migrate();
        StoreSnapshot after = snapshotAll();

        assertThat(migrator.migrate()).isEmpty();
        assertThat(v1.ups).hasValue(1);
        assertThat(snapshot()).isEqualTo(StoreSnapshot.of(store, RESERVED));
        assertThat(snapshotAll().keys()).isEqualTo(after.keys());
    }

    @Test
    void migrate_listener_hearsProgressUpToEveryObject() {
        seed(4);
        AtomicLong done = new AtomicLong();
        Migrator migrator = migrator(moveToOriginals("1")).listener(new studio.sselfie.storage.migration.MigrationListener() {
            @Override
            public void progress(MigrationVersion version, studio.sselfie.storage.migration.Progress progress) {
                done.accumulateAndGet(progress.objectsDone(), Math::max);
            }
        }).build();

        migrator.migrate();

        assertThat(done).hasValue(4);
    }

    @Test
    void moveKeys_renamesEveryObjectKeepingBytesTypeAndMetadata() {
        seed(4);
        StoreSnapshot before = snapshot();

        migrator(moveToOriginals("1")).build().migrate();

        StoreSnapshot after = snapshot();
        assertThat(after.keys()).containsExactlyElementsOf(before.keys().stream()
                .map(key -> "originals/" + key.substring("photos/".length())).collect(Collectors.toList()));
        before.entries().forEach((key, entry) ->
                assertThat(after.entries().get("originals/" + key.substring("photos/".length()))).isEqualTo(entry));
    }

    @Test
    void moveKeys_twoKeysMappedToOneTarget_isRejectedBeforeAnyWrite() {
        seed(2);
        StoreSnapshot before = snapshot();
        ScriptedMigration clash = step("1", ctx -> ctx.moveKeys("photos/", key -> "originals/same.png"));

        Throwable failure = failureOf(() -> migrator(clash).build().migrate());

        assertThat(failure).hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void transform_writesDerivedObjectsAndLeavesTheOriginals() {
        seed(3);
        StoreSnapshot before = snapshot();

        migrator(writeSizes("1", "photos/")).build().migrate();

        StoreSnapshot after = snapshot();
        before.entries().forEach((key, entry) -> {
            assertThat(after.entries().get(key)).isEqualTo(entry);
            assertThat(store.getString("sizes/" + key + ".txt")).isEqualTo(Long.toString(entry.size()));
        });
        assertThat(store.head("sizes/photos/img-001.png.txt").orElseThrow().metadata()).containsEntry("of", "photos/img-001.png");
    }

    @Test
    void updateMetadata_changesTheMetadataAndKeepsTheBytesAndType() {
        seed(3);
        StoreSnapshot before = snapshot();

        migrator(markChecked("1", "photos/")).build().migrate();

        StoreSnapshot after = snapshot();
        before.entries().forEach((key, entry) -> {
            StoreSnapshot.Entry now = after.entries().get(key);
            assertThat(now.sha256()).isEqualTo(entry.sha256());
            assertThat(now.contentType()).isEqualTo(entry.contentType());
            assertThat(now.metadata()).containsEntry("checked", "yes").containsAllEntriesOf(entry.metadata());
        });
    }

    @Test
    void copyFrom_importsEveryObjectOfAnotherBackendUnderTheMappedKeys() {
        StorageBackend source = otherBackend();
        MigrationTester.seedImages(source, "photos/", 3);
        StoreSnapshot sourceBefore = StoreSnapshot.of(source, "");
        ScriptedMigration importing = step("1", ctx -> ctx.copyFrom(source, "photos/", key -> "imported/" + key));

        migrator(importing).build().migrate();

        StoreSnapshot after = snapshot();
        assertThat(after.keys()).containsExactlyElementsOf(IntStream.range(0, 3)
                .mapToObj(i -> String.format("imported/photos/img-%03d.png", i)).collect(Collectors.toList()));
        sourceBefore.entries().forEach((key, entry) -> assertThat(after.entries().get("imported/" + key)).isEqualTo(entry));
        assertThat(StoreSnapshot.of(source, "")).as("the source is only read").isEqualTo(sourceBefore);
    }

    @Test
    void copyFrom_thenUndo_removesTheImportedObjects() {
        StorageBackend source = otherBackend();
        MigrationTester.seedImages(source, "photos/", 2);
        Migrator migrator = migrator(step("1", ctx -> ctx.copyFrom(source, "photos/", key -> "imported/" + key))).build();
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(snapshot().size()).isZero();
        assertThat(List.of(source.list("photos/").count())).containsExactly(2L);
    }
}
