package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationContext;
import studio.sselfie.storage.migration.Migrator;

/** The store of each test, its clean-up, and the migrations and helpers the suite's tests share. */
abstract class MigrationSuiteSupport {
    static final String RESERVED = Migrator.Builder.DEFAULT_RESERVED_PREFIX;
    static final Duration LEASE = MigrationTester.LEASE;

    /** The store of the running test: fresh and empty. */
    protected StorageBackend store;
    /** The clock of every migrator the suite builds; moved by hand to expire leases. */
    protected final ManualClock clock = ManualClock.atNow();
    private final List<StorageBackend> created = new ArrayList<>();

    /** A fresh, empty namespace (bucket, prefix, instance) of the backend under test. */
    protected abstract StorageBackend createBackend();

    /**
     * Releases a backend {@link #createBackend()} gave, after its test. The default deletes every object and closes
     * it; override it to delete a bucket too.
     */
    protected void cleanUp(StorageBackend backend) {
        try {
            MigrationTester.builder().backend(backend).migrations(step("1", ctx -> { })).build().empty();
        } finally {
            backend.close();
        }
    }

    /** Gives each test its fresh {@link #store}. */
    @BeforeEach
    protected final void createStore() {
        store = otherBackend();
    }

    /** Cleans up every backend the test took, reporting the first failure after trying them all. */
    @AfterEach
    protected final void cleanUpStores() {
        RuntimeException first = null;
        for (StorageBackend backend : created) {
            try {
                cleanUp(backend);
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        created.clear();
        if (first != null) {
            throw first;
        }
    }

    /** Another fresh backend, cleaned up after the test like the main one. */
    final StorageBackend otherBackend() {
        StorageBackend backend = createBackend();
        created.add(backend);
        return backend;
    }

    final Migrator.Builder migrator(Migration... migrations) {
        return migrator(store, migrations);
    }

    final Migrator.Builder migrator(StorageBackend backend, Migration... migrations) {
        return Migrator.builder().backend(backend).migrations(migrations).clock(clock).lockLease(LEASE).concurrency(2);
    }

    final MigrationTester.Builder tester(Migration... migrations) {
        return MigrationTester.builder().backend(store).migrations(migrations).seedImages("photos/", 6);
    }

    final void seed(int count) {
        MigrationTester.seedImages(store, "photos/", count);
    }

    final StoreSnapshot snapshot() {
        return StoreSnapshot.of(store, RESERVED);
    }

    /** Everything, the migrator's state included. */
    final StoreSnapshot snapshotAll() {
        return StoreSnapshot.of(store, "");
    }

    static ScriptedMigration step(String version, Consumer<MigrationContext> up) {
        return ScriptedMigration.of(version, up);
    }

    /** Moves {@code photos/x} to {@code originals/x}. */
    static ScriptedMigration moveToOriginals(String version) {
        return step(version, ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length())));
    }

    /** Writes {@code sizes/<key>.txt} holding the original's length, for every object under {@code prefix}. */
    static ScriptedMigration writeSizes(String version, String prefix) {
        return step(version, ctx -> ctx.transform(prefix, info -> true, (original, body) -> Optional.of(new DerivedObject(
                "sizes/" + original.key() + ".txt", Long.toString(body.readAllBytes().length).getBytes(StandardCharsets.UTF_8),
                "text/plain", Map.of("of", original.key())))));
    }

    /** Adds {@code checked=yes} to the metadata of every object under {@code prefix}. */
    static ScriptedMigration markChecked(String version, String prefix) {
        return step(version, ctx -> ctx.updateMetadata(prefix, info -> {
            Map<String, String> metadata = new HashMap<>(info.metadata());
            metadata.put("checked", "yes");
            return metadata;
        }));
    }

    /** Runs {@code action} expecting it to fail, and returns the failure (null if it did not fail). */
    static Throwable failureOf(Runnable action) {
        return catchThrowable(action::run);
    }
}
