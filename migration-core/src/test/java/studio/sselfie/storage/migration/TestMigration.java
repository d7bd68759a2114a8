package studio.sselfie.storage.migration;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A migration made of lambdas, with counters of its runs (real ones and dry runs apart). */
final class TestMigration implements Migration {
    private final MigrationVersion version;
    private final String description;
    private final String checksum;
    private final Consumer<MigrationContext> up;
    private final Consumer<MigrationContext> down;
    /** Up steps run for real. */
    final AtomicInteger ups = new AtomicInteger();
    /** Down steps run for real. */
    final AtomicInteger downs = new AtomicInteger();
    /** Steps of either direction run as a dry run (plan, or the check before a run writes). */
    final AtomicInteger dryRuns = new AtomicInteger();

    private TestMigration(String version, String description, String checksum, Consumer<MigrationContext> up,
                          Consumer<MigrationContext> down) {
        this.version = MigrationVersion.parse(version);
        this.description = description;
        this.checksum = checksum;
        this.up = up;
        this.down = down;
    }

    /** A migration whose down restores the rollback point (the default). */
    static TestMigration of(String version, Consumer<MigrationContext> up) {
        return new TestMigration(version, "step " + version, "sum-" + version, up, null);
    }

    /** The same migration with another checksum (its code "changed"). */
    TestMigration withChecksum(String newChecksum) {
        return new TestMigration(version.toString(), description, newChecksum, up, down);
    }

    /** The same migration declaring no checksum. */
    TestMigration withoutChecksum() {
        return new TestMigration(version.toString(), description, null, up, down);
    }

    /** The same migration with a down step of its own. */
    TestMigration withDown(Consumer<MigrationContext> newDown) {
        return new TestMigration(version.toString(), description, checksum, up, newDown);
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    @Override
    public void up(MigrationContext context) {
        (context.isDryRun() ? dryRuns : ups).incrementAndGet();
        up.accept(context);
    }

    @Override
    public void down(MigrationContext context) {
        (context.isDryRun() ? dryRuns : downs).incrementAndGet();
        if (down == null) {
            Migration.super.down(context);
        } else {
            down.accept(context);
        }
    }
}
