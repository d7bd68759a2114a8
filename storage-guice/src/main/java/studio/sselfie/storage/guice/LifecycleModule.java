package studio.sselfie.storage.guice;

import java.util.Set;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.multibindings.Multibinder;

/**
 * Binds the one {@link StorageLifecycle} of an injector, which opens the backends every {@link StorageModule}
 * contributed. Each {@code StorageModule} installs it; all instances are equal, so Guice installs it once however many
 * {@code StorageModule}s there are.
 */
final class LifecycleModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), BackendSpec.class);
        bind(StorageLifecycle.class).toProvider(Opener.class).asEagerSingleton();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LifecycleModule;
    }

    @Override
    public int hashCode() {
        return LifecycleModule.class.hashCode();
    }

    /** Opens the backends of every {@code StorageModule}, in the order the modules were installed. */
    static final class Opener implements Provider<StorageLifecycle> {
        private final Set<BackendSpec> specs;

        @Inject
        Opener(Set<BackendSpec> specs) {
            this.specs = specs;
        }

        @Override
        public StorageLifecycle get() {
            return StorageLifecycle.open(specs);
        }
    }
}
