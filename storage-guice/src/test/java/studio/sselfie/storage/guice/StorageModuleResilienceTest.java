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

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.minio.MinioStorageBackend;
import studio.sselfie.storage.minio.MinioStorageConfig;
import studio.sselfie.storage.resilience.ResilienceConfig;
import studio.sselfie.storage.resilience.ResilientStorageBackend;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;

/** Opening s3:// and minio:// sends no request, so these run without a server (port 9 is discard: nothing listens). */
class StorageModuleResilienceTest {
    private static final String S3_URI = "s3://photos?endpoint=http://127.0.0.1:9&pathStyle=true";
    private static final String MINIO_URI = "minio://photos?endpoint=http://127.0.0.1:9";

    private final Injectors injectors = new Injectors();

    @AfterEach
    void closeBackends() {
        injectors.closeAll();
    }

    private static StorageBackend delegate(StorageBackend backend) {
        assertThat(backend).isInstanceOf(ResilientStorageBackend.class);
        return ((ResilientStorageBackend) backend).delegate();
    }

    @Test
    void resilience_memUri_bindsDecoratorAroundTheOpenedBackend() {
        ResilienceConfig config = ResilienceConfig.builder().maxAttempts(5).build();
        Injector injector = injectors.create(StorageModule.builder().backend("mem://gallery").resilience(config).build());
        StorageBackend backend = injector.getInstance(StorageBackend.class);

        backend.put("a.txt", "through the decorator");

        assertThat(delegate(backend).name()).isEqualTo("mem://gallery");
        assertThat(((ResilientStorageBackend) backend).config()).isSameAs(config);
        assertThat(delegate(backend).getString("a.txt")).isEqualTo("through the decorator");
    }

    @Test
    void resilience_memUri_isOpenedUnchanged() {
        Injector injector = injectors.create(StorageModule.builder().backend("mem://gallery")
                .resilience(ResilienceConfig.defaults()).build());

        assertThat(injector.getInstance(StorageLifecycle.class).resolvedUri(Key.get(StorageBackend.class)))
                .isEqualTo(URI.create("mem://gallery"));
    }

    @Test
    void resilience_s3Uri_turnsSdkRetriesOff() {
        Injector injector = injectors.create(StorageModule.builder().backend(S3_URI)
                .resilience(ResilienceConfig.defaults()).build());

        StorageBackend s3 = delegate(injector.getInstance(StorageBackend.class));

        assertThat(s3).isInstanceOf(S3StorageBackend.class);
        assertThat(((S3StorageBackend) s3).config().sdkMaxAttempts()).isEqualTo(1);
        assertThat(injector.getInstance(StorageLifecycle.class).resolvedUri(Key.get(StorageBackend.class)))
                .isEqualTo(URI.create(S3_URI + "&clientRetries=false"));
    }

    @Test
    void noResilience_s3Uri_keepsSdkRetries() {
        Injector injector = injectors.create(StorageModule.builder().backend(S3_URI).build());

        StorageBackend s3 = injector.getInstance(StorageBackend.class);

        assertThat(s3).isInstanceOf(S3StorageBackend.class);
        assertThat(((S3StorageBackend) s3).config().sdkMaxAttempts()).isEqualTo(S3StorageConfig.DEFAULT_SDK_MAX_ATTEMPTS);
    }

    @Test
    void resilience_minioUri_turnsConnectionRetriesOff() {
        Injector injector = injectors.create(StorageModule.builder().backend("target", MINIO_URI)
                .resilience(ResilienceConfig.defaults()).build());

        StorageBackend minio = delegate(injector.getInstance(Key.get(StorageBackend.class, Names.named("target"))));

        assertThat(minio).isInstanceOf(MinioStorageBackend.class);
        assertThat(((MinioStorageBackend) minio).config().clientRetries()).isFalse();
    }

    @Test
    void resilience_uriWithClientRetriesTrue_failsNamingBothSettings() {
        StorageModule module = StorageModule.builder().backend("source", S3_URI + "&clientRetries=true")
                .resilience(ResilienceConfig.defaults()).build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("clientRetries=true")
                .hasMessageContaining("StorageModule.Builder.backend(\"source\", uri)")
                .hasMessageContaining("StorageModule.Builder.resilience(config)");
    }

    @Test
    void resilience_uriWithClientRetriesFalse_isKept() {
        Injector injector = injectors.create(StorageModule.builder().backend(MINIO_URI + "&clientRetries=false")
                .resilience(ResilienceConfig.defaults()).build());

        assertThat(injector.getInstance(StorageLifecycle.class).resolvedUri(Key.get(StorageBackend.class)))
                .isEqualTo(URI.create(MINIO_URI + "&clientRetries=false"));
    }

    @Test
    void resilience_perNameOverride_appliesToThatBackendOnly() {
        ResilienceConfig everyone = ResilienceConfig.builder().maxAttempts(2).build();
        ResilienceConfig target = ResilienceConfig.builder().maxAttempts(7).build();
        Injector injector = injectors.create(StorageModule.builder()
                .backend("source", "mem://old")
                .backend("target", "mem://new")
                .resilience(everyone)
                .resilience("target", target)
                .build());

        StorageBackend source = injector.getInstance(Key.get(StorageBackend.class, Names.named("source")));
        StorageBackend overridden = injector.getInstance(Key.get(StorageBackend.class, Names.named("target")));

        assertThat(((ResilientStorageBackend) source).config().maxAttempts()).isEqualTo(2);
        assertThat(((ResilientStorageBackend) overridden).config().maxAttempts()).isEqualTo(7);
    }

