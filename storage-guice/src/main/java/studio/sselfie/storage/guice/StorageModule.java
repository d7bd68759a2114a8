package studio.sselfie.storage.guice;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.resilience.ResilienceConfig;
import studio.sselfie.storage.resilience.ResilientStorageBackend;

/**
 * Binds {@link StorageBackend}s opened from URIs ({@link StorageBackends#open(URI)}: {@code mem://name},
 * {@code s3://bucket?endpoint=...}, {@code minio://bucket?endpoint=...}; the backend's jar must be on the class path).
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(StorageModule.builder()
 *         .backend("source", URI.create("s3://old-photos?endpoint=https://s3.eu-west-1.amazonaws.com"))
 *         .backend("target", URI.create("minio://photos?endpoint=http://minio:9000"))
 *         .resilience(ResilienceConfig.defaults())
 *         .build());
 * }</pre>
 *
 * <p><b>Keys.</b> {@link Builder#backend(URI)} binds {@code StorageBackend}; {@link Builder#backend(String, URI)}
 * binds {@code @Named("source") StorageBackend}, with Guice's {@link Names#named(String)}. Inject it with
 * {@code @com.google.inject.name.Named("source")} or {@code @jakarta.inject.Named("source")}: Guice treats the two as
 * the same key.
 *
 * <p><b>Resilience.</b> With {@link Builder#resilience(ResilienceConfig)} every backend of the module is bound as
 * {@link ResilientStorageBackend#wrap(StorageBackend, ResilienceConfig) ResilientStorageBackend.wrap(backend, config)}.
 * Exactly one layer retries: for {@code s3://} and {@code minio://} URIs the module adds {@code clientRetries=false}
 * to the URI, which turns the client's own retries off; a URI that asks for {@code clientRetries=true} while resilience
 * is on is refused, naming both settings. Other URIs ({@code mem://}) are opened as given.
 *
 * <p><b>Opening and closing.</b> Each backend is one instance (a singleton), opened eagerly when the injector is
 * created, so a bad configuration (unknown scheme, missing endpoint, bad URI parameter, bad resilience setting) makes
 * {@code Guice.createInjector} fail with a {@link com.google.inject.CreationException} whose message names the
 * setting. The backends are closed through the bound {@link StorageLifecycle} (one per injector, for every
 * {@code StorageModule} installed): call {@link StorageLifecycle#close()} when the application stops.
 *
 * <p>Several {@code StorageModule}s may be installed in one injector (e.g. one with resilience, one without); binding
 * the same key twice is a Guice error.
 */
public final class StorageModule extends AbstractModule {
    private final List<BackendSpec> specs;
    private final Map<String, String> properties;

    private StorageModule(List<BackendSpec> specs, Map<String, String> properties) {
        this.specs = specs;
        this.properties = properties;
    }

