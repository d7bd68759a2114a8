package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class ReservedPrefixTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private Map<String, String> seed;

    @BeforeEach
    void seed() {
        Stores.seed(store, "photos/", 3);
        seed = Stores.snapshot(store);
    }

    private Migrator migrator(Migration migration) {
        return Migrator.builder().backend(store).migrations(migration).owner("runner-a").build();
    }

    // A step whose dry run behaves, but which touches the reserved prefix when it runs for real, meets the guard of
    // the running context: the second line of defence after the dry run migrate makes first (see PreflightTest).

    @Test
    void reserved_putUnderThePrefixWhenRunForReal_isStoppedByTheGuardAndRolledBack() {
        TestMigration evil = TestMigration.of("1", ctx -> {
            ctx.store().put("notes/new.txt", "created");
            if (!ctx.isDryRun()) {
                ctx.store().put("_migrations/history/2.json", "{}");
            }
        });

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("at key '_migrations/history/2.json'");
        assertThat(store.exists("_migrations/history/2.json")).isFalse();
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void reserved_readUnderThePrefixWhenRunForReal_isStoppedByTheGuard() {
        TestMigration nosy = TestMigration.of("1", ctx -> {
            if (!ctx.isDryRun()) {
                ctx.store().getBytes("_migrations/lock");
            }
        });

        assertThatThrownBy(() -> migrator(nosy).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class);
    }

    @Test
    void reserved_moveTargetUnderThePrefixWhenRunForReal_isStoppedBeforeTheStepsFirstWrite() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.moveKeys("photos/",
                key -> (ctx.isDryRun() ? "originals/" : "_migrations/") + key));

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
        assertThat(store.list("_migrations/photos").count()).isZero();
    }

    @Test
    void reserved_listingThroughTheContext_leavesTheStateOut() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestMigration lister = TestMigration.of("1", ctx -> {
            if (!ctx.isDryRun()) {
                ctx.store().list("").map(ObjectInfo::key).forEach(seen::add);
            }
        });

        migrator(lister).migrate();

        assertThat(seen).containsExactlyElementsOf(seed.keySet());
    }

    @Test
    void reserved_listingInTheDryRun_leavesTheStateOut() {
        List<String> seen = new CopyOnWriteArrayList<>();
        store.put("_migrations/leftover", "state");
        TestMigration lister = TestMigration.of("1", ctx -> ctx.store().list("").map(ObjectInfo::key).forEach(seen::add));

        migrator(lister).plan();

        assertThat(seen).containsExactlyElementsOf(seed.keySet());
    }

    @Test
    void reserved_customPrefix_isGuardedAndNothingIsWrittenUnderEither() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("ops/state/x", "no"));
        Migrator migrator = Migrator.builder().backend(store).migrations(one).reservedPrefix("ops/state/").build();

        assertThatThrownBy(migrator::migrate).isInstanceOf(ReservedPrefixException.class).hasMessageContaining("'ops/state/'");
        assertThat(store.list("ops/state/").count()).isZero();
        assertThat(store.list("_migrations/").count()).isZero();
    }

    @Test
    void reserved_customPrefix_holdsTheState() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("notes/new.txt", "created"));

        Migrator.builder().backend(store).migrations(one).reservedPrefix("ops/state/").build().migrate();

        assertThat(store.list("ops/state/history/").map(ObjectInfo::key).collect(Collectors.toList()))
                .containsExactly("ops/state/history/1.json");
        assertThat(store.list("_migrations/").count()).isZero();
    }
}
