package studio.sselfie.storage.cli;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

/**
 * The stores one command opened, each once (so that {@code cp mem://a/x mem://a/y} works on one in-memory store), all
 * closed when the command ends. Credentials come from each backend's usual sources (environment, profiles, instance
 * roles), never from the command line.
 */
final class Stores implements AutoCloseable {
    private final Map<URI, StorageBackend> open = new LinkedHashMap<>();

    StorageBackend open(Location location) {
        return open.computeIfAbsent(location.store(), StorageBackends::open);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (StorageBackend backend : open.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
