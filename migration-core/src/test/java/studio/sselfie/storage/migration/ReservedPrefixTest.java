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

    @Test
    void reserved_putUnderThePrefix_isRejectedAndNothingIsWritten() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.store().put("_migrations/history/2.json", "{}"));

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class)
                .hasMessageContaining("_migrations/history/2.json");
        assertThat(store.exists("_migrations/history/2.json")).isFalse();
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void reserved_readUnderThePrefix_isRejected() {
        TestMigration nosy = TestMigration.of("1", ctx -> ctx.store().getBytes("_migrations/lock"));

        assertThatThrownBy(() -> migrator(nosy).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class);
    }

    @Test
    void reserved_moveTargetUnderThePrefix_isRejectedBeforeTheFirstWrite() {
        TestMigration evil = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "_migrations/" + key));

        assertThatThrownBy(() -> migrator(evil).migrate()).isInstanceOf(MigrationFailedException.class)
                .hasCauseInstanceOf(ReservedPrefixException.class);
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
        assertThat(store.list("_migrations/photos").count()).isZero();
    }

    @Test
    void reserved_listingThroughTheContext_leavesTheStateOut() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TestMigration lister = TestMigration.of("1", ctx -> ctx.store().list("").map(ObjectInfo::key).forEach(seen::add));

        migrator(lister).migrate();

        assertThat(seen).containsExactlyElementsOf(seed.keySet());
    }

    @Test
    void reserved_customPrefix_holdsTheStateAndIsGuarded() {
        TestMigration one = TestMigration.of("1", ctx -> ctx.store().put("ops/state/x", "no"));
        Migrator migrator = Migrator.builder().backend(store).migrations(one).reservedPrefix("ops/state/").build();

        assertThatThrownBy(migrator::migrate).hasCauseInstanceOf(ReservedPrefixException.class);
        assertThat(store.list("ops/state/").map(ObjectInfo::key).collect(Collectors.toList()))
                .containsExactly("ops/state/history/1.json");
        assertThat(store.list("_migrations/").count()).isZero();
    }
}
