package studio.sselfie.storage.guice;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

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
 * {@code s3://bucket?endpoint=...}, {@code minio://bucket?endpoint=...}; the backend's jar must be on the class path),
 * or built by the application from typed configuration.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(StorageModule.builder()
 *         .backend("source", URI.create("s3://old-photos?endpoint=https://s3.eu-west-1.amazonaws.com"))
 *         .backend("target", URI.create("minio://photos?endpoint=http://minio:9000"))
 *         .resilience(ResilienceConfig.defaults())
 *         .build());
 * }</pre>
 *
 * <p><b>Typed configuration.</b> Credentials never go into a URI, so an application with static keys (or any setting
 * a URI cannot carry) builds the backend itself and hands the module a factory for it:
 * <pre>{@code
 * StorageModule.builder()
 *         .backend("photos", () -> MinioStorageBackend.create(MinioStorageConfig.of(c -> c.bucket("photos")
 *                 .endpoint("http://minio:9000").credentials(key, secret).clientRetries(false))))
 *         .resilience(ResilienceConfig.defaults())
 *         .build();
 * }</pre>
 * The factory is called once per injector, when the injector is created, and the backend it returns is bound as is
 * (or in the resilience decorator) and closed by the {@link StorageLifecycle}.
 *
 * <p><b>Keys.</b> {@link Builder#backend(URI)} and {@link Builder#backend(Supplier)} bind {@code StorageBackend};
 * {@link Builder#backend(String, URI)} and {@link Builder#backend(String, Supplier)} bind
 * {@code @Named("source") StorageBackend}, with Guice's {@link Names#named(String)}. Inject it with
 * {@code @com.google.inject.name.Named("source")} or {@code @jakarta.inject.Named("source")}: Guice treats the two as
 * the same key.
 *
 * <p><b>Resilience.</b> With {@link Builder#resilience(ResilienceConfig)} every backend of the module is bound as
 * {@link ResilientStorageBackend#wrap(StorageBackend, ResilienceConfig) ResilientStorageBackend.wrap(backend, config)}.
 * Exactly one layer retries: for {@code s3://} and {@code minio://} URIs the module adds {@code clientRetries=false}
 * to the URI, which turns the client's own retries off; a URI that asks for {@code clientRetries=true} while resilience
 * is on is refused, naming both settings. Other URIs ({@code mem://}) are opened as given. The module cannot reach
 * into a backend a factory built: <b>the factory turns the client's retries off itself</b>, with
 * {@code S3StorageConfig.Builder.sdkRetries(1)} or {@code MinioStorageConfig.Builder.clientRetries(false)}. A factory
 * that returns a {@code ResilientStorageBackend} while the module adds resilience is refused.
 *
 * <p><b>Opening and closing.</b> Each backend is one instance (a singleton), opened eagerly when the injector is
 * created, so a bad configuration (unknown scheme, missing endpoint, bad URI parameter, bad resilience setting, a
 * factory that throws or returns null) makes {@code Guice.createInjector} fail with a
 * {@link com.google.inject.CreationException} whose message names the setting or the builder call. The backends are
 * closed through the bound {@link StorageLifecycle} (one per injector, for every {@code StorageModule} installed),
 * those built by a factory included: call {@link StorageLifecycle#close()} when the application stops.
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
     *   <li>{@code storage.resilience.verifyReads}: {@code true} or {@code false}, whether whole reads are checked
     *       against the object's checksum ({@link ResilienceConfig#verifyReads()}); {@code false} for a store whose
     *       ETags are not the MD5 of the bytes (AWS S3 with SSE-KMS or SSE-C). Default {@code true}.</li>
     * </ul>
     * Other resilience settings keep their {@link ResilienceConfig} defaults, and backends with credentials or other
     * typed settings are built by a factory; use the {@link #builder()} for them.
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
        // stringPropertyNames() leaves out entries whose value is not a String (put(key, 5)): read those as text, so
        // that such a setting is neither dropped silently nor spared the unknown-key check.
        properties.forEach((name, value) -> {
            if (name instanceof String && !(value instanceof String)) {
                copy.put(((String) name).strip(), String.valueOf(value).strip());
            }
        });
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
     * Builder of a {@link StorageModule}. Arguments are checked at once; the URIs are opened, and the factories called,
     * only when the injector is created.
     */
    public static final class Builder {
        private Source unqualified;
        private final Map<String, Source> named = new LinkedHashMap<>();
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
            requireNonNull(uri, "uri is null");
            checkUnqualifiedFree();
            unqualified = Source.of(checkScheme(uri));
            return this;
        }

        /** See {@link #backend(URI)}. @throws IllegalArgumentException also if {@code uri} is not a valid URI */
        public Builder backend(String uri) {
            return backend(URI.create(requireNonNull(uri, "uri is null")));
        }

        /**
         * The backend bound as {@code StorageBackend}, built by {@code factory}: for a backend a URI cannot describe,
         * such as one with static credentials. See {@link #backend(String, Supplier)}.
         *
         * @throws IllegalArgumentException if an unqualified backend was already given
         */
        public Builder backend(Supplier<? extends StorageBackend> factory) {
            requireNonNull(factory, "factory is null");
            checkUnqualifiedFree();
            unqualified = Source.of(factory);
            return this;
        }

        /**
         * A backend bound as {@code @Named(name) StorageBackend}, e.g. {@code backend("source", URI.create("s3://old"))}.
         *
         * @throws IllegalArgumentException if the name is blank or already given, or the URI has no scheme
         */
        public Builder backend(String name, URI uri) {
            requireNonNull(name, "name is null");
            requireNonNull(uri, "uri is null");
            checkNameFree(name);
            named.put(name, Source.of(checkScheme(uri)));
            return this;
        }

        /** See {@link #backend(String, URI)}. @throws IllegalArgumentException also if {@code uri} is not a valid URI */
        public Builder backend(String name, String uri) {
            return backend(name, URI.create(requireNonNull(uri, "uri is null")));
        }

        /**
         * A backend bound as {@code @Named(name) StorageBackend}, built by {@code factory} from typed configuration,
         * e.g. {@code backend("photos", () -> S3StorageBackend.create(config))}: the route for static credentials,
         * which never go into a URI.
         *
         * <p>{@code factory} is called exactly once per injector, when the injector is created, in the order the
         * backends are opened; the backend it returns is bound as is (or wrapped, see below) and closed by the
         * {@link StorageLifecycle}. If it throws or returns null, {@code Guice.createInjector} fails with a message
         * naming this call ({@code StorageModule.Builder.backend("photos", factory)}), and the backends opened before
         * it are closed.
         *
         * <p><b>With {@link #resilience(ResilienceConfig) resilience}</b> the backend is wrapped in the resilience
         * decorator, which retries itself; the module cannot turn the retries of a client it did not build off, so
         * the factory must: {@code S3StorageConfig.Builder.sdkRetries(1)} or
         * {@code MinioStorageConfig.Builder.clientRetries(false)}. Otherwise each of the decorator's attempts is
         * retried again by the client.
         *
         * @throws IllegalArgumentException if the name is blank or already given
         */
        public Builder backend(String name, Supplier<? extends StorageBackend> factory) {
            requireNonNull(name, "name is null");
            requireNonNull(factory, "factory is null");
            checkNameFree(name);
            named.put(name, Source.of(factory));
            return this;
        }

        /**
         * Wraps every backend of the module in a {@link ResilientStorageBackend} with {@code config}, and turns the
         * clients' own retries off for backends opened from URIs (see the class comment; a factory turns them off
         * itself). Default: no resilience.
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
                throw new IllegalStateException("no backend given: call backend(uri), backend(name, uri),"
                        + " backend(factory) or backend(name, factory)");
            }
            for (String name : namedResilience.keySet()) {
                if (!named.containsKey(name)) {
                    throw new IllegalStateException("resilience(\"" + name + "\", ...) was given, but no backend named '"
                            + name + "'; backends: " + named.keySet());
                }
            }
            List<BackendSpec> specs = new ArrayList<>();
            if (unqualified != null) {
                specs.add(unqualified.spec(Key.get(StorageBackend.class), "StorageModule.Builder.backend("
                        + unqualified.argument() + ")", resilience, "StorageModule.Builder.resilience(config)"));
            }
            named.forEach((name, source) -> {
                ResilienceConfig config = namedResilience.getOrDefault(name, resilience);
                String resilienceOrigin = namedResilience.containsKey(name)
                        ? "StorageModule.Builder.resilience(\"" + name + "\", config)"
                        : "StorageModule.Builder.resilience(config)";
                specs.add(source.spec(Key.get(StorageBackend.class, Names.named(name)), "StorageModule.Builder.backend(\""
                        + name + "\", " + source.argument() + ")", config, resilienceOrigin));
            });
            return new StorageModule(List.copyOf(specs), null);
        }

        private void checkUnqualifiedFree() {
            if (unqualified != null) {
                throw new IllegalArgumentException("an unqualified backend was already given; use backend(name, uri)"
                        + " or backend(name, factory) for a second one");
            }
        }

        private void checkNameFree(String name) {
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank");
            }
            if (named.containsKey(name)) {
                throw new IllegalArgumentException("a backend named '" + name + "' was already given");
            }
        }

        private static URI checkScheme(URI uri) {
            if (uri.getScheme() == null) {
                throw new IllegalArgumentException("storage URI has no scheme; expected e.g. mem://photos or"
                        + " s3://bucket?endpoint=...");
            }
            return uri;
        }
    }

    /** Where a backend given to the {@link Builder} comes from: a URI or a factory, exactly one of them. */
    private record Source(URI uri, Supplier<? extends StorageBackend> factory) {

        static Source of(URI uri) {
            return new Source(uri, null);
        }

        static Source of(Supplier<? extends StorageBackend> factory) {
            return new Source(null, factory);
        }

        /** How the builder call names its argument in a message: {@code backend("photos", factory)}. */
        String argument() {
            return uri != null ? "uri" : "factory";
        }

        BackendSpec spec(Key<StorageBackend> key, String origin, ResilienceConfig resilience, String resilienceOrigin) {
            return uri != null
                    ? new BackendSpec(key, uri, resilience, origin, resilienceOrigin)
                    : new BackendSpec(key, factory, resilience, origin, resilienceOrigin);
        }
    }
}
