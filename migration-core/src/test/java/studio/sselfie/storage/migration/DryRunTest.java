package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** A dry run is the running engine in another mode: what each mode records, skips and checks, beyond PlanTest. */
class DryRunTest {
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

    @Test
    void plan_updateMetadataAndDeleteAll_listThePutsAndDeletesARunWouldMake() {
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.updateMetadata("photos/", info -> info.key().endsWith("0.txt") ? Map.of("seed", "changed") : info.metadata());
            ctx.store().deleteAll(List.of("photos/001.txt", "photos/002.txt"));
        });

        MigrationPlan plan = migrator(step).plan();

        assertThat(plan.operations()).extracting(Object::toString)
                .containsExactly("PUT photos/000.txt", "DELETE photos/001.txt", "DELETE photos/002.txt");
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void plan_copyFrom_listsEachCopyWithItsSourceBackend() {
        InMemoryStorageBackend other = InMemoryStorageBackend.create("other");
        Stores.seed(other, "in/", 2);
        TestMigration step = TestMigration.of("1", ctx -> ctx.copyFrom(other, "in/", key -> "copied/" + key));

        MigrationPlan plan = migrator(step).plan();

        assertThat(plan.operations()).extracting(MigrationPlan.Operation::key)
                .containsExactly("copied/in/000.txt", "copied/in/001.txt");
        assertThat(plan.operations()).allSatisfy(operation -> {
            assertThat(operation.kind()).isEqualTo(MigrationPlan.Kind.COPY);
            assertThat(operation.sourceBackend()).contains(other.name());
        });
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void plan_customUnits_areNeverDoneAndTheirCheckpointsAreNotWritten() {
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.checkpoint("unit-1");
            seen.add(ctx.isDone("unit-1"));
            ctx.backup("photos/000.txt");
        });

        migrator(step).plan();

        assertThat(seen).containsExactly(false);
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }

    @Test
    void plan_stepCatchingAReservedBackup_isRejectedAllTheSame() {
        TestMigration sly = TestMigration.of("1", ctx -> {
            try {
                ctx.backup("_migrations/lock");
            } catch (ReservedPrefixException ignored) {
                // The step goes on as if nothing happened.
            }
        });

        MigrationPlan plan = migrator(sly).plan();

        assertThat(plan.steps().get(0).rejection()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("'_migrations/lock'").contains("reserved prefix"));
    }

    @Test
    void plan_reportsNoProgress() {
        List<Progress> heard = new CopyOnWriteArrayList<>();
        TestMigration step = TestMigration.of("1", ctx -> {
            ctx.moveKeys("photos/", key -> "originals/" + key.substring(7));
            ctx.progress(1, 1);
        });

        Migrator.builder().backend(store).migrations(step).listener(new MigrationListener() {
            @Override
            public void progress(MigrationVersion version, Progress progress) {
                heard.add(progress);
            }
        }).build().plan();

        assertThat(heard).isEmpty();
    }

    @Test
    void migrate_checkBeforeTheRun_doesNotRunTransformFunctionsButThePlanDoes() {
        AtomicInteger calls = new AtomicInteger();
        TestMigration step = TestMigration.of("1", ctx -> ctx.transform("photos/", info -> true, (original, body) -> {
            calls.incrementAndGet();
            return Optional.of(new DerivedObject("thumbs/" + original.key(), new byte[] {1}, "image/jpeg", Map.of()));
        }));

        migrator(step).plan();
        assertThat(calls).hasValue(3);

        calls.set(0);
        migrator(step).migrate();
        assertThat(calls).hasValue(3); // the run's units only
        assertThat(step.dryRuns).hasValue(2); // the plan, and the check before the run
    }

    @Test
    void migrate_checkBeforeTheRun_rejectsAReservedPrefixOfATransformWithoutReadingAnObject() {
        AtomicInteger calls = new AtomicInteger();
        TestMigration evil = TestMigration.of("1", ctx -> ctx.updateMetadata("_migrations/", info -> {
            calls.incrementAndGet();
            return Map.of();
        }));

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("'_migrations/'").hasMessageContaining("nothing was written");

        assertThat(calls).hasValue(0);
        assertThat(Stores.snapshotAll(store)).isEqualTo(before);
    }
}
