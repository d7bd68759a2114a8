package studio.sselfie.storage;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Opens a backend from a URI, by the providers on the class path: {@code mem://name} (storage-inmemory),
 * {@code s3://bucket?endpoint=...&region=...&pathStyle=true} (storage-s3), {@code minio://bucket?endpoint=...}
 * (storage-minio). Credentials never go in the URI: each backend takes them from its standard provider chain or its
 * typed config.
 */
public final class StorageBackends {
    private StorageBackends() {
    }

    /**
     * Opens the backend {@code uri} names.
     *
     * @throws IllegalArgumentException if no provider on the class path serves the URI's scheme (the message lists
     *                                  those that do), or the provider rejects the URI
     */
    public static StorageBackend open(URI uri) {
        Objects.requireNonNull(uri, "uri is null");
        if (uri.getScheme() == null) {
            throw new IllegalArgumentException("storage URI '" + uri + "' has no scheme; expected e.g. mem://name or s3://bucket");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        Map<String, StorageBackendProvider> providers = providers();
        StorageBackendProvider provider = providers.get(scheme);
        if (provider == null) {
            throw new IllegalArgumentException("no storage provider for scheme '" + scheme + "' in URI '" + uri
                    + "'; providers on the class path: " + providers.keySet());
        }
        return provider.open(uri);
    }

    /** Opens the backend the string URI names. See {@link #open(URI)}. */
    public static StorageBackend open(String uri) {
        Objects.requireNonNull(uri, "uri is null");
        return open(URI.create(uri));
    }

    /** The providers on the class path, by scheme. */
    public static Map<String, StorageBackendProvider> providers() {
        Map<String, StorageBackendProvider> providers = new TreeMap<>();
        for (StorageBackendProvider provider : ServiceLoader.load(StorageBackendProvider.class, StorageBackends.class.getClassLoader())) {
            providers.putIfAbsent(provider.scheme().toLowerCase(Locale.ROOT), provider);
        }
        if (Thread.currentThread().getContextClassLoader() != null) {
            for (StorageBackendProvider provider : ServiceLoader.load(StorageBackendProvider.class)) {
                providers.putIfAbsent(provider.scheme().toLowerCase(Locale.ROOT), provider);
            }
        }
        return providers;
    }
}
