package studio.sselfie.storage.guice;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.Migrator;

/**
 * Provides a {@link Migrator} over a bound {@link StorageBackend}, running the {@link Migration}s collected by
 * multibinding ({@code Multibinder<Migration>}). Migrations are created by Guice, so one can inject what it needs,
 * e.g. another backend to copy from:
 *
 * <pre>{@code
 * class V2__Copy_from_old_bucket extends BaseMigration {
 *     private final StorageBackend source;
 *
 *     @Inject
 *     V2__Copy_from_old_bucket(@Named("source") StorageBackend source) {
 *         this.source = source;
 *     }
 *
 *     public void up(MigrationContext context) {
 *         context.copyFrom(source, "photos/", key -> key);
 *     }
 * }
 *
 * Injector injector = Guice.createInjector(
 *         StorageModule.fromProperties(properties),
 *         MigrationModule.builder()
 *                 .backend("target")
 *                 .migration(V1__Add_thumbnails.class)
 *                 .migration(V2__Copy_from_old_bucket.class)
 *                 .build());
 * injector.getInstance(Migrator.class).migrate();
 * }</pre>
 *
 * Other modules add migrations with {@link #addMigration(Binder, Class)}. A bound {@link MigrationListener}
 * ({@code bind(MigrationListener.class).to(...)}, or through {@code OptionalBinder}) hears the migrator's progress.
 *
 * <p>The {@code Migrator} is an eager singleton: a missing backend binding, a backend without conditional writes, a
 * migration class not named {@code V<version>__<Description>} or two migrations of one version make
 * {@code Guice.createInjector} fail. Building it does no I/O. One injector has one {@code Migrator}.
 */
public final class MigrationModule extends AbstractModule {
    private final Key<StorageBackend> backend;
    private final List<Class<? extends Migration>> migrations;
    private final List<Consumer<Migrator.Builder>> settings;

    private MigrationModule(Builder builder) {
        this.backend = builder.backend;
        this.migrations = List.copyOf(builder.migrations);
        this.settings = List.copyOf(builder.settings);
    }

    /** A builder; by default the migrator works on the unqualified {@code StorageBackend} with no migration of its own. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Adds a migration to the set the {@code Migrator} runs, from any module: Guice creates it (it may have an
     * {@code @Inject} constructor).
     */
    public static void addMigration(Binder binder, Class<? extends Migration> migration) {
        requireNonNull(binder, "binder is null");
        requireNonNull(migration, "migration is null");
        migrations(binder).addBinding().to(migration);
    }

    /** Adds a migration instance to the set the {@code Migrator} runs, from any module. */
    public static void addMigration(Binder binder, Migration migration) {
        requireNonNull(binder, "binder is null");
        requireNonNull(migration, "migration is null");
        migrations(binder).addBinding().toInstance(migration);
    }

    /** The multibinder of the migrations the {@code Migrator} runs, for bindings {@link #addMigration} does not cover. */
    public static Multibinder<Migration> migrations(Binder binder) {
        return Multibinder.newSetBinder(requireNonNull(binder, "binder is null"), Migration.class);
    }

    @Override
    protected void configure() {
        Multibinder<Migration> set = migrations(binder());
        for (Class<? extends Migration> migration : migrations) {
            set.addBinding().to(migration);
        }
        OptionalBinder.newOptionalBinder(binder(), MigrationListener.class);
        bind(Migrator.class).toProvider(new MigratorProvider(getProvider(backend),
                getProvider(Key.get(new TypeLiteral<Set<Migration>>() { })),
                getProvider(Key.get(new TypeLiteral<Optional<MigrationListener>>() { })), settings))
                .asEagerSingleton();
    }

    @Override
    public String toString() {
        return "MigrationModule{backend=" + BackendSpec.describe(backend) + ", migrations=" + migrations + '}';
    }

    /** Builds the migrator once the injector has the backend, the migrations and the listener. */
    private static final class MigratorProvider implements Provider<Migrator> {
        private final Provider<StorageBackend> backend;
        private final Provider<Set<Migration>> migrations;
        private final Provider<Optional<MigrationListener>> listener;
        private final List<Consumer<Migrator.Builder>> settings;

        MigratorProvider(Provider<StorageBackend> backend, Provider<Set<Migration>> migrations,
                Provider<Optional<MigrationListener>> listener, List<Consumer<Migrator.Builder>> settings) {
            this.backend = backend;
            this.migrations = migrations;
            this.listener = listener;
            this.settings = settings;
        }

        @Override
        public Migrator get() {
            Migrator.Builder builder = Migrator.builder().backend(backend.get()).migrations(migrations.get());
            listener.get().ifPresent(builder::listener);
            settings.forEach(setting -> setting.accept(builder));
            return builder.build();
        }
    }

    /**
     * Builder of a {@link MigrationModule}. Each setting is checked at once, by the same rules as
     * {@link Migrator.Builder}'s; unset ones keep the {@code Migrator}'s defaults.
     */
    public static final class Builder {
        private Key<StorageBackend> backend = Key.get(StorageBackend.class);
        private final List<Class<? extends Migration>> migrations = new ArrayList<>();
        private final List<Consumer<Migrator.Builder>> settings = new ArrayList<>();
        // Checks each setting with the Migrator's own rules, so that a bad one fails here and not at injector creation.
        private final Migrator.Builder probe = Migrator.builder();

        private Builder() {
        }

        /** Migrates the backend bound as {@code @Named(name) StorageBackend}. Default: the unqualified one. */
        public Builder backend(String name) {
            requireNonNull(name, "name is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            return backend(Key.get(StorageBackend.class, Names.named(name)));
        }

        /** Migrates the backend bound to {@code key} (e.g. with a qualifier annotation of the application's). */
        public Builder backend(Key<StorageBackend> key) {
            this.backend = requireNonNull(key, "key is null");
            return this;
        }

        /** Adds a migration; Guice creates it. Same as {@link MigrationModule#addMigration(Binder, Class)}. */
        public Builder migration(Class<? extends Migration> migration) {
            migrations.add(requireNonNull(migration, "migration is null"));
            return this;
        }

        /** See {@link Migrator.Builder#reservedPrefix(String)}. Default {@code _migrations/}. */
        public Builder reservedPrefix(String reservedPrefix) {
            return set(builder -> builder.reservedPrefix(reservedPrefix));
        }

        /** See {@link Migrator.Builder#lockLease(Duration)}. Default 60 seconds. */
        public Builder lockLease(Duration lockLease) {
            return set(builder -> builder.lockLease(lockLease));
        }

        /** See {@link Migrator.Builder#lockWait(Duration)}. Default 0: fail at once if another runner holds the lock. */
        public Builder lockWait(Duration lockWait) {
            return set(builder -> builder.lockWait(lockWait));
        }

        /** See {@link Migrator.Builder#owner(String)}. Default: {@code user@host} and a random suffix. */
        public Builder owner(String owner) {
            return set(builder -> builder.owner(owner));
        }

        /** See {@link Migrator.Builder#concurrency(int)}. Default {@value Migrator.Builder#DEFAULT_CONCURRENCY}. */
        public Builder concurrency(int concurrency) {
            return set(builder -> builder.concurrency(concurrency));
        }

        /** Checks the setting at once on a probe builder (the Migrator's own rules), then keeps it for the Migrator. */
        private Builder set(Consumer<Migrator.Builder> setting) {
            setting.accept(probe);
            settings.add(setting);
            return this;
        }

        /** The module. */
        public MigrationModule build() {
            return new MigrationModule(this);
        }
    }
}
