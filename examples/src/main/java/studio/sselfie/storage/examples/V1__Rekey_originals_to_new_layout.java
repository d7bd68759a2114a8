package studio.sselfie.storage.examples;

import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.MigrationContext;

/**
 * Moves the originals of the old, flat layout {@code selfies/<user>/<file>.jpg} to
 * {@code users/<user>/originals/<file>.jpg}. Any other key under {@code selfies/} is left where it is.
 */
public final class V1__Rekey_originals_to_new_layout extends BaseMigration {

    @Override
    public void up(MigrationContext context) {
        context.moveKeys(GalleryKeys.OLD_PREFIX, GalleryKeys::oldToNew);
    }

    /**
     * Moves every original back to the old layout. Explicit rather than the default restore of the rollback point
     * because a rename is exactly reversible by computing the old key: it needs no backups (so it still works once
     * they are pruned), and it also takes back originals the app uploaded to the new layout after this migration,
     * which the rollback point knows nothing of and the old app version could not see.
     */
    @Override
    public void down(MigrationContext context) {
        context.moveKeys(GalleryKeys.USERS_PREFIX, GalleryKeys::newToOld);
    }
}
