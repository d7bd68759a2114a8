package studio.sselfie.storage.migration.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Objects per second of a migration that moves N small objects (moveKeys: backup, copy, verify by SHA-256, delete,
 * checkpoint) against a plain copy+delete loop over the same objects with as many threads, printed side by side: on
 * the in-memory backend, on the embedded S3 server, and on the embedded S3 server behind a loopback proxy that holds
 * every response {@value #REMOTE_LATENCY_MILLIS} ms (a store across a network; N/5 objects there, at 4 and 32 threads).
 * Run by the {@code migration-benchmark} Maven profile; the argument is N (default 10,000). Only the moving is timed,
 * not the seeding, after an untimed warm-up on N/10 objects.
 */
public final class MigrationBenchmark {
    private static final int OBJECT_BYTES = 1024;
    private static final int THREADS = 4;
    private static final int REMOTE_THREADS = 32;
    private static final long REMOTE_LATENCY_MILLIS = 5;

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int objects = args.length > 0 && !args[0].isBlank() ? Integer.parseInt(args[0].trim()) : 10_000;
        List<String> rows = new ArrayList<>();
        run("in-memory", InMemoryStorageBackend::create, objects, THREADS, rows);
        run("embedded S3", () -> S3Buckets.newBackend("migration-benchmark"), objects, THREADS, rows);
        int remoteObjects = Math.max(1, objects / 5);
        String remote = "S3 +" + REMOTE_LATENCY_MILLIS + " ms latency";
        try (HttpFaultProxy proxy = HttpFaultProxy.start(S3TestEndpoint.get().endpoint())
                .latency(Duration.ofMillis(REMOTE_LATENCY_MILLIS))) {
            Supplier<StorageBackend> stores = () -> new S3StorageBackend(
                    S3Buckets.newBucket("migration-benchmark").toBuilder().endpoint(proxy.endpoint()).build());
            run(remote, stores, remoteObjects, THREADS, rows);
            run(remote, stores, remoteObjects, REMOTE_THREADS, rows);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%d objects of %d bytes (%d behind the latency proxy), %s%n", objects, OBJECT_BYTES,
                remoteObjects, Runtime.version());
        System.out.printf(Locale.ROOT, "%-20s | %-50s | %10s | %10s%n", "backend", "method", "seconds", "objects/s");
        System.out.println("-".repeat(100));
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static void run(String backend, Supplier<StorageBackend> stores, int objects, int threads, List<String> rows)
            throws Exception {
        // Warm-up: the same work on a tenth of the objects, not timed, so the figures are not of the JIT compiling.
        measure(backend + " warm-up", stores, Math.max(1, objects / 10), threads, new ArrayList<>());
        measure(backend, stores, objects, threads, rows);
    }

    private static void measure(String backend, Supplier<StorageBackend> stores, int objects, int threads, List<String> rows)
            throws Exception {
        StorageBackend store = stores.get();
        seed(store, objects);
        FailingAtNthWriteBackend counting = FailingAtNthWriteBackend.counting(store);
        long start = System.nanoTime();
        Migrator.builder().backend(counting).concurrency(threads)
                .migrations(ScriptedMigration.of("1", ctx -> ctx.moveKeys("src/", key -> "dst/" + key.substring(4))))
                .build().migrate();
        rows.add(row(backend, "migration moveKeys (backup+verify+journal), " + threads + " thr", objects, start, store));
        rows.add(String.format(Locale.ROOT, "%-20s |   (the migration made %.2f writes per object: %d in all)",
                backend, counting.writes() / (double) objects, counting.writes()));
        close(store);

        store = stores.get();
        seed(store, objects);
        List<String> keys = keys(store);
        StorageBackend target = store;
        start = System.nanoTime();
        parallel(keys, threads, key -> {
            target.copy(key, "dst/" + key.substring(4));
            target.delete(key);
        });
        rows.add(row(backend, "plain copy+delete loop, " + threads + " thr", objects, start, store));
        close(store);
    }

    private static String row(String backend, String method, int objects, long startNanos, StorageBackend store) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long moved = store.list("dst/").count();
        if (moved != objects || store.list("src/").count() != 0) {
            throw new IllegalStateException(method + " on " + backend + " moved " + moved + " of " + objects);
        }
        String line = String.format(Locale.ROOT, "%-20s | %-50s | %10.2f | %10.0f", backend, method, seconds, objects / seconds);
        System.out.println(line);
        return line;
    }

    private static List<String> keys(StorageBackend store) {
        return store.list("src/").map(ObjectInfo::key).collect(Collectors.toList());
    }

    private static void seed(StorageBackend store, int objects) throws Exception {
        parallel(IntStream.range(0, objects).boxed().collect(Collectors.toList()), THREADS, i -> {
            byte[] bytes = new byte[OBJECT_BYTES];
            new Random(i).nextBytes(bytes);
            store.put(String.format("src/%05d.bin", i), bytes);
        });
    }

    private static <T> void parallel(List<T> items, int threads, java.util.function.Consumer<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = (items.size() + threads - 1) / threads;
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<T> part = items.subList(Math.min(items.size(), t * chunk), Math.min(items.size(), (t + 1) * chunk));
                futures.add(pool.submit(() -> part.forEach(action)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The embedded server's store goes with this JVM; emptying 10,000 objects would only cost time. */
    private static void close(StorageBackend store) {
        store.close();
    }
}
