package studio.sselfie.storage.filesystem;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;

/**
 * Opens {@code file:///path/to/root} URIs for {@link studio.sselfie.storage.StorageBackends#open(URI)}: a
 * {@link FileSystemStorageBackend} over that directory, created if missing, with every default of
 * {@link FileSystemStorageConfig}.
 *
 * <p>The URI is an absolute, hierarchical {@code file} URI: {@code file:///srv/photos} (or {@code file:/srv/photos},
 * as {@link Path#toUri()} and Java's URI parser may write it), with an empty host or {@code localhost}. A query or a
 * fragment is rejected, so that a typo does not silently open something else. Unlike {@code mem://}, two opens of the
 * same URI share the same objects: they are on disk.
 */
public final class FileSystemStorageProvider implements StorageBackendProvider {
    /** The URI scheme served: {@value}. */
    public static final String SCHEME = "file";

    /** A provider; {@link java.util.ServiceLoader} calls this. */
    public FileSystemStorageProvider() {
        // Stateless: each open makes its own backend.
    }

    /** Returns {@value #SCHEME}. */
    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * A backend over the directory the URI names.
     *
     * @throws IllegalArgumentException if the scheme is not {@code file}, the URI is opaque or names no absolute path,
     *                                  or it has a host other than {@code localhost}, user-info, a port, a query or a
     *                                  fragment; the message names the part
     * @throws studio.sselfie.storage.StorageException if the directory cannot be created or opened
     */
    @Override
    public StorageBackend open(URI uri) {
        Objects.requireNonNull(uri, "uri is null");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw invalid(uri, "the scheme must be '" + SCHEME + "'");
        }
        if (uri.isOpaque()) {
            throw invalid(uri, "the path must be absolute (file:///path)");
        }
        String authority = uri.getRawAuthority();
        if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
            throw invalid(uri, "a host, user-info or port is not allowed (found '" + authority + "')");
        }
        if (uri.getRawQuery() != null) {
            throw invalid(uri, "query parameters are not allowed (found '" + uri.getRawQuery() + "')");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(uri, "a fragment is not allowed");
        }
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            throw invalid(uri, "the root directory is missing (file:/// alone would own the whole disk)");
        }
        Path root;
        try {
            root = Path.of(URI.create(SCHEME + "://" + uri.getRawPath()));
        } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
            throw new IllegalArgumentException("invalid file storage URI '" + uri + "': " + e.getMessage(), e);
        }
        return new FileSystemStorageBackend(FileSystemStorageConfig.of(root));
    }

    private static IllegalArgumentException invalid(URI uri, String problem) {
        return new IllegalArgumentException("invalid file storage URI '" + uri + "': " + problem
                + "; expected " + SCHEME + ":///<absolute path>, e.g. " + SCHEME + ":///srv/photos");
    }
}
