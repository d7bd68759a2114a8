package studio.sselfie.storage.migration.testkit;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.testkit.ImageFormat;
import studio.sselfie.storage.testkit.MockImageGenerator;

/**
 * Tests migrations against a real backend, with AssertJ assertions:
 * <ul>
 *   <li>{@link #roundTrip(Consumer)}: seed the store, snapshot it, {@code migrate()}, run the caller's assertions,
 *       {@code undo(MigrationVersion.ZERO)}, and assert the store is byte-identical to the seed (keys, SHA-256, size,
 *       content type, metadata; the migrator's reserved prefix left out).</li>
 *   <li>{@link #crashAtEveryWrite(int, int, int)}: for each N of a range, the runner dies at its N-th write
 *       ({@link FailingAtNthWriteBackend}), a fresh migrator on the plain store resumes once the dead runner's lease
 *       expired (a {@link ManualClock} moves past it), and the end state must equal that of a clean run, byte for
 *       byte.</li>
 * </ul>
 * The store given must be empty (or hold only what the test wants seeded over); {@link #crashAtEveryWrite} empties it
 * between runs. Not thread-safe: one tester per test.
 *
 * <pre>{@code
 * MigrationTester.builder().backend(store).migrations(new V1__Move_originals())
 *         .seedImages("photos/", 12).build()
 *         .roundTrip(migrated -> assertThat(migrated.exists("originals/img-000.png")).isTrue());
 * }</pre>
 */
public final class MigrationTester {
    /** The lease of the migrators the tester builds: short, and only ever expired by moving the {@link ManualClock}. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private final StorageBackend store;
    private final List<Migration> migrations;
    private final Consumer<StorageBackend> seed;
    private final String reservedPrefix;
    private final int concurrency;
    private final ManualClock clock = ManualClock.atNow();

    private MigrationTester(Builder builder) {
        this.store = builder.store;
        this.migrations = List.copyOf(builder.migrations);
        this.seed = builder.seed;
        this.reservedPrefix = builder.reservedPrefix;
        this.concurrency = builder.concurrency;
    }

    /** A builder; {@link Builder#backend} and {@link Builder#migrations} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Puts {@code count} small PNG images from {@link MockImageGenerator} under {@code prefix}, named
     * {@code img-000.png}, {@code img-001.png}..., each 32x24 pixels, with content type {@code image/png} and metadata
     * {@code seed=<i>}. Deterministic: the same call puts the same bytes.
     */
    public static void seedImages(StorageBackend store, String prefix, int count) {
        requireNonNull(store, "store is null");
        requireNonNull(prefix, "prefix is null");
        for (int i = 0; i < count; i++) {
            byte[] png = MockImageGenerator.png(32, 24, i);
            store.put(prefix + String.format("img-%03d.png", i), png, PutOptions.builder()
                    .contentType(ImageFormat.PNG.mediaType()).metadata("seed", Integer.toString(i)).build());
        }
    }

    /** Puts the seed data into the store (what {@link #roundTrip} does first). */
    public void seed() {
        seed.accept(store);
    }

    /** A snapshot of the store, the reserved prefix left out. */
    public StoreSnapshot snapshot() {
        return StoreSnapshot.of(store, reservedPrefix);
    }

    /** A migrator over {@code backend} with the tester's migrations, clock, lease, prefix and concurrency. */
    public Migrator migrator(StorageBackend backend) {
        return Migrator.builder().backend(backend).migrations(migrations).reservedPrefix(reservedPrefix)
                .lockLease(LEASE).clock(clock).concurrency(concurrency).build();
    }

    /**
     * Seeds, migrates up, runs {@code assertions} on the migrated store, undoes everything and asserts the store is
     * byte-identical to the seed, every version UNDONE and no lock or journal left.
     *
     * @return the snapshot after the up run (for further checks)
     * @throws AssertionError if a check fails
     */
    public StoreSnapshot roundTrip(Consumer<StorageBackend> assertions) {
        requireNonNull(assertions, "assertions is null");
        seed();
        StoreSnapshot seeded = snapshot();
        Migrator migrator = migrator(store);

        migrator.migrate();
        assertThat(migrator.info()).as("history after migrate").extracting(MigrationInfo::state)
                .containsOnly(MigrationState.SUCCESS);
        StoreSnapshot migrated = snapshot();
        assertions.accept(store);
        migrator.undo(MigrationVersion.ZERO);

        assertThat(snapshot()).as("store after undo(ZERO) vs the seed").isEqualTo(seeded);
        assertThat(migrator.info()).as("history after undo").extracting(MigrationInfo::state)
                .containsOnly(MigrationState.UNDONE);
        assertNoRunLeftovers();
        return migrated;
    }

