package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** The typed route: backends the application builds itself and hands to the module as a factory. */
class StorageModuleFactoryTest {
    private final Injectors injectors = new Injectors();

    @AfterEach
    void closeBackends() {
        injectors.closeAll();
    }

    private static Key<StorageBackend> named(String name) {
        return Key.get(StorageBackend.class, Names.named(name));
    }

    /** A factory that counts its calls and builds a fresh in-memory store each time. */
    private static final class CountingFactory implements Supplier<StorageBackend> {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public StorageBackend get() {
            return InMemoryStorageBackend.create("mem://built-" + calls.incrementAndGet());
        }
    }

    @Test
    void backend_unqualifiedFactory_injectsTheSuppliedInstance() {
        StorageBackend built = InMemoryStorageBackend.create("gallery");

        Injector injector = injectors.create(StorageModule.builder().backend(() -> built).build());

        assertThat(injector.getInstance(StorageBackend.class)).isSameAs(built);
    }

    @Test
    void backend_namedFactory_injectsTheSuppliedInstance() {
        StorageBackend built = InMemoryStorageBackend.create("photos");

        Injector injector = injectors.create(StorageModule.builder().backend("photos", () -> built).build());

        assertThat(injector.getInstance(named("photos"))).isSameAs(built);
    }

    @Test
    void backend_factoryAndUriInOneModule_bindBoth() {
        StorageBackend built = InMemoryStorageBackend.create("photos");

        Injector injector = injectors.create(StorageModule.builder()
                .backend("photos", () -> built)
                .backend("cache", "mem://cache")
                .build());

        assertThat(injector.getInstance(named("photos"))).isSameAs(built);
        assertThat(injector.getInstance(named("cache")).name()).isEqualTo("mem://cache");
    }

    @Test
    void backend_supplierOfASubtype_isAccepted() {
        Supplier<InMemoryStorageBackend> factory = () -> InMemoryStorageBackend.create("typed");

        Injector injector = injectors.create(StorageModule.builder().backend("typed", factory).build());

        assertThat(injector.getInstance(named("typed"))).isInstanceOf(InMemoryStorageBackend.class);
    }

    @Test
    void createInjector_factory_isCalledBeforeAnyoneAsks() {
        CountingFactory factory = new CountingFactory();

        injectors.create(StorageModule.builder().backend("photos", factory).build());

        assertThat(factory.calls).hasValue(1);
    }

    @Test
    void getInstance_repeatedly_doesNotCallTheFactoryAgain() {
        CountingFactory factory = new CountingFactory();
        Injector injector = injectors.create(StorageModule.builder().backend(factory).build());

        StorageBackend first = injector.getInstance(StorageBackend.class);
        StorageBackend second = injector.getInstance(StorageBackend.class);

        assertThat(second).isSameAs(first);
        assertThat(factory.calls).hasValue(1);
    }

