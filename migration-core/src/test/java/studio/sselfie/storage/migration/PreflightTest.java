package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** The dry run migrate and undo make before their first write: a step breaking a rule is rejected, nothing written. */
class PreflightTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private Map<String, String> before;

    @BeforeEach
    void seed() {
        Stores.seed(store, "photos/", 3);
        before = Stores.snapshotAll(store);
    }

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).owner("runner-a").build();
    }

    private static TestMigration writingReserved(String version) {
        return TestMigration.of(version, ctx -> ctx.store().put("_migrations/x", "no"));
    }

    private static TestMigration moveToOriginals(String version) {
        return TestMigration.of(version, ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));
    }

    /** Moves photos/000.txt and photos/001.txt both to merged.txt. */
    private static TestMigration mergingTwo(String version) {
        return TestMigration.of(version, ctx -> ctx.moveKeys("photos/", key -> key.endsWith("2.txt") ? key : "merged.txt"));
    }

    private MigrationState stateOf(String version, Migration... migrations) {
        return migrator(migrations).info().stream().filter(info -> info.version().toString().equals(version))
                .findFirst().orElseThrow().state();
    }

    @Test
    void migrate_stepWritingUnderTheReservedPrefix_isRejectedNamingVersionKeyAndRule() {
        assertThatThrownBy(() -> migrator(writingReserved("1")).migrate())
                .isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("version 1")
                .hasMessageContaining("'_migrations/x'")
                .hasMessageContaining("reserved prefix")
                .hasMessageContaining("nothing was written");
    }

    @Test
    void migrate_stepWritingUnderTheReservedPrefix_leavesTheStoreByteIdenticalWithoutLockOrHistory() {
        assertThatThrownBy(() -> migrator(writingReserved("1")).migrate()).isInstanceOf(ReservedPrefixException.class);

        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
        assertThat(store.exists("_migrations/lock")).isFalse();
    }

    @Test
    void migrate_stepWritingUnderTheReservedPrefix_staysPendingAndNeverRunsForReal() {
        TestMigration evil = writingReserved("1");

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(ReservedPrefixException.class);

        assertThat(migrator(evil).info()).extracting(MigrationInfo::state).containsExactly(MigrationState.PENDING);
        assertThat(evil.ups).hasValue(0);
        assertThat(evil.dryRuns).hasValue(1);
    }

    @Test
    void migrate_thirdOfThreeStepsWritingUnderTheReservedPrefix_writesNothingOfTheFirstTwo() {
        TestMigration one = moveToOriginals("1");
        TestMigration two = TestMigration.of("2", ctx -> ctx.store().put("notes/new.txt", "created"));
        TestMigration three = writingReserved("3");

        assertThatThrownBy(() -> migrator(one, two, three).migrate())
                .isInstanceOf(ReservedPrefixException.class).hasMessageContaining("version 3");

        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
        assertThat(List.of(one.ups.get(), two.ups.get(), three.ups.get())).containsOnly(0);
        assertThat(migrator(one, two, three).info()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
    }

    @Test
    void migrate_stepReadingUnderTheReservedPrefix_isRejectedBeforeAnyWrite() {
        TestMigration nosy = TestMigration.of("1", ctx -> ctx.store().getString("_migrations/lock"));

        assertThatThrownBy(() -> migrator(nosy).migrate()).isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("'_migrations/lock'");
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void migrate_stepSwallowingItsViolation_isRejectedAllTheSame() {
        TestMigration sly = TestMigration.of("1", ctx -> {
            try {
                ctx.store().put("_migrations/x", "no");
            } catch (ReservedPrefixException ignored) {
                // The step goes on as if nothing happened.
            }
            ctx.store().put("notes/new.txt", "created");
        });

        assertThatThrownBy(() -> migrator(sly).migrate()).isInstanceOf(ReservedPrefixException.class);
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void migrate_moveKeysIntoTheReservedPrefix_isRejectedBeforeAnyWrite() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "_migrations/" + key));

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("'_migrations/photos/000.txt'");
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void migrate_moveKeysWithADuplicateTarget_isRejectedNamingBothSourcesAndTheTarget() {
        assertThatThrownBy(() -> migrator(mergingTwo("1")).migrate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("version 1")
                .hasMessageContaining("'photos/000.txt'")
                .hasMessageContaining("'photos/001.txt'")
                .hasMessageContaining("'merged.txt'");
    }

    @Test
    void migrate_moveKeysWithADuplicateTarget_writesNothingAndStaysPending() {
        TestMigration one = moveToOriginals("1");
        TestMigration two = mergingTwo("2");

        assertThatThrownBy(() -> migrator(one, two).migrate()).isInstanceOf(MigrationValidationException.class);

        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
        assertThat(migrator(one, two).info()).extracting(MigrationInfo::state).containsOnly(MigrationState.PENDING);
    }

    @Test
    void undo_downStepWritingUnderTheReservedPrefix_isRejectedBeforeAnyWrite() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"))
                .withDown(ctx -> ctx.store().put("_migrations/x", "no"));
        migrator(one).migrate();
        Map<String, String> applied = Stores.snapshotAll(store);

        assertThatThrownBy(() -> migrator(one).undo(MigrationVersion.ZERO)).isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("the down step of version 1").hasMessageContaining("'_migrations/x'");

        assertThat(Stores.snapshotAll(store)).isEqualTo(applied);
        assertThat(stateOf("1", one)).isEqualTo(MigrationState.SUCCESS);
        assertThat(one.downs).hasValue(0);
    }

    @Test
    void migrate_stepWhoseDryRunCannotFinishUpFront_isCheckedAgainRightBeforeItRuns() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("flags/go", "yes"));
        // Up front flags/go does not exist yet, so this dry run stops at the read, before the violation.
        TestMigration two = TestMigration.of("2", ctx -> {
            ctx.store().getString("flags/go");
            ctx.store().put("_migrations/x", "no");
        });

        assertThatThrownBy(() -> migrator(one, two).migrate()).isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("version 2");

        assertThat(stateOf("1", one, two)).isEqualTo(MigrationState.SUCCESS);
        assertThat(stateOf("2", one, two)).isEqualTo(MigrationState.PENDING);
        assertThat(List.of(two.ups.get(), two.dryRuns.get())).containsExactly(0, 2);
        assertThat(store.exists("_migrations/lock")).isFalse();
    }

    @Test
    void migrate_violationOnlyAnEarlierStepOfTheRunMakesPossible_isStoppedByTheGuardAndRolledBack() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("notes/a.txt", "a"));
        // Up front notes/ is empty, so the dry run finds nothing to move.
        TestMigration two = TestMigration.of("2", ctx -> ctx.moveKeys("notes/", key -> "_migrations/" + key));

        assertThatThrownBy(() -> migrator(one, two).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class);

        assertThat(stateOf("1", one, two)).isEqualTo(MigrationState.SUCCESS);
        assertThat(stateOf("2", one, two)).isEqualTo(MigrationState.FAILED);
        assertThat(store.exists("_migrations/notes/a.txt")).isFalse();
        assertThat(store.getString("notes/a.txt")).isEqualTo("a");
    }

    @Test
    void plan_stepWritingUnderTheReservedPrefix_listsTheOffendingKeyAndWhyMigrateRejectsIt() {
        MigrationPlan plan = migrator(moveToOriginals("1"), writingReserved("2")).plan();

        assertThat(plan.steps()).hasSize(2);
        assertThat(plan.steps().get(0).rejection()).isEmpty();
        assertThat(plan.steps().get(1).operations()).extracting(Object::toString).containsExactly("PUT _migrations/x");
        assertThat(plan.steps().get(1).rejection()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'_migrations/x'").contains("reserved prefix"));
        assertThat(plan.isRejected()).isTrue();
    }

    @Test
    void plan_duplicateTarget_listsBothSourcesAndTheTarget() {
        MigrationPlan plan = migrator(mergingTwo("1")).plan();

        assertThat(plan.steps().get(0).rejection()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'photos/000.txt'").contains("'photos/001.txt'").contains("'merged.txt'"));
        assertThat(plan.toString()).contains("REJECTED");
    }

    @Test
    void plan_ofARejectedRun_writesNothing() {
        migrator(moveToOriginals("1"), writingReserved("2"), mergingTwo("3")).plan();

        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }
}
