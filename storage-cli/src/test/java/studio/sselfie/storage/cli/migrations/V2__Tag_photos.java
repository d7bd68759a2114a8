package studio.sselfie.storage.cli.migrations;

import java.util.HashMap;
import java.util.Map;

import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.MigrationContext;

/** A migration the command finds by scanning a class directory: tags every photo in its metadata. */
public final class V2__Tag_photos extends BaseMigration {
    @Override
    public void up(MigrationContext context) {
        context.updateMetadata("photos/", info -> {
            Map<String, String> metadata = new HashMap<>(info.metadata());
            metadata.put("tagged", "yes");
            return metadata;
        });
    }
}
