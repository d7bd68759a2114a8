package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.testkit.ImageFormat;
import studio.sselfie.storage.testkit.MockImageGenerator;

/**
 * Operations per second of put, get (the whole body read) and head of real JPEG images, a 16 KiB thumbnail and a
 * 256 KiB selfie, on each backend: in memory, and S3 and MinIO through their real clients over HTTP against the
 * embedded S3 server (or the endpoint the environment names), 4 threads. On the embedded server client and server
 * share the machine's cores, so the S3 figures compare the clients with each other, not with a real store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(4)
public class BackendBenchmark {
    /** Keys each thread cycles through, so puts overwrite and gets read objects of their own. */
    static final int KEYS_PER_THREAD = 16;
    static final int MAX_THREADS = 64;
    private static final PutOptions JPEG = PutOptions.builder().contentType("image/jpeg").build();

    @Param({"mem", "s3", "minio"})
    public String store;

    /** 16 KiB: a thumbnail; 256 KiB: a selfie. */
    @Param({"16384", "262144"})
    public int imageBytes;

    private BenchmarkStores stores;
    private StorageBackend backend;
    private byte[] image;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (params.getThreads() > MAX_THREADS) {
            throw new IllegalArgumentException("at most " + MAX_THREADS + " threads, was " + params.getThreads());
        }
        // A server of its own, stopped on tear-down: a forked JVM exits at once (the shared one's threads made JMH
        // wait 30 s for every fork).
        stores = BenchmarkStores.onOwnServer();
        backend = stores.open(store);
        image = MockImageGenerator.builder().format(ImageFormat.JPEG).width(640).height(480).seed(7)
                .targetBytes(imageBytes).build().generate();
        for (int thread = 0; thread < params.getThreads(); thread++) {
            for (int i = 0; i < KEYS_PER_THREAD; i++) {
                backend.put(Keys.of("get", thread, i), image, JPEG);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
        stores.close();
    }

    /** One thread's place in its keys. */
    @State(Scope.Thread)
    public static class Keys {
        private int thread;
        private int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams params) {
            thread = params.getThreadIndex();
        }

        static String of(String kind, int thread, int i) {
            return "bench/" + kind + "/t" + thread + "/" + i + ".jpg";
        }

        String next(String kind) {
            next = (next + 1) % KEYS_PER_THREAD;
            return of(kind, thread, next);
        }
    }

    @Benchmark
    public ObjectInfo put(Keys keys) {
        return backend.put(keys.next("put"), image, JPEG);
    }

    @Benchmark
    public long get(Keys keys, Blackhole blackhole) throws IOException {
        try (StorageObject object = backend.get(keys.next("get"))) {
            return drain(object.stream(), blackhole);
        }
    }

    @Benchmark
    public Optional<ObjectInfo> head(Keys keys) {
        return backend.head(keys.next("get"));
    }

    /** Reads {@code in} to its end as an app would (16 KiB at a time); answers the byte count. */
    static long drain(InputStream in, Blackhole blackhole) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            total += n;
        }
        blackhole.consume(buffer);
        return total;
    }
}
