package studio.sselfie.storage.guice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;
import studio.sselfie.storage.resilience.ResilientStorageBackend;
import studio.sselfie.storage.s3.S3StorageBackend;

class StorageModulePropertiesTest {
    private final Injectors injectors = new Injectors();

    @AfterEach
    void closeBackends() {
        injectors.closeAll();
    }

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    private Injector inject(String... keysAndValues) {
        return injectors.create(StorageModule.fromProperties(properties(keysAndValues)));
    }

    @Test
    void fromProperties_uriAndNamedUri_bindUnqualifiedAndNamed() {
        Injector injector = inject("storage.uri", "mem://main", "storage.source.uri", "mem://old", "app.colour", "blue");

        assertThat(injector.getInstance(StorageBackend.class).name()).isEqualTo("mem://main");
        assertThat(injector.getInstance(Key.get(StorageBackend.class, Names.named("source"))).name())
                .isEqualTo("mem://old");
    }

    @Test
    void fromProperties_noResilienceKeys_bindsBareBackend() {
        Injector injector = inject("storage.uri", "mem://main");

        assertThat(injector.getInstance(StorageBackend.class)).isNotInstanceOf(ResilientStorageBackend.class);
    }

    @Test
    void fromProperties_resilienceSettings_areApplied() {
        Injector injector = inject("storage.uri", "mem://main",
                "storage.resilience.maxAttempts", "5",
                "storage.resilience.initialBackoff", "200ms",
                "storage.resilience.maxBackoff", "PT10S",
                "storage.resilience.maxConcurrentCalls", "8",
                "storage.resilience.rateLimitPerSecond", "100");

        ResilienceConfig config = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config();

        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.maxConcurrentCalls()).isEqualTo(8);
        assertThat(config.rateLimitPerSecond()).contains(100);
    }

    @Test
    void fromProperties_resilienceEnabledAlone_usesDefaults() {
        Injector injector = inject("storage.uri", "mem://main", "storage.resilience.enabled", "true");

        ResilienceConfig config = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config();

        assertThat(config.maxAttempts()).isEqualTo(ResilienceConfig.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void fromProperties_resilienceDisabled_bindsBareBackend() {
        Injector injector = inject("storage.uri", "mem://main",
                "storage.resilience.enabled", "false", "storage.resilience.maxAttempts", "5");

        assertThat(injector.getInstance(StorageBackend.class)).isNotInstanceOf(ResilientStorageBackend.class);
    }

    @Test
    void fromProperties_resilienceWithS3_turnsSdkRetriesOff() {
        Injector injector = inject("storage.uri", "s3://photos?endpoint=http://127.0.0.1:9&pathStyle=true",
                "storage.resilience.enabled", "true");

        StorageBackend s3 = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).delegate();

        assertThat(((S3StorageBackend) s3).config().sdkMaxAttempts()).isEqualTo(1);
    }

    @Test
    void fromProperties_negativeMaxAttempts_failsNamingTheKey() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.maxAttempts", "-1"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.maxAttempts")
                .hasMessageContaining("was -1");
    }

    @Test
    void fromProperties_badResilienceKeyWhileDisabled_stillFails() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main",
                "storage.resilience.enabled", "false", "storage.resilience.maxAttempts", "three"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.maxAttempts must be an integer, was 'three'");
    }

    @Test
    void fromProperties_badDuration_failsNamingTheKey() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.initialBackoff", "soon"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.initialBackoff must be a duration");
    }

    @Test
    void fromProperties_contradictingBackoffs_failsNamingBoth() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main",
                "storage.resilience.initialBackoff", "10s", "storage.resilience.maxBackoff", "1s"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("maxBackoff")
                .hasMessageContaining("initialBackoff");
    }

    @Test
    void fromProperties_misspelledKey_failsNamingIt() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.maxAtempts", "5"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("unknown key 'storage.resilience.maxAtempts'");
    }

    @Test
    void fromProperties_unknownBackendKey_failsNamingIt() {
        assertThatThrownBy(() -> inject("storage.source.url", "mem://old"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("unknown key 'storage.source.url'");
    }

    @Test
    void fromProperties_noUri_failsNamingTheKeys() {
        assertThatThrownBy(() -> inject("app.colour", "blue"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.uri")
                .hasMessageContaining("storage.<name>.uri");
    }

    @Test
    void fromProperties_unknownScheme_failsNamingKeyAndScheme() {
        assertThatThrownBy(() -> inject("storage.target.uri", "ftp://photos"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.target.uri")
                .hasMessageContaining("'ftp'");
    }

    @Test
    void fromProperties_minioWithoutEndpoint_failsNamingKeyAndEndpoint() {
        assertThatThrownBy(() -> inject("storage.uri", "minio://photos"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.uri")
                .hasMessageContaining("'endpoint' is required");
    }

    @Test
    void fromProperties_clientRetriesTrueWithResilience_failsNamingBothSettings() {
        assertThatThrownBy(() -> inject(
                "storage.uri", "minio://photos?endpoint=http://127.0.0.1:9&clientRetries=true",
                "storage.resilience.enabled", "true"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.uri sets clientRetries=true")
                .hasMessageContaining("storage.resilience.*");
    }

    @Test
    void fromProperties_valueThatIsNotAString_isReadAsItsText() {
        Properties properties = properties("storage.uri", "mem://main");
        properties.put("storage.resilience.maxAttempts", 5);

        Injector injector = injectors.create(StorageModule.fromProperties(properties));

        assertThat(injector.getInstance(StorageBackend.class)).isInstanceOf(ResilientStorageBackend.class);
        assertThat(((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config().maxAttempts())
                .isEqualTo(5);
    }

    @Test
    void fromProperties_keysInTheDefaults_areRead() {
        Properties defaults = properties("storage.uri", "mem://from-defaults");
        Properties properties = new Properties(defaults);

        Injector injector = injectors.create(StorageModule.fromProperties(properties));

        assertThat(injector.getInstance(StorageBackend.class).name()).isEqualTo("mem://from-defaults");
    }

    @Test
    void fromProperties_subMillisecondBackoff_failsNamingTheKey() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.initialBackoff", "PT0.0005S"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.initialBackoff")
                .hasMessageContaining("at least 1 ms");
    }

    @Test
    void fromProperties_propertiesChangedAfterwards_areNotSeen() {
        Properties properties = properties("storage.uri", "mem://before");
        StorageModule module = StorageModule.fromProperties(properties);
        properties.setProperty("storage.uri", "mem://after");

        Injector injector = injectors.create(module);

        assertThat(injector.getInstance(StorageBackend.class).name()).isEqualTo("mem://before");
    }

    @Test
    void fromProperties_verifyReadsFalse_isApplied() {
        Injector injector = inject("storage.uri", "mem://main", "storage.resilience.verifyReads", "false");

        ResilienceConfig config = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config();

        assertThat(config.verifyReads()).isFalse();
    }

    @Test
    void fromProperties_verifyReadsInAnyCase_isApplied() {
        Injector injector = inject("storage.uri", "mem://main", "storage.resilience.verifyReads", "FALSE");

        ResilienceConfig config = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config();

        assertThat(config.verifyReads()).isFalse();
    }

    @Test
    void fromProperties_noVerifyReads_keepsTheDefault() {
        Injector injector = inject("storage.uri", "mem://main", "storage.resilience.enabled", "true");

        ResilienceConfig config = ((ResilientStorageBackend) injector.getInstance(StorageBackend.class)).config();

        assertThat(config.verifyReads()).isTrue();
    }

    @Test
    void fromProperties_badVerifyReads_failsNamingTheKey() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.verifyReads", "yes"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.verifyReads must be true or false, was 'yes'");
    }

    @Test
    void fromProperties_badEnabled_failsNamingTheKey() {
        assertThatThrownBy(() -> inject("storage.uri", "mem://main", "storage.resilience.enabled", "on"))
                .isInstanceOf(CreationException.class)
                .hasMessageContaining("storage.resilience.enabled must be true or false, was 'on'");
    }
}
