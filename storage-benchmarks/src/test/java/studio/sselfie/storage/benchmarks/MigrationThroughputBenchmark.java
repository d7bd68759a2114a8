package studio.sselfie.storage.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.BaseMigration;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationContext;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Seconds to move a batch of small objects ({@value #OBJECT_BYTES} bytes) with a migration ({@code moveKeys}: backup,
 * verification, journal) and with a plain copy+delete loop over the same objects on as many threads, on the in-memory
 * backend ({@code mem}), the embedded S3 server ({@code s3}) and the embedded server behind a loopback proxy that holds
 * every response {@value #LATENCY_MILLIS} ms ({@code s3-5ms}: a store across a network; a fifth of the objects
 * there). Each invocation moves a freshly seeded batch (seeding is not timed) under a prefix of its own, with a
 * reserved prefix of its own, so every migration starts on a store with no history. {@link MigrationRatios} prints
 * objects/s of both and their ratio from the JSON result:
 *
 * <pre>
 * mvn -B -ntp -pl storage-benchmarks -am -DskipTests -Pbenchmarks verify \
 *     -Djmh.args="MigrationThroughputBenchmark -rf json -rff target/migration.json"
 * java -cp storage-benchmarks/target/test-classes studio.sselfie.storage.benchmarks.MigrationRatios \
 *     storage-benchmarks/target/migration.json
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MigrationThroughputBenchmark {
    static final int OBJECT_BYTES = 1024;
    static final long LATENCY_MILLIS = 5;

    @Param({"mem", "s3", "s3-5ms"})
    public String store;

    @Param({"4", "32"})
    public int threads;

    /** Objects per invocation ({@code s3-5ms}: a fifth of them). */
    @Param({"2000"})
    public int objects;

    private BenchmarkStores stores;
    private HttpFaultProxy proxy;
    private StorageBackend backend;
    private final AtomicInteger runs = new AtomicInteger();
    private String prefix;

    @Setup(Level.Trial)
    public void open() {
        stores = BenchmarkStores.onOwnServer();
        if (store.equals("mem")) {
            backend = stores.open("mem");
            return;
        }
        S3StorageBackend direct = (S3StorageBackend) stores.open("s3");
        if (store.equals("s3")) {
            backend = direct;
            return;
        }
        proxy = HttpFaultProxy.start(direct.config().endpoint().orElseThrow()).latency(Duration.ofMillis(LATENCY_MILLIS));
        backend = new S3StorageBackend(direct.config().toBuilder().endpoint(proxy.endpoint()).build());
        direct.close();
    }

    /** The objects one invocation moves. */
    int batch() {
        return store.equals("s3-5ms") ? Math.max(1, objects / 5) : objects;
    }

    /** Seeds a fresh batch under a prefix of this invocation's own. */
    @Setup(Level.Invocation)
    public void seed() throws Exception {
        prefix = "run-" + runs.incrementAndGet() + "/";
        parallel(IntStream.range(0, batch()).boxed().collect(Collectors.toList()), threads, i -> {
            byte[] bytes = new byte[OBJECT_BYTES];
            new Random(i).nextBytes(bytes);
            backend.put(String.format(Locale.ROOT, "%ssrc/%05d.bin", prefix, i), bytes);
        });
    }

    @TearDown(Level.Invocation)
    public void check() {
        long moved = backend.list(prefix + "dst/").count();
        if (moved != batch() || backend.list(prefix + "src/").findAny().isPresent()) {
            throw new IllegalStateException("moved " + moved + " of " + batch() + " objects under " + prefix);
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        backend.close();
        if (proxy != null) {
            proxy.close();
        }
        stores.close();
    }

    /** The migration: one version whose up step is a {@code moveKeys} of the batch. */
    @Benchmark
    public void migration() {
        String from = prefix + "src/";
        String to = prefix + "dst/";
        Migration move = new V1__Move_batch(from, to);
        Migrator.builder().backend(backend).concurrency(threads).reservedPrefix("_migrations/" + prefix)
                .migrations(move).build().migrate();
    }

    /** The baseline: copy each object to its new key and delete the old one, on {@code threads} threads. */
    @Benchmark
    public void plainLoop() throws Exception {
        String from = prefix + "src/";
        String to = prefix + "dst/";
        List<String> keys = backend.list(from).map(ObjectInfo::key).collect(Collectors.toList());
        parallel(keys, threads, key -> {
            backend.copy(key, to + key.substring(from.length()));
            backend.delete(key);
        });
    }

    /** Moves everything under one prefix to another. */
    static final class V1__Move_batch extends BaseMigration {
        private final String from;
        private final String to;

        V1__Move_batch(String from, String to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public void up(MigrationContext context) {
            context.moveKeys(from, key -> to + key.substring(from.length()));
        }
    }

    private static <T> void parallel(List<T> items, int threads, Consumer<T> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            AtomicInteger next = new AtomicInteger();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < items.size(); ) {
                        action.accept(items.get(i));
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
