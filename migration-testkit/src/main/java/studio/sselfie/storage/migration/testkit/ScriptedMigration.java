package studio.sselfie.storage.migration.testkit;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationContext;
import studio.sselfie.storage.migration.MigrationVersion;

/** A migration made of lambdas, counting its runs; the down step defaults to restoring the rollback point. */
final class ScriptedMigration implements Migration {
    private final MigrationVersion version;
    private final String checksum;
    private final Consumer<MigrationContext> up;
    private final Consumer<MigrationContext> down;
    final AtomicInteger ups = new AtomicInteger();
    final AtomicInteger downs = new AtomicInteger();

    private ScriptedMigration(String version, String checksum, Consumer<MigrationContext> up, Consumer<MigrationContext> down) {
        this.version = MigrationVersion.parse(version);
        this.checksum = checksum;
        this.up = up;
        this.down = down;
    }

    static ScriptedMigration of(String version, Consumer<MigrationContext> up) {
        return new ScriptedMigration(version, "sum-" + version, up, null);
    }

    /** The same migration with other code, as far as the checksum tells. */
    ScriptedMigration withChecksum(String newChecksum) {
        return new ScriptedMigration(version.toString(), newChecksum, up, down);
    }

    ScriptedMigration withDown(Consumer<MigrationContext> newDown) {
        return new ScriptedMigration(version.toString(), checksum, up, newDown);
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public String description() {
        return "step " + version;
    }

    @Override
    public Optional<String> checksum() {
        return Optional.of(checksum);
    }

    @Override
    public void up(MigrationContext context) {
        if (!context.isDryRun()) {
            ups.incrementAndGet();
        }
        up.accept(context);
    }

    @Override
    public void down(MigrationContext context) {
        if (!context.isDryRun()) {
            downs.incrementAndGet();
        }
        if (down == null) {
            Migration.super.down(context);
        } else {
            down.accept(context);
        }
    }
}
