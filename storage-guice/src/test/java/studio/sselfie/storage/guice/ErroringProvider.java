package studio.sselfie.storage.guice;

import java.net.URI;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;

/** Fails to open {@code erroring://...} with an {@link Error}, as a backend whose jar is broken or half there does. */
public final class ErroringProvider implements StorageBackendProvider {

    @Override
    public String scheme() {
        return "erroring";
    }

    @Override
    public StorageBackend open(URI uri) {
        throw new NoClassDefFoundError("com/example/MissingClientClass (test)");
    }
}
