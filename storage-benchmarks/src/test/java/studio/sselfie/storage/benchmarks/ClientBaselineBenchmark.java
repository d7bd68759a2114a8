package studio.sselfie.storage.benchmarks;

import java.util.SplittableRandom;
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
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The backends against the raw SDK clients they wrap, in the same run: put and get (the whole body read) of 16 KiB,
 * 256 KiB and 16 MiB on {@code s3} and {@code minio} (the backends) and on {@code s3-raw} and {@code minio-raw} (a
 * raw {@code S3Client} and a raw {@code MinioAsyncClient} configured as the backends configure theirs, see
 * {@link RawClients}), over HTTP against the embedded server (or the endpoint the environment names), at 1 thread
 * ({@code put}, {@code get}) and 8 threads ({@code put8}, {@code get8}). {@link BaselineRatios} prints backend / raw
 * per row from the JSON result. Read the ratios: client and server share the machine's cores.
 *
 * <p>Above the part size (8 MiB by default) the backends upload in parts, in parallel; the raw S3 client sends one
 * PutObject, and the raw MinIO client sends its parts one after another: the 16 MiB put rows compare those strategies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ClientBaselineBenchmark {
    /** The most threads a benchmark method runs on. */
    static final int MAX_THREADS = 8;
    /** Bytes of objects each thread cycles its puts over, and the gets over all: bounds the server's memory. */
    private static final long BYTES_PER_KEY_SET = 32L * 1024 * 1024;
    private static final int MAX_KEYS = 16;

    @Param({"s3", "s3-raw", "minio", "minio-raw"})
    public String store;

    /** 16 KiB, 256 KiB, 16 MiB (two parts of the default 8 MiB for the backends). */
    @Param({"16384", "262144", "16777216"})
    public int size;

    private BenchmarkStores stores;
    private BaselineStore target;
    private byte[] bytes;
    private int keys;

    @Setup(Level.Trial)
    public void setUp() {
        stores = BenchmarkStores.onOwnServer();
        target = stores.openBaseline(store);
        bytes = new byte[size];
        // Random bytes: nothing on the way compresses or deduplicates them.
        new SplittableRandom(size).nextBytes(bytes);
        keys = (int) Math.max(1, Math.min(MAX_KEYS, BYTES_PER_KEY_SET / size));
        for (int i = 0; i < keys; i++) {
            target.put(key("get", 0, i), bytes);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        target.close();
        stores.close();
    }

    private static String key(String kind, int thread, int i) {
        return "bench/" + kind + "/t" + thread + "/" + i + ".bin";
    }

    /** One thread's place in the keys: puts go to keys of its own, gets cycle over the shared ones. */
    @State(Scope.Thread)
    public static class Cursor {
        private int thread;
        private int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams params) {
            if (params.getThreadCount() > MAX_THREADS) {
                throw new IllegalArgumentException("at most " + MAX_THREADS + " threads, was " + params.getThreadCount());
            }
            thread = params.getThreadIndex();
            next = thread;
        }

        String next(String kind, int keys) {
            next = (next + 1) % keys;
            return key(kind, kind.equals("get") ? 0 : thread, next);
        }
    }

    @Benchmark
    @Threads(1)
    public String put(Cursor cursor) {
        return target.put(cursor.next("put", keys), bytes);
    }

    @Benchmark
    @Threads(1)
    public long get(Cursor cursor, Blackhole blackhole) {
        return target.get(cursor.next("get", keys), blackhole);
    }

    @Benchmark
    @Threads(MAX_THREADS)
    public String put8(Cursor cursor) {
        return target.put(cursor.next("put", keys), bytes);
    }

    @Benchmark
    @Threads(MAX_THREADS)
    public long get8(Cursor cursor, Blackhole blackhole) {
        return target.get(cursor.next("get", keys), blackhole);
    }
}
