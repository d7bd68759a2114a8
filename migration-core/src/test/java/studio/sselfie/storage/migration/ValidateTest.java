package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class ValidateTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    private static TestMigration putting(String version) {
        return TestMigration.of(version, ctx -> ctx.store().put("v" + version, "x"));
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).build();
    }

    @Test
    void validate_matchingHistory_passes() {
        migrator(putting("1"), putting("2")).migrate();
        assertThatCode(() -> migrator(putting("1"), putting("2"), putting("3")).validate()).doesNotThrowAnyException();
    }

    @Test
    void validate_checksumChangedForAppliedVersion_isReported() {
        migrator(putting("1")).migrate();

        assertThatThrownBy(() -> migrator(putting("1").withChecksum("edited")).validate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("version 1").hasMessageContaining("checksum changed")
                .hasMessageContaining("sum-1").hasMessageContaining("edited");
    }

    @Test
    void validate_checksumChanged_migrateRefusesBeforeAnyWrite() {
        migrator(putting("1")).migrate();
        var before = Stores.snapshotAll(store);
        TestMigration two = putting("2");

        assertThatThrownBy(() -> migrator(putting("1").withChecksum("edited"), two).migrate())
                .isInstanceOf(MigrationValidationException.class);
        assertThat(two.ups).hasValue(0);
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void validate_appliedVersionMissingFromMigrations_isReported() {
        migrator(putting("1"), putting("2")).migrate();

        assertThatThrownBy(() -> migrator(putting("2")).validate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("version 1").hasMessageContaining("missing from the migrations given");
        assertThat(migrator(putting("2")).info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.MISSING, MigrationState.SUCCESS);
    }

    @Test
    void validate_pendingVersionOlderThanNewestApplied_isReportedOutOfOrder() {
        migrator(putting("1"), putting("2")).migrate();
        TestMigration late = putting("1.5");

        assertThatThrownBy(() -> migrator(putting("1"), late, putting("2")).migrate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("1.5").hasMessageContaining("out of order");
        assertThat(late.ups).hasValue(0);
    }

    @Test
    void validate_severalProblems_areAllListed() {
        migrator(putting("1"), putting("2")).migrate();

        assertThatThrownBy(() -> migrator(putting("0.5"), putting("2").withChecksum("edited")).validate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("version 1 ").hasMessageContaining("checksum changed")
                .hasMessageContaining("0.5");
    }

    @Test
    void validate_checksumRecordedButNoneDeclaredNow_passes() {
        // As after an upgrade from the class-file hash: the history holds a hash, the migration now declares none.
        migrator(putting("1").withChecksum("4f1c0a")).migrate();

        assertThatCode(() -> migrator(putting("1").withoutChecksum()).validate()).doesNotThrowAnyException();
    }

    @Test
    void validate_checksumDeclaredButNoneRecorded_isReportedWithRepairAdvice() {
        migrator(putting("1").withoutChecksum()).migrate();

        assertThatThrownBy(() -> migrator(putting("1")).validate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("recorded null, now declared sum-1").hasMessageContaining("run repair()");
    }

    @Test
    void repair_checksumsDisagree_realignsEveryRecordToTheDeclaredChecksum() {
        migrator(putting("1"), putting("2").withChecksum("4f1c0a")).migrate();

        migrator(putting("1").withChecksum("edited"), putting("2").withoutChecksum()).repair();

        assertThat(new String(store.getBytes("_migrations/history/1.json"))).contains("\"checksum\":\"edited\"");
        assertThat(new String(store.getBytes("_migrations/history/2.json"))).doesNotContain("checksum");
        assertThatThrownBy(() -> migrator(putting("1").withChecksum("edited"), putting("2")).validate())
                .isInstanceOf(MigrationValidationException.class);
        assertThatCode(() -> migrator(putting("1").withChecksum("edited"), putting("2").withoutChecksum()).validate())
                .doesNotThrowAnyException();
    }
}
