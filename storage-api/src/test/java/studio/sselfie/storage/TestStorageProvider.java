package studio.sselfie.storage;

import java.net.URI;

/** Opens {@code test://name} as a {@link RecordingBackend}; registered for the tests through META-INF/services. */
public final class TestStorageProvider implements StorageBackendProvider {

    @Override
    public String scheme() {
        return "test";
    }

    @Override
    public StorageBackend open(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("test URI '" + uri + "' has no name");
        }
        return new RecordingBackend("test://" + uri.getHost());
    }
}
