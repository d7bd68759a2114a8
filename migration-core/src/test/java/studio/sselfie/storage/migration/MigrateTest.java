package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class MigrateTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final List<String> order = new CopyOnWriteArrayList<>();

    private TestMigration writing(String version) {
        return TestMigration.of(version, ctx -> {
            if (!ctx.isDryRun()) {
                order.add(version);
            }
            ctx.store().put("data/v" + version + ".txt", "written by " + version);
        });
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).owner("runner-a").build();
    }

    @Test
    void migrate_pendingMigrations_appliesInVersionOrderAndRecordsSuccess() {
        migrator(writing("2"), writing("1"), writing("1.1")).migrate();

        assertThat(order).containsExactly("1", "1.1", "2");
        List<MigrationInfo> info = migrator(writing("2"), writing("1"), writing("1.1")).info();
        assertThat(info).extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
        MigrationInfo first = info.get(0);
        assertThat(first.version()).isEqualTo(MigrationVersion.parse("1"));
        assertThat(first.objects()).isEqualTo(1);
        assertThat(first.bytes()).isEqualTo("written by 1".length());
        assertThat(first.duration()).isPresent();
        assertThat(first.appliedAt()).isPresent();
        assertThat(first.appliedBy()).contains("runner-a");
        assertThat(first.checksum()).contains("sum-1");
    }

    @Test
    void migrate_twice_secondRunIsANoOp() {
        TestMigration one = writing("1");
        migrator(one).migrate();
        var after = Stores.snapshotAll(store);

        List<MigrationInfo> second = migrator(one).migrate();

        assertThat(second).isEmpty();
        assertThat(one.ups).hasValue(1);
        assertThat(Stores.snapshotAll(store)).isEqualTo(after);
    }

    @Test
    void migrate_toTarget_stopsAtTarget() {
        migrator(writing("1"), writing("2"), writing("3")).migrate(MigrationVersion.parse("2"));

        assertThat(order).containsExactly("1", "2");
        assertThat(migrator(writing("1"), writing("2"), writing("3")).info())
                .extracting(MigrationInfo::state)
                .containsExactly(MigrationState.SUCCESS, MigrationState.SUCCESS, MigrationState.PENDING);
    }

    @Test
    void migrate_unknownTarget_isRejectedBeforeAnyWrite() {
        assertThatThrownBy(() -> migrator(writing("1")).migrate(MigrationVersion.parse("7")))
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("unknown target version 7");
        assertThat(Stores.snapshotAll(store)).isEmpty();
    }

    @Test
    void build_duplicateVersions_areRejectedNamingTheVersionBeforeAnyWrite() {
        assertThatThrownBy(() -> migrator(writing("1"), writing("2"), writing("2.0")))
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("duplicate migration version 2");
        assertThat(order).isEmpty();
        assertThat(Stores.snapshotAll(store)).isEmpty();
    }

    @Test
    void build_nullMigration_isRejectedNamingItsPlace() {
        assertThatThrownBy(() -> Migrator.builder().backend(store).migrations(writing("1"), null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("migrations[1] is null");
    }

    @Test
    void build_withoutBackend_failsSayingItIsRequired() {
        assertThatThrownBy(() -> Migrator.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("backend is required");
    }

    @Test
    void build_backendWithoutConditionalWrites_isRejected() {
        InMemoryStorageBackend plain = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONDITIONAL_WRITE).build();
        assertThatThrownBy(() -> Migrator.builder().backend(plain).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("conditional writes");
    }

    @Test
    void reservedPrefix_withoutTrailingSlash_isRejected() {
        assertThatThrownBy(() -> Migrator.builder().reservedPrefix("_migrations")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("end with '/'");
    }

    @Test
    void info_freshStore_listsEveryMigrationAsPending() {
        assertThat(migrator(writing("2"), writing("1")).info())
                .extracting(i -> i.version() + " " + i.state())
                .containsExactly("1 PENDING", "2 PENDING");
    }
}
