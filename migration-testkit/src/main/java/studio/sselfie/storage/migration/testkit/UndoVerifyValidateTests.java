package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.BackendCheck;
import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.CheckReport;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.MigrationContext;
import studio.sselfie.storage.migration.MigrationException;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationValidationException;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

/** The undo, verify and validate behaviours of {@link AbstractMigrationSuite}. */
abstract class UndoVerifyValidateTests extends LockResumeRollbackTests {

    @Test
    void undo_all_runsTheDownStepsNewestFirst() {
        seed(2);
        List<String> downs = new CopyOnWriteArrayList<>();
        ScriptedMigration v1 = moveToOriginals("1").withDown(ctx -> {
            if (!ctx.isDryRun()) {
                downs.add("1");
            }
            ctx.restoreRollbackPoint();
        });
        ScriptedMigration v2 = markChecked("2", "originals/").withDown(ctx -> {
            if (!ctx.isDryRun()) {
                downs.add("2");
            }
            ctx.restoreRollbackPoint();
        });
        Migrator migrator = migrator(v1, v2).build();
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(downs).containsExactly("2", "1");
    }

    @Test
    void undo_all_leavesTheStoreByteIdenticalToTheSeed() {
        StoreSnapshot migrated = tester(moveToOriginals("1"), markChecked("2", "originals/")).build()
                .roundTrip(after -> assertThat(after.list("photos/").count()).isZero());

        assertThat(migrated.keys()).allMatch(key -> key.startsWith("originals/"));
    }

    @Test
    void undo_transformAndMetadataSteps_roundTripByteIdentical() {
        StoreSnapshot migrated = tester(writeSizes("1", "photos/"), markChecked("2", "photos/")).build()
                .roundTrip(after -> assertThat(after.getString("sizes/photos/img-000.png.txt")).matches("\\d+"));

        assertThat(migrated.keys()).filteredOn(key -> key.startsWith("sizes/")).hasSize(6);
    }

    @Test
    void undo_defaultDown_restoresOverwrittenAndDeletedObjectsAndDeletesCreatedOnes() {
        seed(3);
        StoreSnapshot seeded = snapshot();
        ScriptedMigration custom = step("1", ctx -> {
            ctx.store().put("photos/img-000.png", "overwritten");
            ctx.store().delete("photos/img-001.png");
            ctx.store().put("created/new.txt", "new");
        });
        Migrator migrator = migrator(custom).build();
        migrator.migrate();
        assertThat(snapshot()).isNotEqualTo(seeded);

        migrator.undo(MigrationVersion.ZERO);

        assertThat(snapshot()).isEqualTo(seeded);
    }

    @Test
    void undo_toAVersion_revertsOnlyNewerOnes() {
        seed(2);
        ScriptedMigration v1 = moveToOriginals("1");
        ScriptedMigration v2 = markChecked("2", "originals/");
        Migrator migrator = migrator(v1, v2).build();
        migrator.migrate(MigrationVersion.parse("1"));
        StoreSnapshot afterFirst = snapshot();
        migrator.migrate();

        migrator.undo(MigrationVersion.parse("1"));

        assertThat(snapshot()).isEqualTo(afterFirst);
        assertThat(migrator.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS, MigrationState.UNDONE);
    }

