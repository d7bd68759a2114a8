package studio.sselfie.storage.migration.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageLimits;

/** Deleting every object under a prefix, in batches. */
public final class Folders {
    private Folders() {
    }

    /**
     * Deletes every object under {@code folder}, calling {@code fence} before each batch.
     *
     * @return objects deleted
     * @throws studio.sselfie.storage.StorageException the first failure of a batch
     */
    public static long deleteAll(StorageBackend backend, String folder, Runnable fence) {
        long deleted = 0;
        // The listing is taken whole per page before deleting, so deletes do not disturb the paging.
        try (Stream<ObjectInfo> listing = backend.list(folder)) {
            Iterator<ObjectInfo> it = listing.iterator();
            List<String> batch = new ArrayList<>();
            while (it.hasNext()) {
                batch.add(it.next().key());
                if (batch.size() == StorageLimits.MAX_BATCH_DELETE_KEYS) {
                    deleted += delete(backend, batch, fence);
                    batch.clear();
                }
            }
            deleted += delete(backend, batch, fence);
        }
        return deleted;
    }

    private static long delete(StorageBackend backend, List<String> batch, Runnable fence) {
        if (batch.isEmpty()) {
            return 0;
        }
        fence.run();
        DeleteResult result = backend.deleteAll(batch);
        if (!result.isSuccess()) {
            throw result.failures().values().iterator().next();
        }
        return result.deleted().size();
    }
}
