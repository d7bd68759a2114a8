package studio.sselfie.storage.migration.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.migration.Progress;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The child JVM of {@link KillChildJvmMigrationTest}: migrates the bucket named by its argument, reached through the external
 * endpoint variables of {@link S3TestEndpoint} (so the secret travels in the environment, never on the command line),
 * and prints {@code PROGRESS <objects done>} after each object until it is killed.
 */
final class ChildJvmMigration {
    /** The lease of both runners: short, so that the parent's clock only has to move a little past it. */
    static final Duration LEASE = Duration.ofSeconds(5);

    private ChildJvmMigration() {
    }

    /** The migrations both JVMs run: the class files are the same, so are the checksums. */
    static Migration[] migrations() {
        return new Migration[] {
            ScriptedMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length()))),
            ScriptedMigration.of("2", ctx -> ctx.updateMetadata("originals/", info -> java.util.Map.of("moved", "yes")))
        };
    }

    static S3StorageConfig config(S3TestEndpoint endpoint, String bucket) {
        return S3StorageConfig.builder().bucket(bucket).endpoint(endpoint.endpoint()).region(endpoint.region())
                .pathStyle(endpoint.pathStyle()).credentials(endpoint.accessKey(), endpoint.secretKey()).build();
    }

    public static void main(String[] args) {
        StorageBackend store = new S3StorageBackend(config(S3TestEndpoint.get(), args[0]));
        Migrator.builder().backend(store).migrations(migrations()).lockLease(LEASE).concurrency(1).owner("child-jvm")
                .listener(new MigrationListener() {
                    @Override
                    public void progress(MigrationVersion version, Progress progress) {
                        System.out.println("PROGRESS " + version + " " + progress.objectsDone());
                        System.out.flush();
                        try {
                            // Keeps the child inside the step long enough for the parent to kill it mid-way.
                            TimeUnit.MILLISECONDS.sleep(25);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build().migrate();
        System.out.println("DONE");
    }
}
