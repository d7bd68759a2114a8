package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

import jakarta.inject.Inject;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class StorageModuleTest {
    private final Injectors injectors = new Injectors();

    @AfterEach
    void closeBackends() {
        injectors.closeAll();
    }

    private static Key<StorageBackend> named(String name) {
        return Key.get(StorageBackend.class, Names.named(name));
    }

    /** Takes both backends the way application code does: constructor injection with jakarta's {@code @Named}. */
    static final class Gallery {
        final StorageBackend source;
        final StorageBackend target;

        @Inject
        Gallery(@jakarta.inject.Named("source") StorageBackend source,
                @com.google.inject.name.Named("target") StorageBackend target) {
            this.source = source;
            this.target = target;
        }
    }

    @Test
    void backend_unqualifiedMemUri_storesAndReads() {
        Injector injector = injectors.create(StorageModule.builder().backend(URI.create("mem://gallery")).build());
        StorageBackend backend = injector.getInstance(StorageBackend.class);

        backend.put("photos/a.txt", "hello");

        assertThat(backend).isInstanceOf(InMemoryStorageBackend.class);
        assertThat(backend.name()).isEqualTo("mem://gallery");
        assertThat(backend.getString("photos/a.txt")).isEqualTo("hello");
    }

    @Test
    void backend_twoNames_areDistinctIndependentStores() {
        Injector injector = injectors.create(StorageModule.builder()
                .backend("source", "mem://old")
                .backend("target", "mem://new")
                .build());
        StorageBackend source = injector.getInstance(named("source"));
        StorageBackend target = injector.getInstance(named("target"));

        source.put("a.txt", "only in source");

        assertThat(source).isNotSameAs(target);
        assertThat(source.name()).isEqualTo("mem://old");
        assertThat(target.name()).isEqualTo("mem://new");
        assertThat(target.exists("a.txt")).isFalse();
    }

    @Test
    void backend_sameKeyTwice_isTheSameInstance() {
        Injector injector = injectors.create(StorageModule.builder().backend("source", "mem://old").build());

        assertThat(injector.getInstance(named("source"))).isSameAs(injector.getInstance(named("source")));
    }

    @Test
    void backend_injectedWithJakartaOrGuiceNamed_isTheBoundSingleton() {
        Injector injector = injectors.create(StorageModule.builder()
                .backend("source", "mem://old")
                .backend("target", "mem://new")
                .build());

        Gallery gallery = injector.getInstance(Gallery.class);

        assertThat(gallery.source).isSameAs(injector.getInstance(named("source")));
        assertThat(gallery.target).isSameAs(injector.getInstance(named("target")));
    }

    @Test
    void backend_qualifiedOnly_leavesUnqualifiedUnbound() {
        Injector injector = injectors.create(StorageModule.builder().backend("source", "mem://old").build());

        assertThat(injector.getExistingBinding(Key.get(StorageBackend.class))).isNull();
    }

    @Test
    void createInjector_unknownScheme_failsNamingSchemeAndSetting() {
        StorageModule module = StorageModule.builder().backend("source", "nosuch://photos").build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("'nosuch'")
                .hasMessageContaining("backend(\"source\", uri)");
    }

    @Test
    void createInjector_minioWithoutEndpoint_failsNamingEndpoint() {
        StorageModule module = StorageModule.builder().backend(URI.create("minio://photos?region=eu-west-1")).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("'endpoint' is required");
    }

    @Test
    void createInjector_s3WithEmptyEndpoint_failsNamingEndpoint() {
        StorageModule module = StorageModule.builder().backend(URI.create("s3://photos?endpoint=")).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("endpoint must be an http or https URI");
    }

    @Test
    void createInjector_badUriParameter_failsNamingIt() {
        StorageModule module = StorageModule.builder().backend(URI.create("s3://photos?pathStyle=maybe")).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("pathStyle");
    }

    @Test
    void createInjector_secondBackendFails_closesTheFirst() {
        StorageModule module = StorageModule.builder()
                .backend("tracked://opened-before-failure")
                .backend("broken", "nosuch://photos")
                .build();

        assertThatThrownBy(() -> injectors.create(module)).isInstanceOf(CreationException.class);

        StorageBackend first = TrackingProvider.opened("opened-before-failure");
        assertThatThrownBy(() -> first.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createInjector_secondBackendFailsWithAnError_closesTheFirst() {
        StorageModule module = StorageModule.builder()
                .backend("tracked://opened-before-error")
                .backend("broken", "erroring://photos")
                .build();

        assertThatThrownBy(() -> injectors.create(module)).hasStackTraceContaining("MissingClientClass");

        StorageBackend first = TrackingProvider.opened("opened-before-error");
        assertThatThrownBy(() -> first.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void createInjector_sameNameInTwoModules_failsAsDuplicateBinding() {
        assertThatThrownBy(() -> injectors.create(
                StorageModule.builder().backend("source", "mem://a").build(),
                StorageModule.builder().backend("source", "mem://b").build()))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("source");
    }

    @Test
    void builder_noBackend_isRejected() {
        assertThatThrownBy(() -> StorageModule.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no backend");
    }

    @Test
    void builder_sameNameTwice_isRejectedNamingIt() {
        StorageModule.Builder builder = StorageModule.builder().backend("source", "mem://a");

        assertThatThrownBy(() -> builder.backend("source", "mem://b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'source'");
    }

    @Test
    void builder_secondUnqualifiedBackend_isRejected() {
        StorageModule.Builder builder = StorageModule.builder().backend("mem://a");

        assertThatThrownBy(() -> builder.backend("mem://b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already given");
    }

    @Test
    void builder_uriWithoutScheme_isRejectedAtOnce() {
        assertThatThrownBy(() -> StorageModule.builder().backend("photos"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no scheme");
    }

    @Test
    void builder_nullName_throwsNamingIt() {
        assertThatThrownBy(() -> StorageModule.builder().backend(null, URI.create("mem://a")))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("name is null");
    }
}
