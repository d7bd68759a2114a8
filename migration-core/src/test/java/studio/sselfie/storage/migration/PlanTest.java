package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class PlanTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));
    private final TestMigration custom = TestMigration.of("2", ctx -> {
        ctx.store().put("index.txt", "index");
        ctx.store().copy("photos/000.txt", "copies/000.txt");
        ctx.store().delete("photos/002.txt");
        ctx.transform("photos/", info -> info.key().endsWith("1.txt"), (original, body) ->
                Optional.of(new DerivedObject("thumbs/" + original.key().substring(7), new byte[] {1}, "image/jpeg", Map.of())));
    });

    @BeforeEach
    void seed() {
        Stores.seed(store, "photos/", 3);
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).build();
    }

    @Test
    void plan_pendingSteps_listExactlyTheKeysEachWouldTouch() {
        MigrationPlan plan = migrator(move, custom).plan();

        assertThat(plan.steps()).extracting(MigrationPlan.Step::version)
                .containsExactly(MigrationVersion.parse("1"), MigrationVersion.parse("2"));
        assertThat(plan.steps().get(0).operations()).extracting(Object::toString).containsExactly(
                "MOVE photos/000.txt -> originals/000.txt",
                "MOVE photos/001.txt -> originals/001.txt",
                "MOVE photos/002.txt -> originals/002.txt");
        assertThat(plan.steps().get(1).operations()).extracting(Object::toString).containsExactly(
                "PUT index.txt",
                "COPY photos/000.txt -> copies/000.txt",
                "DELETE photos/002.txt",
                "PUT thumbs/001.txt");
    }

    @Test
    void plan_writesNothing_notEvenTheLockOrHistory() {
        Map<String, String> before = Stores.snapshotAll(store);

        migrator(move, custom).plan();

        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
        assertThat(move.dryRuns).hasValue(1);
        assertThat(move.ups).hasValue(0);
    }

    @Test
    void plan_appliedVersions_areNotPlanned() {
        migrator(move).migrate();

        MigrationPlan plan = migrator(move, TestMigration.of("2", ctx -> ctx.store().put("x", "y"))).plan();

        assertThat(plan.steps()).hasSize(1);
        assertThat(plan.operations()).extracting(Object::toString).containsExactly("PUT x");
    }

    @Test
    void plan_targetUnderTheReservedPrefix_isListedAsTheRejectionMigrateWouldThrow() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "_migrations/" + key));

        MigrationPlan plan = migrator(evil).plan();

        assertThat(plan.steps().get(0).rejection()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'_migrations/photos/000.txt'").contains("'photos/000.txt'").contains("reserved prefix"));
        assertThat(Stores.reserved(store)).isEmpty();
    }

    @Test
    void plan_transformDerivingAReservedKey_isListedAsRejected() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.transform("photos/", info -> true, (original, body) ->
                Optional.of(new DerivedObject("_migrations/" + original.key(), new byte[] {1}, "text/plain", Map.of()))));

        MigrationPlan plan = migrator(evil).plan();

        assertThat(plan.steps().get(0).operations()).extracting(Object::toString).containsExactly("PUT _migrations/photos/000.txt");
        assertThat(plan.steps().get(0).rejection()).hasValueSatisfying(reason -> assertThat(reason).contains("reserved prefix"));
    }

    @Test
    void plan_stepFailingForAnotherReason_throwsItsFailure() {
        TestMigration failing = TestMigration.of("1", ctx -> {
            throw new IllegalStateException("boom");
        });

        assertThatThrownBy(() -> migrator(failing).plan()).isInstanceOf(IllegalStateException.class).hasMessage("boom");
    }

    @Test
    void plan_validSteps_areNotRejected() {
        MigrationPlan plan = migrator(move, custom).plan();

        assertThat(plan.isRejected()).isFalse();
        assertThat(plan.steps()).allSatisfy(step -> assertThat(step.rejection()).isEmpty());
    }
}
