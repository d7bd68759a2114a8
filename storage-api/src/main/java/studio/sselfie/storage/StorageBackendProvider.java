package studio.sselfie.storage;

import java.net.URI;

/**
 * Opens backends of one URI scheme for {@link StorageBackends#open(URI)}. Implementations are found with
 * {@link java.util.ServiceLoader}: list the class in {@code META-INF/services/studio.sselfie.storage.StorageBackendProvider}.
 */
public interface StorageBackendProvider {

    /** The URI scheme this provider opens, lower case, e.g. {@code mem} or {@code s3}. */
    String scheme();

    /**
     * Opens a backend for {@code uri}, whose scheme is {@link #scheme()}.
     *
     * @throws IllegalArgumentException naming the part of the URI that is wrong (missing name, unknown parameter)
     */
    StorageBackend open(URI uri);
}
