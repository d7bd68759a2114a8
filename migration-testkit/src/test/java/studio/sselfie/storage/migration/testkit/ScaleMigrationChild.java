package studio.sselfie.storage.migration.testkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.migration.DerivedObject;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.migration.Progress;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The child JVM of {@link MigrationScaleTest}, started with a small heap: migrates the store named by its argument
 * (move every {@code photos/} key to {@code originals/}, then derive a thumbnail-sized copy of each), printing
 * {@code PROGRESS version objects} as it goes and, at the end, {@code HEAP bytes}: the most the heap held after a
 * collection (the live set), over the run.
 */
final class ScaleMigrationChild {
    private ScaleMigrationChild() {
    }

    static Migration[] migrations() {
        return new Migration[] {
            ScriptedMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring("photos/".length()))),
            ScriptedMigration.of("2", ctx -> ctx.transform("originals/", info -> true, (info, body) -> {
                byte[] head = body.readNBytes(64);
                return Optional.of(new DerivedObject("small/" + info.key().substring("originals/".length()), head,
                        "application/octet-stream", Map.of()));
            }))
        };
    }

    /** {@code args[0]}: a {@code file://} URI, or the name of a bucket on the endpoint of {@link S3TestEndpoint}. */
    public static void main(String[] args) {
        StorageBackend store = args[0].startsWith("file:")
                ? StorageBackends.open(java.net.URI.create(args[0]))
                : new S3StorageBackend(ChildJvmMigration.config(S3TestEndpoint.get(), args[0]));
        AtomicLong reported = new AtomicLong();
        Migrator.builder().backend(store).migrations(migrations()).owner("scale-child").concurrency(8)
                .lockLease(ChildJvmMigration.LEASE)
                .listener(new MigrationListener() {
                    @Override
                    public void stepStarted(MigrationVersion version, boolean down, boolean resumed) {
                        reported.set(0); // objectsDone counts from zero in each step
                        System.out.println("STEP " + version + (resumed ? " resumed" : ""));
                        System.out.flush();
                    }

                    @Override
                    public void progress(MigrationVersion version, Progress progress) {
                        if (progress.objectsDone() - reported.get() >= 500) {
                            reported.set(progress.objectsDone());
                            System.out.println("PROGRESS " + version + " " + progress.objectsDone());
                            System.out.flush();
                        }
                    }
                }).build().migrate();
        System.out.println("HEAP " + liveSetPeak());
        System.out.println("DONE");
        store.close();
    }

    // Sampled: the heap in use right after the latest collection of each pool, summed; its maximum over the run is
    // the live set's peak, whatever the garbage between collections.
    private static final AtomicLong LIVE_PEAK = new AtomicLong();

    static {
        Thread sampler = new Thread(() -> {
            while (true) {
                long live = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        live += pool.getCollectionUsage().getUsed();
                    }
                }
                LIVE_PEAK.accumulateAndGet(live, Math::max);
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "live-set-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private static long liveSetPeak() {
        return LIVE_PEAK.get();
    }
}
