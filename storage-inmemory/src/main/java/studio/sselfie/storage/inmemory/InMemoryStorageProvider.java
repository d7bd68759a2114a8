package studio.sselfie.storage.inmemory;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;

/**
 * Opens {@code mem://<name>} URIs for {@link studio.sselfie.storage.StorageBackends#open(URI)}: a new, empty
 * {@link InMemoryStorageBackend} named {@code mem://<name>}.
 *
 * <p>Every open gives a NEW, independent store: two opens of the same URI do not share data. (A shared registry of
 * stores would leak data from one test into the next.) To share a store, share the backend object.
 *
 * <p>The URI is the scheme and a name only, e.g. {@code mem://photos}: a path, query, fragment, user-info or port is
 * rejected, so that a typo does not silently open something else.
 */
public final class InMemoryStorageProvider implements StorageBackendProvider {
    /** The URI scheme served: {@value}. */
    public static final String SCHEME = "mem";

    /** A provider; {@link java.util.ServiceLoader} calls this. */
    public InMemoryStorageProvider() {
        // Stateless: each open makes its own store.
    }

    /** Returns {@value #SCHEME}. */
    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * A new, empty store named {@code mem://<name>}.
     *
     * @throws IllegalArgumentException if the scheme is not {@code mem}, the name is missing, or the URI has a path,
     *                                  query, fragment, user-info or port; the message names the part
     */
    @Override
    public StorageBackend open(URI uri) {
        Objects.requireNonNull(uri, "uri is null");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw invalid(uri, "the scheme must be '" + SCHEME + "'");
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw invalid(uri, "the store name is missing");
        }
        if (authority.contains("@")) {
            throw invalid(uri, "user-info is not allowed");
        }
        if (authority.contains(":")) {
            throw invalid(uri, "a port is not allowed");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) {
            throw invalid(uri, "a path is not allowed (found '" + uri.getRawPath() + "')");
        }
        if (uri.getRawQuery() != null) {
            throw invalid(uri, "query parameters are not allowed (found '" + uri.getRawQuery() + "')");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(uri, "a fragment is not allowed");
        }
        return InMemoryStorageBackend.create(uri.getAuthority());
    }

    private static IllegalArgumentException invalid(URI uri, String problem) {
        return new IllegalArgumentException("invalid in-memory storage URI '" + uri + "': " + problem
                + "; expected " + SCHEME + "://<name>, e.g. " + SCHEME + "://photos");
    }
}
