package studio.sselfie.storage.cli.migrations;

import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.MigrationContext;

/** A migration the command finds by scanning a class directory: moves {@code old/...} to {@code photos/...}. */
public final class V1__Move_old_photos extends BaseMigration {
    @Override
    public void up(MigrationContext context) {
        context.moveKeys("old/", key -> "photos/" + key.substring("old/".length()));
    }
}
