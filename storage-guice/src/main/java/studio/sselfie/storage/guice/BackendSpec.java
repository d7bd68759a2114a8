package studio.sselfie.storage.guice;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import com.google.inject.Key;
import com.google.inject.name.Named;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;

/**
 * One backend a {@link StorageModule} binds: the key, where the backend comes from (a URI as configured, or a factory
 * the application wrote), the resilience around it (if any), and where each came from, so that a message can name the
 * setting to fix ({@code storage.source.uri}, or the builder call).
 */
final class BackendSpec {
    private final Key<StorageBackend> key;
    private final URI uri;
    private final Supplier<? extends StorageBackend> factory;
    private final ResilienceConfig resilience;
    private final String origin;
    private final String resilienceOrigin;

    /**
     * A backend opened from {@code uri}.
     *
     * @param resilience       {@code null} for a backend opened bare
     * @param origin           the setting that gave the URI, e.g. {@code storage.source.uri}
     * @param resilienceOrigin the setting that turned resilience on; unused when {@code resilience} is null
     */
    BackendSpec(Key<StorageBackend> key, URI uri, ResilienceConfig resilience, String origin, String resilienceOrigin) {
        this(key, requireNonNull(uri, "uri is null"), null, resilience, origin, resilienceOrigin);
    }

    /**
     * A backend built by {@code factory}, called once when the injector is created.
     *
     * @param origin the builder call that gave the factory, e.g. {@code StorageModule.Builder.backend("photos", factory)}
     */
    BackendSpec(Key<StorageBackend> key, Supplier<? extends StorageBackend> factory, ResilienceConfig resilience,
            String origin, String resilienceOrigin) {
        this(key, null, requireNonNull(factory, "factory is null"), resilience, origin, resilienceOrigin);
    }

    private BackendSpec(Key<StorageBackend> key, URI uri, Supplier<? extends StorageBackend> factory,
            ResilienceConfig resilience, String origin, String resilienceOrigin) {
        this.key = requireNonNull(key, "key is null");
        this.uri = uri;
        this.factory = factory;
        this.resilience = resilience;
        this.origin = requireNonNull(origin, "origin is null");
        this.resilienceOrigin = requireNonNull(resilienceOrigin, "resilienceOrigin is null");
    }

    Key<StorageBackend> key() {
        return key;
    }

    /** The URI as configured; empty for a backend built by a factory. */
    Optional<URI> uri() {
        return Optional.ofNullable(uri);
    }

    /** The factory that builds the backend; empty for a backend opened from a URI. */
    Optional<Supplier<? extends StorageBackend>> factory() {
        return Optional.ofNullable(factory);
    }

    Optional<ResilienceConfig> resilience() {
        return Optional.ofNullable(resilience);
    }

    String origin() {
        return origin;
    }

    String resilienceOrigin() {
        return resilienceOrigin;
    }

    /** {@code StorageBackend} or {@code @Named("source") StorageBackend}: how a user writes the injection point. */
    static String describe(Key<StorageBackend> key) {
        if (key.getAnnotation() instanceof Named) {
            return "@Named(\"" + ((Named) key.getAnnotation()).value() + "\") StorageBackend";
        }
        if (key.getAnnotationType() != null) {
            return "@" + key.getAnnotationType().getSimpleName() + " StorageBackend";
        }
        return "StorageBackend";
    }

    // No equals: two modules binding the same key must collide in Guice (duplicate binding), not be merged.
    @Override
    public String toString() {
        return describe(key) + " from " + origin + (resilience == null ? "" : " with resilience");
    }
}
