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
import studio.sselfie.storage.minio.MinioStorageBackend;
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
}