    @Test
    void undo_thenMigrate_reappliesTheUndoneVersions() {
        seed(2);
        ScriptedMigration v1 = moveToOriginals("1");
        Migrator migrator = migrator(v1).build();
        migrator.migrate();
        StoreSnapshot migrated = snapshot();
        migrator.undo(MigrationVersion.ZERO);

        migrator.migrate();

        assertThat(v1.ups).hasValue(2);
        assertThat(snapshot()).isEqualTo(migrated);
        assertThat(migrator.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
    }

    @Test
    void undo_unknownTarget_isRejectedBeforeAnyWrite() {
        seed(2);
        Migrator migrator = migrator(moveToOriginals("1")).build();
        migrator.migrate();
        StoreSnapshot before = snapshotAll();

        assertThatThrownBy(() -> migrator.undo(MigrationVersion.parse("9"))).isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("9");
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void undo_afterBackupsWerePruned_failsAndKeepsTheMigratedData() {
        seed(2);
        Migrator migrator = migrator(moveToOriginals("1")).build();
        migrator.migrate();
        StoreSnapshot migrated = snapshot();
        assertThat(migrator.pruneBackups(MigrationVersion.parse("1"))).isPositive();

        Throwable failure = failureOf(() -> migrator.undo(MigrationVersion.ZERO));

        assertThat(failure).isInstanceOf(MigrationException.class);
        assertThat(snapshot()).isEqualTo(migrated);
    }

    @Test
    void verify_identicalStores_reportEveryKeyAsSame() {
        seed(3);
        StorageBackend copy = otherBackend();
        MigrationTester.seedImages(copy, "photos/", 3);

        CheckReport report = BackendCheck.compare(store, copy, "photos/");

        assertThat(report.isMatch()).isTrue();
        assertThat(report.count(CheckReport.Status.SAME)).isEqualTo(3);
        assertThat(report.lines()).allMatch(line -> line.startsWith("= "));
    }

    @Test
    void verify_objectOnlyInTarget_isAPlusLine() {
        seed(2);
        StorageBackend target = otherBackend();
        MigrationTester.seedImages(target, "photos/", 3);

        CheckReport report = BackendCheck.compare(store, target, "photos/");

        assertThat(report.lines()).contains("+ photos/img-002.png");
        assertThat(report.isMatch()).isTrue();
    }

    @Test
    void verify_objectOnlyInSource_isAMinusLine() {
        seed(3);
        StorageBackend target = otherBackend();
        MigrationTester.seedImages(target, "photos/", 2);

        CheckReport report = BackendCheck.compare(store, target, "photos/");

        assertThat(report.lines()).contains("- photos/img-002.png");
        assertThat(report.isMatch()).isFalse();
    }

    @Test
    void verify_objectWithOtherBytes_isAStarLine() {
        store.put("photos/a.txt", "abc");
        StorageBackend target = otherBackend();
        target.put("photos/a.txt", "abd");

        CheckReport report = BackendCheck.compare(store, target, "photos/");

        assertThat(report.differences()).singleElement().satisfies(entry -> {
            assertThat(entry.status()).isEqualTo(CheckReport.Status.DIFFERS);
            assertThat(entry.line()).startsWith("* photos/a.txt").contains("sha256");
        });
    }

    @Test
    void verify_unreadableObject_isABangLine() {
        seed(2);
        StorageBackend target = otherBackend();
        MigrationTester.seedImages(target, "photos/", 2);

        CheckReport report = BackendCheck.compare(store, new UnreadableBackend(target, "photos/img-001.png"), "photos/");

        assertThat(report.differences()).extracting(CheckReport.Entry::line)
                .singleElement().asString().startsWith("! photos/img-001.png");
        assertThat(report.summary()).contains("= 1").contains("! 1");
    }

    @Test
    void verify_copyFrom_objectsMatchTheSourceBySha256() {
        StorageBackend source = otherBackend();
        MigrationTester.seedImages(source, "photos/", 4);
        ScriptedMigration importing = step("1", ctx -> ctx.copyFrom(source, "photos/", key -> key));

        migrator(importing).build().migrate();

        assertThat(BackendCheck.compare(source, store, "photos/").count(CheckReport.Status.SAME)).isEqualTo(4);
    }

    @Test
    void verify_transform_writesExactlyTheDerivedBytes() {
        seed(2);
        byte[] derived = "derived bytes".getBytes(StandardCharsets.UTF_8);
        ScriptedMigration v1 = step("1", ctx -> ctx.transform("photos/", info -> true, (original, body) ->
                Optional.of(new DerivedObject("derived/" + original.key(), derived, "text/plain", Map.of()))));

        migrator(v1).build().migrate();

        StoreSnapshot.Entry entry = snapshot().entries().get("derived/photos/img-000.png");
        assertThat(entry.sha256()).isEqualTo(StoreSnapshot.of(sample(derived), "").entries().get("x").sha256());
        assertThat(entry.size()).isEqualTo(derived.length);
    }

    private StorageBackend sample(byte[] bytes) {
        StorageBackend sample = otherBackend();
        sample.put("x", bytes);
        return sample;
    }

    @Test
    void validate_changedChecksumOfAnAppliedVersion_isRejectedBeforeAnyWrite() {
        seed(2);
        ScriptedMigration v1 = moveToOriginals("1");
        migrator(v1).build().migrate();
        StoreSnapshot before = snapshotAll();
        Migrator changed = migrator(v1.withChecksum("edited"), markChecked("2", "originals/")).build();

        assertThatThrownBy(changed::migrate).isInstanceOf(MigrationValidationException.class).hasMessageContaining("checksum");
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void validate_appliedVersionMissingFromTheMigrations_isRejectedBeforeAnyWrite() {
        seed(2);
        migrator(moveToOriginals("1"), markChecked("2", "originals/")).build().migrate();
        StoreSnapshot before = snapshotAll();
        Migrator missingV2 = migrator(moveToOriginals("1"), markChecked("3", "originals/")).build();

        assertThatThrownBy(missingV2::migrate).isInstanceOf(MigrationValidationException.class).hasMessageContaining("2");
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void validate_pendingVersionOlderThanAnAppliedOne_isRejectedBeforeAnyWrite() {
        seed(2);
        migrator(moveToOriginals("2")).build().migrate();
        StoreSnapshot before = snapshotAll();
        ScriptedMigration late = markChecked("1.5", "originals/");
        Migrator outOfOrder = migrator(late, moveToOriginals("2")).build();

        assertThatThrownBy(outOfOrder::migrate).isInstanceOf(MigrationValidationException.class).hasMessageContaining("1.5");
        assertThat(late.ups).hasValue(0);
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void validate_duplicateVersions_areRejectedBeforeAnyWrite() {
        seed(1);
        StoreSnapshot before = snapshotAll();

        assertThatThrownBy(() -> migrator(moveToOriginals("1"), markChecked("1.0", "photos/")).build().migrate())
                .isInstanceOf(MigrationValidationException.class).hasMessageContaining("1");
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void validate_unknownTarget_isRejectedBeforeAnyWrite() {
        seed(1);
        StoreSnapshot before = snapshotAll();

        assertThatThrownBy(() -> migrator(moveToOriginals("1")).build().migrate(MigrationVersion.parse("4")))
                .isInstanceOf(MigrationValidationException.class).hasMessageContaining("4");
        assertThat(snapshotAll()).isEqualTo(before);
    }

    @Test
    void validate_unparsableMigrationClassName_isRejected() {
        assertThatThrownBy(Badly_named_migration::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Badly_named_migration");
    }

    @Test
    void validate_consistentHistory_passes() {
        seed(1);
        Migrator migrator = migrator(moveToOriginals("1"), markChecked("2", "originals/")).build();
        migrator.migrate(MigrationVersion.parse("1"));

        migrator.validate();

        assertThat(migrator.info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS, MigrationState.PENDING);
    }

    /** A migration whose class name is not V<version>__<Description>. */
    static final class Badly_named_migration extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
            context.store().put("never", "written");
        }
    }
}
