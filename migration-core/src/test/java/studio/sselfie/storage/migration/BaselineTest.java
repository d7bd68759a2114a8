package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class BaselineTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("one", "1"));
    private final TestMigration two = TestMigration.of("2", ctx -> ctx.store().put("two", "2"));
    private final TestMigration three = TestMigration.of("3", ctx -> ctx.store().put("three", "3"));

    private Migrator migrator() {
        return Migrator.builder().backend(store).migrations(one, two, three).build();
    }

    @Test
    void baseline_freshStore_recordsVersionsUpToItWithoutRunningThem() {
        migrator().baseline(MigrationVersion.parse("2"));

        assertThat(one.ups).hasValue(0);
        assertThat(two.ups).hasValue(0);
        assertThat(migrator().info()).extracting(MigrationInfo::state)
                .containsExactly(MigrationState.BASELINE, MigrationState.BASELINE, MigrationState.PENDING);
    }

    @Test
    void baseline_thenMigrate_runsOnlyNewerVersions() {
        migrator().baseline(MigrationVersion.parse("2"));

        migrator().migrate();

        assertThat(one.ups).hasValue(0);
        assertThat(three.ups).hasValue(1);
        assertThat(Stores.snapshot(store)).containsOnlyKeys("three");
    }

    @Test
    void baseline_storeWithHistory_isRefused() {
        migrator().migrate(MigrationVersion.parse("1"));

        assertThatThrownBy(() -> migrator().baseline(MigrationVersion.parse("2")))
                .isInstanceOf(MigrationValidationException.class).hasMessageContaining("without migration history");
        assertThat(migrator().info().get(1).state()).isEqualTo(MigrationState.PENDING);
    }

    @Test
    void baseline_undoOfABaselinedVersion_isRefused() {
        migrator().baseline(MigrationVersion.parse("1"));

        assertThatThrownBy(() -> migrator().undo(MigrationVersion.ZERO)).isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("baseline");
        assertThat(one.downs).hasValue(0);
    }
}
