package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

import jakarta.inject.Inject;
import jakarta.inject.Named;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.MigrationContext;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

class MigrationModuleTest {
    private final Injectors injectors = new Injectors();

    @AfterEach
    void closeBackends() {
        injectors.closeAll();
    }

    static final class V1__Add_readme extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
            context.store().put("readme.txt", "gallery");
        }
    }

    static final class V2__Move_photos extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
            context.moveKeys("photos/", key -> "images/" + key.substring("photos/".length()));
        }
    }

    /** Gets the source store injected: what multibinding migrations is for. */
    static final class V3__Copy_from_source extends BaseMigration {
        private final StorageBackend source;

        @Inject
        V3__Copy_from_source(@Named("source") StorageBackend source) {
            this.source = source;
        }

        @Override
        public void up(MigrationContext context) {
            context.copyFrom(source, "legacy/", key -> "images/" + key.substring("legacy/".length()));
        }
    }

    static final class RecordingListener implements MigrationListener {
        final List<MigrationVersion> finished = new ArrayList<>();

        @Override
        public void stepSucceeded(MigrationInfo info) {
            finished.add(info.version());
        }
    }

    private static List<MigrationState> states(Migrator migrator) {
        return migrator.info().stream().map(MigrationInfo::state).toList();
    }

    @Test
    void migrator_twoMultiboundMigrations_migratesStoreToLatest() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("mem://gallery").build(),
                MigrationModule.builder().migration(V1__Add_readme.class).migration(V2__Move_photos.class).build());
        StorageBackend store = injector.getInstance(StorageBackend.class);
        store.put("photos/a.jpg", "jpeg bytes");
        Migrator migrator = injector.getInstance(Migrator.class);

        migrator.migrate();

        assertThat(migrator.info()).extracting(MigrationInfo::version)
                .containsExactly(MigrationVersion.parse("1"), MigrationVersion.parse("2"));
        assertThat(states(migrator)).containsOnly(MigrationState.SUCCESS);
        assertThat(store.getString("images/a.jpg")).isEqualTo("jpeg bytes");
        assertThat(store.exists("photos/a.jpg")).isFalse();
        assertThat(store.getString("readme.txt")).isEqualTo("gallery");
    }

    @Test
    void migrator_beforeMigrate_reportsEveryMigrationPending() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("mem://gallery").build(),
                MigrationModule.builder().migration(V1__Add_readme.class).migration(V2__Move_photos.class).build());

        assertThat(states(injector.getInstance(Migrator.class)))
                .containsExactly(MigrationState.PENDING, MigrationState.PENDING);
    }

    @Test
    void migrator_migrationsAddedFromAnotherModule_areRunToo() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("mem://gallery").build(),
                MigrationModule.builder().migration(V1__Add_readme.class).build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        MigrationModule.addMigration(binder(), V2__Move_photos.class);
                    }
                });
        Migrator migrator = injector.getInstance(Migrator.class);

        migrator.migrate();

        assertThat(migrator.info()).extracting(MigrationInfo::version)
                .containsExactly(MigrationVersion.parse("1"), MigrationVersion.parse("2"));
    }

    @Test
    void migrator_namedTarget_migratesItWithInjectedSource() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("source", "mem://old").backend("target", "mem://new").build(),
                MigrationModule.builder().backend("target").migration(V3__Copy_from_source.class).build());
        StorageBackend source = injector.getInstance(Key.get(StorageBackend.class, Names.named("source")));
        StorageBackend target = injector.getInstance(Key.get(StorageBackend.class, Names.named("target")));
        source.put("legacy/b.png", "png bytes");

        injector.getInstance(Migrator.class).migrate();

        assertThat(target.getString("images/b.png")).isEqualTo("png bytes");
        assertThat(source.list("").map(info -> info.key())).containsExactly("legacy/b.png");
    }

    @Test
    void migrator_settings_areApplied() {
        RecordingListener listener = new RecordingListener();
        Injector injector = injectors.create(
                StorageModule.builder().backend("mem://gallery").build(),
                MigrationModule.builder().migration(V1__Add_readme.class)
                        .reservedPrefix("_state/").lockLease(Duration.ofSeconds(30)).owner("deploy-42").build(),
                new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(MigrationListener.class).toInstance(listener);
                    }
                });
        StorageBackend store = injector.getInstance(StorageBackend.class);
        Migrator migrator = injector.getInstance(Migrator.class);

        migrator.migrate();

        assertThat(migrator.info().get(0).appliedBy()).contains("deploy-42");
        assertThat(store.list("_state/").findAny()).isPresent();
        assertThat(store.list("_migrations/").findAny()).isEmpty();
        assertThat(listener.finished).containsExactly(MigrationVersion.parse("1"));
    }

    @Test
    void migrator_isOneInstance() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("mem://gallery").build(),
                MigrationModule.builder().build());

        assertThat(injector.getInstance(Migrator.class)).isSameAs(injector.getInstance(Migrator.class));
    }

    @Test
    void createInjector_backendNotBound_failsNamingTheKey() {
        assertThatThrownBy(() -> injectors.create(
                StorageModule.builder().backend("source", "mem://old").build(),
                MigrationModule.builder().backend("target").build()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("target");
    }

    @Test
    void builder_badLockLease_isRejectedAtOnce() {
        assertThatThrownBy(() -> MigrationModule.builder().lockLease(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lockLease");
    }

    @Test
    void builder_badReservedPrefix_isRejectedAtOnce() {
        assertThatThrownBy(() -> MigrationModule.builder().reservedPrefix("no-slash"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