    @Test
    void createInjector_sameModuleTwice_callsTheFactoryOncePerInjector() {
        CountingFactory factory = new CountingFactory();
        StorageModule module = StorageModule.builder().backend("photos", factory).build();

        StorageBackend first = injectors.create(module).getInstance(named("photos"));
        StorageBackend second = injectors.create(module).getInstance(named("photos"));

        assertThat(factory.calls).hasValue(2);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void createInjector_unqualifiedFactoryReturnsNull_failsNamingTheCall() {
        StorageModule module = StorageModule.builder().backend(() -> null).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("StorageModule.Builder.backend(factory)")
                .hasMessageContaining("returned null");
    }

    @Test
    void createInjector_namedFactoryReturnsNull_failsNamingTheCall() {
        StorageModule module = StorageModule.builder().backend("photos", () -> null).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("StorageModule.Builder.backend(\"photos\", factory)")
                .hasMessageContaining("returned null");
    }

    @Test
    void createInjector_factoryThrows_failsNamingTheCallAndKeepingTheCause() {
        IllegalStateException boom = new IllegalStateException("bucket config rejected (test)");
        StorageModule module = StorageModule.builder().backend("photos", () -> {
            throw boom;
        }).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("StorageModule.Builder.backend(\"photos\", factory): bucket config rejected (test)")
                .rootCause().isSameAs(boom);
    }

    @Test
    void createInjector_factoryThrowsWithoutMessage_failsNamingTheCallAndTheType() {
        StorageModule module = StorageModule.builder().backend(() -> {
            throw new UnsupportedOperationException();
        }).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("StorageModule.Builder.backend(factory): UnsupportedOperationException");
    }

    @Test
    void createInjector_factoryThrows_closesTheBackendOpenedBefore() {
        StorageBackend first = InMemoryStorageBackend.create("first");
        StorageModule module = StorageModule.builder()
                .backend("first", () -> first)
                .backend("second", () -> {
                    throw new IllegalStateException("cannot build (test)");
                })
                .build();

        assertThatThrownBy(() -> injectors.create(module)).isInstanceOf(CreationException.class);

        assertThatThrownBy(() -> first.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createInjector_factoryThrowsAnError_closesTheBackendOpenedBefore() {
        StorageBackend first = InMemoryStorageBackend.create("first");
        StorageModule module = StorageModule.builder()
                .backend("first", () -> first)
                .backend("second", () -> {
                    throw new NoClassDefFoundError("com/example/MissingClientClass (test)");
                })
                .build();

        assertThatThrownBy(() -> injectors.create(module)).hasStackTraceContaining("MissingClientClass");

        assertThatThrownBy(() -> first.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createInjector_uriAfterTheFactoryFails_closesTheSuppliedBackend() {
        StorageBackend built = InMemoryStorageBackend.create("built");
        StorageModule module = StorageModule.builder()
                .backend(() -> built)
                .backend("broken", "nosuch://photos")
                .build();

        assertThatThrownBy(() -> injectors.create(module)).isInstanceOf(CreationException.class);

        assertThatThrownBy(() -> built.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_suppliedBackends_areClosed() {
        StorageBackend main = InMemoryStorageBackend.create("main");
        StorageBackend photos = InMemoryStorageBackend.create("photos");
        Injector injector = injectors.create(StorageModule.builder()
                .backend(() -> main)
                .backend("photos", () -> photos)
                .build());

        injector.getInstance(StorageLifecycle.class).close();

        assertThatThrownBy(() -> main.exists("a.txt")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> photos.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builder_factoryUnderATakenName_isRejectedNamingIt() {
        StorageModule.Builder builder = StorageModule.builder().backend("photos", "mem://photos");

        assertThatThrownBy(() -> builder.backend("photos", () -> InMemoryStorageBackend.create("photos")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'photos'");
    }

    @Test
    void builder_uriUnderANameTakenByAFactory_isRejectedNamingIt() {
        StorageModule.Builder builder = StorageModule.builder()
                .backend("photos", () -> InMemoryStorageBackend.create("photos"));

        assertThatThrownBy(() -> builder.backend("photos", "mem://photos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'photos'");
    }

    @Test
    void builder_factoryWithBlankName_isRejected() {
        assertThatThrownBy(() -> StorageModule.builder().backend(" ", () -> InMemoryStorageBackend.create("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void builder_unqualifiedFactoryAfterUnqualifiedUri_isRejected() {
        StorageModule.Builder builder = StorageModule.builder().backend("mem://main");

        assertThatThrownBy(() -> builder.backend(() -> InMemoryStorageBackend.create("main")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already given");
    }

    @Test
    void builder_unqualifiedUriAfterUnqualifiedFactory_isRejected() {
        StorageModule.Builder builder = StorageModule.builder().backend(() -> InMemoryStorageBackend.create("main"));

        assertThatThrownBy(() -> builder.backend("mem://main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already given");
    }

    @Test
    void builder_nullFactory_throwsNamingIt() {
        assertThatThrownBy(() -> StorageModule.builder().backend("photos", (Supplier<StorageBackend>) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("factory is null");
    }

    @Test
    void builder_factory_isNotCalledBeforeTheInjectorIsCreated() {
        CountingFactory factory = new CountingFactory();

        StorageModule.builder().backend("photos", factory).build();

        assertThat(factory.calls).hasValue(0);
    }
}