    /** A builder of a module; at least one backend is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A module configured by the {@code storage.*} entries of {@code properties} (entries of other names are ignored;
     * an unknown {@code storage.*} key is an error, so that a typo is not silently dropped):
     * <ul>
     *   <li>{@code storage.uri}: a backend bound as {@code StorageBackend}.</li>
     *   <li>{@code storage.<name>.uri}: a backend bound as {@code @Named("<name>") StorageBackend}; a name is letters,
     *       digits, {@code _} and {@code -} ({@code resilience} excepted).</li>
     *   <li>{@code storage.resilience.enabled}: {@code true} or {@code false}. Default: {@code true} when any other
     *       {@code storage.resilience.*} key is set, else {@code false}. Resilience applies to every backend.</li>
     *   <li>{@code storage.resilience.maxAttempts}: attempts per call in all, at least 1. Default 3.</li>
     *   <li>{@code storage.resilience.initialBackoff}, {@code storage.resilience.maxBackoff}: durations, written
     *       {@code 200ms}, {@code 5s}, {@code 1m}, {@code 1h} or ISO-8601 ({@code PT0.2S}). Defaults 100 ms, 5 s.</li>
     *   <li>{@code storage.resilience.maxConcurrentCalls}: bulkhead size. Default 64.</li>
     *   <li>{@code storage.resilience.rateLimitPerSecond}: calls per second. Default: no rate limit.</li>
     * </ul>
     * Other resilience settings keep their {@link ResilienceConfig} defaults; use the {@link #builder()} for them.
     * Example:
     * <pre>
     * storage.source.uri=s3://old-photos?region=eu-west-1
     * storage.target.uri=minio://photos?endpoint=http://minio:9000
     * storage.resilience.maxAttempts=5
     * </pre>
     *
     * <p>The entries are copied now and read when the injector is created: every problem, each naming its key, is
     * reported by {@code Guice.createInjector} in one {@link com.google.inject.CreationException}.
     */
    public static StorageModule fromProperties(Properties properties) {
        requireNonNull(properties, "properties is null");
        Map<String, String> copy = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            copy.put(name.strip(), properties.getProperty(name).strip());
        }
        return new StorageModule(List.of(), Map.copyOf(copy));
    }

    @Override
    protected void configure() {
        List<BackendSpec> backends = specs;
        if (properties != null) {
            StorageProperties.Result result = StorageProperties.read(properties);
            if (!result.errors().isEmpty()) {
                result.errors().forEach(error -> addError("%s", error));
                return;
            }
            backends = result.specs();
        }
        install(new LifecycleModule());
        Multibinder<BackendSpec> contributed = Multibinder.newSetBinder(binder(), BackendSpec.class);
        Provider<StorageLifecycle> lifecycle = getProvider(StorageLifecycle.class);
        for (BackendSpec spec : backends) {
            contributed.addBinding().toInstance(spec);
            bind(spec.key()).toProvider(new Lookup(lifecycle, spec.key())).in(Scopes.SINGLETON);
        }
    }

    @Override
    public String toString() {
        return properties != null ? "StorageModule{from properties}" : "StorageModule" + specs;
    }

    /** Hands out the backend the lifecycle opened for one key. */
    private static final class Lookup implements Provider<StorageBackend> {
        private final Provider<StorageLifecycle> lifecycle;
        private final Key<StorageBackend> key;

        Lookup(Provider<StorageLifecycle> lifecycle, Key<StorageBackend> key) {
            this.lifecycle = lifecycle;
            this.key = key;
        }

        @Override
        public StorageBackend get() {
            return lifecycle.get().backend(key);
        }

        @Override
        public String toString() {
            return "StorageModule backend " + BackendSpec.describe(key);
        }
    }

    /**
     * Builder of a {@link StorageModule}. Arguments are checked at once; the URIs are opened only when the injector is
     * created.
     */
    public static final class Builder {
        private URI unqualified;
        private final Map<String, URI> named = new LinkedHashMap<>();
        private ResilienceConfig resilience;
        private final Map<String, ResilienceConfig> namedResilience = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * The backend bound as {@code StorageBackend}, e.g. {@code mem://gallery}.
         *
         * @throws IllegalArgumentException if the URI has no scheme, or an unqualified backend was already given
         */
        public Builder backend(URI uri) {
            if (unqualified != null) {
                throw new IllegalArgumentException("an unqualified backend was already given; use backend(name, uri)"
                        + " for a second one");
            }
            unqualified = checkScheme(requireNonNull(uri, "uri is null"));
            return this;
        }

        /** See {@link #backend(URI)}. @throws IllegalArgumentException also if {@code uri} is not a valid URI */
        public Builder backend(String uri) {
            return backend(URI.create(requireNonNull(uri, "uri is null")));
        }

        /**
         * A backend bound as {@code @Named(name) StorageBackend}, e.g. {@code backend("source", URI.create("s3://old"))}.
         *
         * @throws IllegalArgumentException if the name is blank or already given, or the URI has no scheme
         */
        public Builder backend(String name, URI uri) {
            requireNonNull(name, "name is null");
            requireNonNull(uri, "uri is null");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (named.containsKey(name)) {
                throw new IllegalArgumentException("a backend named '" + name + "' was already given");
            }
            named.put(name, checkScheme(uri));
            return this;
        }

        /** See {@link #backend(String, URI)}. @throws IllegalArgumentException also if {@code uri} is not a valid URI */
        public Builder backend(String name, String uri) {
            return backend(name, URI.create(requireNonNull(uri, "uri is null")));
        }

        /**
         * Wraps every backend of the module in a {@link ResilientStorageBackend} with {@code config}, and turns the
         * clients' own retries off (see the class comment). Default: no resilience.
         */
        public Builder resilience(ResilienceConfig config) {
            this.resilience = requireNonNull(config, "config is null");
            return this;
        }

        /**
         * Wraps the backend named {@code name} with {@code config} instead of the module's
         * {@link #resilience(ResilienceConfig)} (which it overrides for that backend only). For a backend that needs
         * no resilience while the others do, install it with a second {@code StorageModule}.
         */
        public Builder resilience(String name, ResilienceConfig config) {
            requireNonNull(name, "name is null");
            namedResilience.put(name, requireNonNull(config, "config is null"));
            return this;
        }

        /**
         * The module.
         *
         * @throws IllegalStateException if no backend was given, or resilience was given for a name no backend has
         */
        public StorageModule build() {
            if (unqualified == null && named.isEmpty()) {
                throw new IllegalStateException("no backend given: call backend(uri) or backend(name, uri)");
            }
            for (String name : namedResilience.keySet()) {
                if (!named.containsKey(name)) {
                    throw new IllegalStateException("resilience(\"" + name + "\", ...) was given, but no backend named '"
                            + name + "'; backends: " + named.keySet());
                }
            }
            List<BackendSpec> specs = new ArrayList<>();
            if (unqualified != null) {
                specs.add(new BackendSpec(Key.get(StorageBackend.class), unqualified, resilience,
                        "StorageModule.Builder.backend(uri)", "StorageModule.Builder.resilience(config)"));
            }
            named.forEach((name, uri) -> {
                ResilienceConfig config = namedResilience.getOrDefault(name, resilience);
                String resilienceOrigin = namedResilience.containsKey(name)
                        ? "StorageModule.Builder.resilience(\"" + name + "\", config)"
                        : "StorageModule.Builder.resilience(config)";
                specs.add(new BackendSpec(Key.get(StorageBackend.class, Names.named(name)), uri, config,
                        "StorageModule.Builder.backend(\"" + name + "\", uri)", resilienceOrigin));
            });
            return new StorageModule(List.copyOf(specs), null);
        }

        private static URI checkScheme(URI uri) {
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("storage URI has no scheme; expected e.g. mem://photos or"
                        + " s3://bucket?endpoint=...");
            }
            return uri;
        }
    }
}
