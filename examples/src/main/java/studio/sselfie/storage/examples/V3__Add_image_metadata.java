package studio.sselfie.storage.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.MigrationContext;

/**
 * Adds metadata {@code width}, {@code height} and {@code format} (e.g. {@code jpeg}) to every original, read from the
 * image's header; other metadata is kept.
 *
 * <p>Its down is the default, the restore of the rollback point: the metadata an original had before cannot be
 * computed (an original may have carried its own {@code width} already), only restored from the backup.
 */
public final class V3__Add_image_metadata extends BaseMigration {

    @Override
    public void up(MigrationContext context) {
        context.updateMetadata(GalleryKeys.USERS_PREFIX, info -> {
            if (!GalleryKeys.isOriginal(info.key())) {
                return info.metadata();
            }
            Images.ImageSize size = sizeOf(context, info);
            Map<String, String> metadata = new HashMap<>(info.metadata());
            metadata.put("width", Integer.toString(size.width()));
            metadata.put("height", Integer.toString(size.height()));
            metadata.put("format", size.format());
            return metadata;
        });
    }

    // Only the header is read; closing the object then releases the connection (drained or aborted by the backend).
    private static Images.ImageSize sizeOf(MigrationContext context, ObjectInfo info) {
        try (StorageObject object = context.store().get(info.key())) {
            return Images.size(object.stream());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the image header of '" + info.key() + "' failed", e);
        }
    }
}