    @Test
    void resilience_forUnknownName_isRejectedAtBuild() {
        StorageModule.Builder builder = StorageModule.builder().backend("source", "mem://old")
                .resilience("tagret", ResilienceConfig.defaults());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'tagret'");
    }

    @Test
    void resilience_moduleWithAndModuleWithout_bindBoth() {
        Injector injector = injectors.create(
                StorageModule.builder().backend("remote", MINIO_URI).resilience(ResilienceConfig.defaults()).build(),
                StorageModule.builder().backend("cache", "mem://cache").build());

        assertThat(injector.getInstance(Key.get(StorageBackend.class, Names.named("remote"))))
                .isInstanceOf(ResilientStorageBackend.class);
        assertThat(injector.getInstance(Key.get(StorageBackend.class, Names.named("cache"))))
                .isNotInstanceOf(ResilientStorageBackend.class);
    }

    @Test
    void resilience_factory_wrapsTheSuppliedInstance() {
        ResilienceConfig config = ResilienceConfig.builder().maxAttempts(4).build();
        StorageBackend built = InMemoryStorageBackend.create("photos");
        Injector injector = injectors.create(StorageModule.builder().backend("photos", () -> built)
                .resilience(config).build());

        StorageBackend bound = injector.getInstance(Key.get(StorageBackend.class, Names.named("photos")));

        assertThat(delegate(bound)).isSameAs(built);
        assertThat(((ResilientStorageBackend) bound).config()).isSameAs(config);
    }

    @Test
    void resilience_perNameOverride_appliesToAFactoryBackend() {
        ResilienceConfig target = ResilienceConfig.builder().maxAttempts(7).build();
        Injector injector = injectors.create(StorageModule.builder()
                .backend("target", () -> InMemoryStorageBackend.create("new"))
                .resilience(ResilienceConfig.defaults())
                .resilience("target", target)
                .build());

        StorageBackend bound = injector.getInstance(Key.get(StorageBackend.class, Names.named("target")));

        assertThat(((ResilientStorageBackend) bound).config()).isSameAs(target);
    }

    @Test
    void resilience_s3FactoryWithSdkRetriesOff_bindsThatClientInTheDecorator() {
        S3StorageBackend[] built = new S3StorageBackend[1];
        Injector injector = injectors.create(StorageModule.builder()
                .backend(() -> built[0] = S3StorageBackend.create(S3StorageConfig.of(c -> c.bucket("photos")
                        .endpoint("http://127.0.0.1:9").pathStyle(true)
                        .credentials("typed-access", "typed-secret").sdkRetries(1))))
                .resilience(ResilienceConfig.defaults())
                .build());

        StorageBackend s3 = delegate(injector.getInstance(StorageBackend.class));

        assertThat(s3).isSameAs(built[0]);
        assertThat(((S3StorageBackend) s3).config().sdkMaxAttempts()).isEqualTo(1);
        assertThat(((S3StorageBackend) s3).config().hasStaticCredentials()).isTrue();
    }

    @Test
    void resilience_minioFactoryWithClientRetriesOff_bindsThatClientInTheDecorator() {
        MinioStorageBackend[] built = new MinioStorageBackend[1];
        Injector injector = injectors.create(StorageModule.builder()
                .backend("photos", () -> built[0] = MinioStorageBackend.create(MinioStorageConfig.of(c -> c
                        .bucket("photos").endpoint("http://127.0.0.1:9")
                        .credentials("typed-access", "typed-secret").clientRetries(false))))
                .resilience(ResilienceConfig.defaults())
                .build());

        StorageBackend minio = delegate(injector.getInstance(Key.get(StorageBackend.class, Names.named("photos"))));

        assertThat(minio).isSameAs(built[0]);
        assertThat(((MinioStorageBackend) minio).config().clientRetries()).isFalse();
    }

    @Test
    void resilience_factoryReturningADecoratedBackend_failsNamingBothSettings() {
        StorageModule module = StorageModule.builder()
                .backend("photos", () -> ResilientStorageBackend.wrap(InMemoryStorageBackend.create("photos"),
                        ResilienceConfig.defaults()))
                .resilience(ResilienceConfig.defaults())
                .build();

        assertThatThrownBy(() -> injectors.create(module))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("StorageModule.Builder.backend(\"photos\", factory) gave a ResilientStorageBackend")
                .hasMessageContaining("StorageModule.Builder.resilience(config)");
    }

    @Test
    void resilience_factoryReturningADecoratedBackend_closesIt() {
        StorageBackend inner = InMemoryStorageBackend.create("photos");
        StorageModule module = StorageModule.builder()
                .backend(() -> ResilientStorageBackend.wrap(inner, ResilienceConfig.defaults()))
                .resilience(ResilienceConfig.defaults())
                .build();

        assertThatThrownBy(() -> injectors.create(module)).isInstanceOf(CreationException.class);

        assertThatThrownBy(() -> inner.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noResilience_factoryReturningADecoratedBackend_isBoundAsIs() {
        StorageBackend decorated = ResilientStorageBackend.wrap(InMemoryStorageBackend.create("photos"),
                ResilienceConfig.defaults());

        Injector injector = injectors.create(StorageModule.builder().backend(() -> decorated).build());

        assertThat(injector.getInstance(StorageBackend.class)).isSameAs(decorated);
    }

    @Test
    void close_resilientFactoryBackend_closesTheSuppliedInstance() {
        StorageBackend built = InMemoryStorageBackend.create("photos");
        Injector injector = injectors.create(StorageModule.builder().backend(() -> built)
                .resilience(ResilienceConfig.defaults()).build());

        injector.getInstance(StorageLifecycle.class).close();

        assertThatThrownBy(() -> built.exists("a.txt")).isInstanceOf(IllegalStateException.class);
    }
}
