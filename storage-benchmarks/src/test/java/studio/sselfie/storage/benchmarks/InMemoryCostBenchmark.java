package studio.sselfie.storage.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * What the in-memory reference backend costs over the least any map store can do: put, get (the whole body read) and
 * head of 16 KiB on {@link InMemoryStorageBackend}, beside a bare {@link ConcurrentHashMap} put and get of the same
 * {@code byte[]} in the same run, one thread. Read the ratios ({@code memPut / mapPut}, {@code memGet / mapGet},
 * {@code memHead / mapGet}), not the absolute figures: the backend must copy the body (a stream), compute its MD5
 * ETag and validate the key, which the map does not; {@link #mapPutCopyMd5} and {@link #mapGetRead} are the floors
 * the contract sets (copy and MD5 on put, a stream read on get).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(1)
public class InMemoryCostBenchmark {
    static final int BYTES = 16 * 1024;
    private static final String PUT_KEY = "bench/put/16k.bin";
    private static final String GET_KEY = "bench/get/16k.bin";
    private static final PutOptions BINARY = PutOptions.builder().contentType("application/octet-stream").build();

    private InMemoryStorageBackend backend;
    private ConcurrentHashMap<String, byte[]> map;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() {
        bytes = new byte[BYTES];
        new SplittableRandom(16).nextBytes(bytes);
        backend = InMemoryStorageBackend.create();
        backend.put(GET_KEY, bytes, BINARY);
        map = new ConcurrentHashMap<>();
        map.put(GET_KEY, bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public ObjectInfo memPut() {
        return backend.put(PUT_KEY, bytes, BINARY);
    }

    @Benchmark
    public long memGet(Blackhole blackhole) throws IOException {
        try (StorageObject object = backend.get(GET_KEY)) {
            return BackendBenchmark.drain(object.stream(), blackhole);
        }
    }

    @Benchmark
    public Optional<ObjectInfo> memHead() {
        return backend.head(GET_KEY);
    }

    @Benchmark
    public byte[] mapPut() {
        return map.put(PUT_KEY, bytes);
    }

    /**
     * The least a put under the in-memory contract can do: copy the body out of its stream into a new array and
     * compute its MD5 (the ETag), then a map put. {@code memPut / mapPutCopyMd5} is how far the backend is from it.
     */
    @Benchmark
    public String mapPutCopyMd5() throws IOException, NoSuchAlgorithmException {
        byte[] copy = new ByteArrayInputStream(bytes).readNBytes(bytes.length);
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(copy));
        map.put(PUT_KEY, copy);
        return etag;
    }

    @Benchmark
    public byte[] mapGet() {
        return map.get(GET_KEY);
    }

    /** The map's get with the body read as {@link #memGet} reads it: what a get that hands out a stream must cost. */
    @Benchmark
    public long mapGetRead(Blackhole blackhole) throws IOException {
        try (InputStream in = new ByteArrayInputStream(map.get(GET_KEY))) {
            return BackendBenchmark.drain(in, blackhole);
        }
    }
}
