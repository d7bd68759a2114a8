package studio.sselfie.storage.migration;

import java.util.Map;
import java.util.Objects;

/**
 * An object a transform writes: key, bytes, content type and user metadata.
 *
 * @param key         where to write it
 * @param bytes       its content (derived objects such as thumbnails are small)
 * @param contentType its media type
 * @param metadata    its user metadata
 */
public record DerivedObject(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
    /**
     * @throws NullPointerException if any component is null
     */
    public DerivedObject {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(bytes, "bytes is null");
        Objects.requireNonNull(contentType, "contentType is null");
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata is null"));
    }
}
