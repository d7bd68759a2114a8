package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationState;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * A child JVM migrating a bucket of the embedded S3 server is killed ({@code kill -9}) once it reported some objects
 * done; a fresh migrator in this JVM takes over after the child's lease and finishes. The store outlives the child
 * because the server runs here.
 */
class KillChildJvmMigrationTest {
    private static final int OBJECTS = 30;
    private static final int KILL_AFTER = 6;

    private final List<StorageBackend> backends = new ArrayList<>();
    private Process child;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.destroyForcibly();
        }
        for (StorageBackend backend : backends) {
            String bucket = ((S3StorageBackend) backend).config().bucket();
            MigrationTester.builder().backend(backend).migrations(ChildJvmMigration.migrations()).build().empty();
            backend.close();
            S3Buckets.deleteQuietly(bucket);
        }
    }

    private StorageBackend newStore() {
        StorageBackend store = S3Buckets.newBackend("kill-child");
        backends.add(store);
        MigrationTester.seedImages(store, "photos/", OBJECTS);
        return store;
    }

    @Test
    @Timeout(180)
    void crash_childJvmKilledMidMigration_resumesByteIdenticalToACleanRun() throws Exception {
        StorageBackend clean = newStore();
        Migrator.builder().backend(clean).migrations(ChildJvmMigration.migrations()).concurrency(1).build().migrate();
        StoreSnapshot reference = StoreSnapshot.of(clean, Migrator.Builder.DEFAULT_RESERVED_PREFIX);
        StorageBackend store = newStore();
        String bucket = ((S3StorageBackend) store).config().bucket();

        child = startChild(bucket);
        int reported = awaitProgress(child, KILL_AFTER);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();

        Migrator resumed = Migrator.builder().backend(store).migrations(ChildJvmMigration.migrations())
                .lockLease(ChildJvmMigration.LEASE).concurrency(1)
                .clock(new ManualClock(Instant.now().plus(ChildJvmMigration.LEASE.multipliedBy(3)))).build();
        assertThat(reported).as("objects the child reported before the kill").isGreaterThanOrEqualTo(KILL_AFTER);
        assertThat(resumed.info()).as("history the child left").extracting(MigrationInfo::state).contains(MigrationState.RUNNING);
        resumed.migrate();

        assertThat(StoreSnapshot.of(store, Migrator.Builder.DEFAULT_RESERVED_PREFIX)).isEqualTo(reference);
        assertThat(resumed.info()).extracting(MigrationInfo::state).containsOnly(MigrationState.SUCCESS);
    }

    private static Process startChild(String bucket) throws Exception {
        S3TestEndpoint endpoint = S3TestEndpoint.get();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ChildJvmMigration.class.getName(), bucket).redirectError(ProcessBuilder.Redirect.DISCARD);
        // The child finds the parent's server as an "external" endpoint; the secret goes through the environment only.
        builder.environment().put("STORAGE_TEST_S3_ENDPOINT", endpoint.endpoint().toString());
        builder.environment().put("STORAGE_TEST_S3_ACCESS_KEY", endpoint.accessKey());
        builder.environment().put("STORAGE_TEST_S3_SECRET_KEY", endpoint.secretKey());
        builder.environment().put("STORAGE_TEST_S3_REGION", endpoint.region());
        builder.environment().put("STORAGE_TEST_S3_PATH_STYLE", Boolean.toString(endpoint.pathStyle()));
        return builder.start();
    }

    /** Reads the child's progress lines until it reported {@code objects} objects of version 1; returns how many. */
    private static int awaitProgress(Process child, int objects) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("PROGRESS 1 ")) {
                int done = Integer.parseInt(line.substring("PROGRESS 1 ".length()).trim());
                if (done >= objects) {
                    return done;
                }
            }
        }
        throw new AssertionError("the child ended before it reported " + objects + " objects (exit "
                + child.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS) + ")");
    }
}