    /**
     * Like {@link #crashAtEveryWrite(int, int, int)} over the whole clean run, with at most {@code maxPoints} crash
     * points spread evenly over its writes (every write when the run has no more than {@code maxPoints}).
     *
     * @throws IllegalArgumentException if {@code maxPoints} is below 1
     */
    public CrashReport crashAtEveryWrite(int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("maxPoints must be 1 or more, was " + maxPoints);
        }
        empty();
        seed();
        FailingAtNthWriteBackend counting = FailingAtNthWriteBackend.counting(store);
        migrator(counting).migrate();
        int writes = counting.writes();
        int step = Math.max(1, (writes + maxPoints - 1) / maxPoints);
        return crashAtEveryWrite(1, Math.max(1, writes), step);
    }

    /**
     * Runs the migrations once cleanly (counting writes), then, for every N in {@code from, from+step, ... <= to}:
     * empties and reseeds the store, lets a runner die at its N-th write, moves the clock past its lease and resumes
     * with a fresh migrator on the plain store. Each end state must equal the clean run's (objects byte for byte, every
     * version SUCCESS, no journal or lock left).
     *
     * @return what was tried
     * @throws AssertionError           if an end state differs, or a run failed other than by the simulated crash
     * @throws IllegalArgumentException if the range is empty or the step not positive
     */
    public CrashReport crashAtEveryWrite(int from, int to, int step) {
        if (from < 1 || to < from || step < 1) {
            throw new IllegalArgumentException("need 1 <= from <= to and step >= 1, was " + from + ".." + to + " by " + step);
        }
        empty();
        seed();
        FailingAtNthWriteBackend counting = FailingAtNthWriteBackend.counting(store);
        migrator(counting).migrate();
        StoreSnapshot reference = snapshot();
        assertNoRunLeftovers();

        List<Integer> crashed = new ArrayList<>();
        for (int n = from; n <= to; n += step) {
            empty();
            seed();
            FailingAtNthWriteBackend failing = FailingAtNthWriteBackend.failingAt(store, n);
            Throwable crash = null;
            try {
                migrator(failing).migrate();
            } catch (RuntimeException e) {
                crash = e;
            }
            if (crash != null) {
                assertThat(failing.failed()).as("at write %d the run failed, but not by the simulated crash: %s", n, crash)
                        .isTrue();
                crashed.add(n);
            }
            clock.advance(LEASE.plusSeconds(1));

            Migrator resumed = migrator(store);
            resumed.migrate();

            assertThat(snapshot()).as("end state after a crash at write %d, resumed, vs a clean run", n).isEqualTo(reference);
            assertThat(resumed.info()).as("history after a crash at write %d, resumed", n).extracting(MigrationInfo::state)
                    .containsOnly(MigrationState.SUCCESS);
            assertNoRunLeftovers();
        }
        return new CrashReport(counting.writes(), crashed, reference);
    }

    /** Asserts that no lock and no journal are left under the reserved prefix. */
    public void assertNoRunLeftovers() {
        try (Stream<ObjectInfo> listing = store.list(reservedPrefix)) {
            Set<String> leftovers = listing.map(ObjectInfo::key)
                    .filter(key -> key.equals(reservedPrefix + "lock") || key.startsWith(reservedPrefix + "journal/"))
                    .collect(Collectors.toSet());
            assertThat(leftovers).as("lock and journal objects left after the run").isEmpty();
        }
    }

    /** Deletes every object of the store, the reserved prefix included. */
    public void empty() {
        List<String> keys;
        try (Stream<ObjectInfo> listing = store.list("")) {
            keys = listing.map(ObjectInfo::key).collect(Collectors.toList());
        }
        if (!keys.isEmpty()) {
            store.deleteAll(keys);
        }
    }

    /**
     * What {@link #crashAtEveryWrite} did.
     *
     * @param cleanRunWrites writes of the uninterrupted run (crash points above it crash nothing)
     * @param crashPoints    the N at which a runner actually died
     * @param endState       the end state every resumed run matched
     */
    public record CrashReport(int cleanRunWrites, List<Integer> crashPoints, StoreSnapshot endState) {
        /** @throws NullPointerException if a component is null */
        public CrashReport {
            crashPoints = List.copyOf(requireNonNull(crashPoints, "crashPoints is null"));
            requireNonNull(endState, "endState is null");
        }
    }

    /** Builds a {@link MigrationTester}. */
    public static final class Builder {
        private StorageBackend store;
        private final List<Migration> migrations = new ArrayList<>();
        private Consumer<StorageBackend> seed = store -> MigrationTester.seedImages(store, "photos/", 12);
        private String reservedPrefix = Migrator.Builder.DEFAULT_RESERVED_PREFIX;
        private int concurrency = 1;

        private Builder() {
        }

        /** The store to test on. Required. */
        public Builder backend(StorageBackend store) {
            this.store = requireNonNull(store, "store is null");
            return this;
        }

        /** Adds migrations. At least one is required. */
        public Builder migrations(Migration... migrations) {
            return migrations(List.of(migrations));
        }

        /** Adds migrations. At least one is required. */
        public Builder migrations(List<? extends Migration> migrations) {
            this.migrations.addAll(requireNonNull(migrations, "migrations is null"));
            return this;
        }

        /** Seeds {@code count} images under {@code prefix} (see {@link MigrationTester#seedImages}). Default: 12 under {@code photos/}. */
        public Builder seedImages(String prefix, int count) {
            requireNonNull(prefix, "prefix is null");
            if (count < 0) {
                throw new IllegalArgumentException("count must be 0 or more, was " + count);
            }
            this.seed = store -> MigrationTester.seedImages(store, prefix, count);
            return this;
        }

        /** Seeds with the caller's data instead of images; it must put the same objects every time it runs. */
        public Builder seed(Consumer<StorageBackend> seed) {
            this.seed = requireNonNull(seed, "seed is null");
            return this;
        }

        /** The migrator's reserved prefix. Default {@value Migrator.Builder#DEFAULT_RESERVED_PREFIX}. */
        public Builder reservedPrefix(String reservedPrefix) {
            this.reservedPrefix = requireNonNull(reservedPrefix, "reservedPrefix is null");
            return this;
        }

        /** Threads of a transform. Default 1, so that write N is the same write on every run. */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * @throws IllegalStateException if the backend or the migrations are missing
         */
        public MigrationTester build() {
            if (store == null) {
                throw new IllegalStateException("backend is required");
            }
            if (migrations.isEmpty()) {
                throw new IllegalStateException("at least one migration is required");
            }
            return new MigrationTester(this);
        }
    }
}
