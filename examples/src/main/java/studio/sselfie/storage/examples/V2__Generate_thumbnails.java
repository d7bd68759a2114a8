package studio.sselfie.storage.examples;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.MigrationContext;

/**
 * Writes a {@value #WIDTH}-pixel-wide JPEG thumbnail of every original at {@code users/<user>/thumbnails/<file>.jpg},
 * with metadata {@code source} (the original's key), {@code width} and {@code height}.
 */
public final class V2__Generate_thumbnails extends BaseMigration {
    /** Width of every thumbnail, in pixels; the height keeps the original's aspect ratio. */
    public static final int WIDTH = SelfieGalleryApp.THUMBNAIL_WIDTH;

    @Override
    public void up(MigrationContext context) {
        context.transform(GalleryKeys.USERS_PREFIX, info -> GalleryKeys.isOriginal(info.key()), (original, body) -> {
            Images.Thumbnail thumbnail = Images.thumbnail(body, WIDTH);
            return Optional.of(new DerivedObject(GalleryKeys.thumbnailOf(original.key()), thumbnail.jpeg(), Images.JPEG,
                    Map.of("source", GalleryKeys.asMetadataValue(original.key()),
                            "width", Integer.toString(thumbnail.width()),
                            "height", Integer.toString(thumbnail.height()))));
        });
    }

    /**
     * Deletes every thumbnail. Explicit rather than the default restore of the rollback point because thumbnails are
     * derived data that up creates: deleting them is the inverse, it does not need the rollback point (so it still
     * works after {@code pruneBackups}), and it also removes thumbnails the app wrote after this migration ran, which
     * the rollback point does not know of. The price: a thumbnail that existed before up (and that up replaced) is
     * deleted, not restored, which is fine for data the app can make again. Deletes go through the guarded store, so
     * they are backed up and the lease is checked; a delete is idempotent, so a resumed down just lists and deletes
     * again.
     */
    @Override
    public void down(MigrationContext context) {
        StorageBackend store = context.store();
        long deleted = 0;
        long bytes = 0;
        // The listing is fetched page by page, each page whole: deleting keys already listed does not disturb the next.
        Iterator<ObjectInfo> thumbnails = store.list(GalleryKeys.USERS_PREFIX)
                .filter(info -> GalleryKeys.isThumbnail(info.key())).iterator();
        while (thumbnails.hasNext()) {
            ObjectInfo info = thumbnails.next();
            store.delete(info.key());
            deleted++;
            bytes += info.size();
            context.progress(deleted, bytes);
        }
    }
}
