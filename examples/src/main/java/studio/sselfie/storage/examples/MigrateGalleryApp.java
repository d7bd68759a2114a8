package studio.sselfie.storage.examples;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.MigrationPlan;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;

/**
 * Brings the gallery's data up to date on whatever store {@code STORAGE_URI} names (default {@code mem://gallery}):
 * V1 moves the originals to the new layout, V2 makes thumbnails, V3 adds image metadata. An empty store is first
 * filled with the old layout, so the default in-memory run has something to migrate. Prints the migrations' state
 * before and after.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests -Prun-example verify -Dexample=MigrateGalleryApp
 * mvn -q -pl examples -am -DskipTests -Prun-example verify -Dexample=MigrateGalleryApp -Dexec.args=--dry-run
 * </pre>
 */
public final class MigrateGalleryApp {

    /**
     * Opens the store {@code STORAGE_URI} names and migrates it, or with {@code --dry-run} only prints what migrating
     * would write; a failure ends with an exception.
     */
    public static void main(String[] args) {
        boolean dryRun = List.of(args).contains("--dry-run");
        try (StorageBackend backend = StorageBackends.open(ExampleConfig.storageUri())) {
            if (dryRun) {
                plan(backend, System.out);
            } else {
                run(backend, System.out);
            }
        }
    }

    /** The gallery's migrations, in any order: the migrator sorts them by version. */
    public static List<Migration> migrations() {
        return List.of(new V1__Rekey_originals_to_new_layout(), new V2__Generate_thumbnails(), new V3__Add_image_metadata());
    }

    /**
     * Migrates {@code backend} to the newest version, seeding the old layout first when the store is empty, and prints
     * what it does to {@code out}.
     *
     * @return the history lines of the steps run, in order (empty when the store was up to date)
     */
    public static List<MigrationInfo> run(StorageBackend backend, PrintStream out) {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(out, "out is null");
        Migrator migrator = prepare(backend, out);
        printInfo("Before", migrator, out);
        List<MigrationInfo> ran = migrator.migrate();
        out.println("Ran " + ran.size() + " step(s)");
        printInfo("After", migrator, out);
        return ran;
    }

    /**
     * Prints, for each pending migration, the keys it would write, writing nothing but the seed of an empty store.
     * Each step is planned against the store as it is now, so a step that works on what an earlier pending one would
     * write (V2 and V3 on V1's new keys) shows less than it will do.
     *
     * @return the plan printed
     */
    public static MigrationPlan plan(StorageBackend backend, PrintStream out) {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(out, "out is null");
        MigrationPlan plan = prepare(backend, out).plan();
        out.println("Dry run, nothing migrated:");
        out.println(plan);
        return plan;
    }

    private static Migrator prepare(StorageBackend backend, PrintStream out) {
        out.println("Gallery migrations on " + backend.name());
        if (isEmpty(backend)) {
            List<String> seeded = GallerySeed.seedOldLayout(backend);
            out.println("The store was empty: wrote the old layout (" + seeded.size() + " objects under "
                    + GalleryKeys.OLD_PREFIX + ")");
        }
        return Migrator.builder().backend(backend).migrations(migrations()).listener(printingTo(out)).build();
    }

    private static boolean isEmpty(StorageBackend backend) {
        return backend.listPage(ListOptions.builder().pageSize(1).build()).objects().isEmpty();
    }

    private static void printInfo(String title, Migrator migrator, PrintStream out) {
        out.println(title + ":");
        migrator.info().forEach(info -> out.println("  " + info));
    }

    private static MigrationListener printingTo(PrintStream out) {
        return new MigrationListener() {
            @Override
            public void stepStarted(MigrationVersion version, boolean down, boolean resumed) {
                out.println((down ? "  undoing V" : "  applying V") + version + (resumed ? " (resuming)" : ""));
            }

            @Override
            public void stepSucceeded(MigrationInfo info) {
                out.println("  done: " + info);
            }
        };
    }

    private MigrateGalleryApp() {
    }
}
