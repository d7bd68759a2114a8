package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;

class StorageLifecycleTest {

    @Test
    void close_afterwards_everyBackendRefusesCalls() {
        Injector injector = Guice.createInjector(StorageModule.builder()
                .backend("mem://main")
                .backend("source", "mem://old")
                .build());
        StorageBackend main = injector.getInstance(StorageBackend.class);
        StorageBackend source = injector.getInstance(Key.get(StorageBackend.class, Names.named("source")));

        injector.getInstance(StorageLifecycle.class).close();

        assertThatThrownBy(() -> main.get("a.txt")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> source.get("a.txt")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void close_resilientBackend_closesTheDelegate() {
        Injector injector = Guice.createInjector(StorageModule.builder().backend("mem://main")
                .resilience(ResilienceConfig.defaults()).build());
        StorageBackend main = injector.getInstance(StorageBackend.class);

        injector.getInstance(StorageLifecycle.class).close();

        assertThatThrownBy(() -> main.get("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_twice_isHarmless() {
        Injector injector = Guice.createInjector(StorageModule.builder().backend("mem://main").build());
        StorageLifecycle lifecycle = injector.getInstance(StorageLifecycle.class);

        lifecycle.close();

        assertThatCode(lifecycle::close).doesNotThrowAnyException();
        assertThat(lifecycle.isClosed()).isTrue();
    }

    @Test
    void lifecycle_twoStorageModules_isOneInstanceClosingBoth() {
        Injector injector = Guice.createInjector(
                StorageModule.builder().backend("source", "mem://old").build(),
                StorageModule.builder().backend("target", "mem://new").build());
        StorageLifecycle lifecycle = injector.getInstance(StorageLifecycle.class);
        StorageBackend source = injector.getInstance(Key.get(StorageBackend.class, Names.named("source")));
        StorageBackend target = injector.getInstance(Key.get(StorageBackend.class, Names.named("target")));

        lifecycle.close();

        assertThat(injector.getInstance(StorageLifecycle.class)).isSameAs(lifecycle);
        assertThat(lifecycle.backends()).containsValues(source, target).hasSize(2);
        assertThatThrownBy(() -> source.exists("a")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> target.exists("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void backends_inOpeningOrder_areKeyedAsBound() {
        Injector injector = Guice.createInjector(StorageModule.builder()
                .backend("source", "mem://old")
                .backend("mem://main")
                .build());
        StorageLifecycle lifecycle = injector.getInstance(StorageLifecycle.class);
        try {
            assertThat(lifecycle.backends().keySet()).containsExactly(Key.get(StorageBackend.class),
                    Key.get(StorageBackend.class, Names.named("source")));
        } finally {
            lifecycle.close();
        }
    }

    @Test
    void createInjector_backendsOpenedEagerly_beforeAnyoneAsks() {
        Injector injector = Guice.createInjector(StorageModule.builder().backend("tracked://eager").build());
        try {
            assertThat(TrackingProvider.opened("eager").exists("a.txt")).isFalse();
        } finally {
            injector.getInstance(StorageLifecycle.class).close();
        }
    }
}
