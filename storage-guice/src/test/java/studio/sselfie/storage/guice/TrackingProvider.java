package studio.sselfie.storage.guice;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * Opens {@code tracked://name} as an in-memory store and remembers it by name, so that a test can reach a backend the
 * injector opened but never handed out (one opened before a failure).
 */
public final class TrackingProvider implements StorageBackendProvider {
    private static final Map<String, StorageBackend> OPENED = new ConcurrentHashMap<>();

    @Override
    public String scheme() {
        return "tracked";
    }

    @Override
    public StorageBackend open(URI uri) {
        StorageBackend backend = InMemoryStorageBackend.create("tracked://" + uri.getAuthority());
        OPENED.put(uri.getAuthority(), backend);
        return backend;
    }

    /** The backend last opened as {@code tracked://name}. */
    static StorageBackend opened(String name) {
        StorageBackend backend = OPENED.get(name);
        if (backend == null) {
            throw new AssertionError("tracked://" + name + " was never opened");
        }
        return backend;
    }
}
