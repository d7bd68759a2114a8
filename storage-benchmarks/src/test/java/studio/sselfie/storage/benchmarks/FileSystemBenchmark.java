package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.filesystem.FileSystemStorageBackend;

/**
 * The filesystem backend against plain file I/O in the same run, in one temporary directory, one thread: a put of 16
 * KiB and 1 MiB ({@code fsPut}) beside writing a temporary file, forcing it and renaming it over the target
 * ({@code rawPut}, the baseline) and then forcing the directory ({@code rawPutSyncedDirectory}, the least a
 * write that is durable when it returns costs; with the MD5 every ETag needs, {@code rawPutMd5SyncedDirectory}), and a get with its body read ({@code fsGet}) beside
 * {@link Files#readAllBytes} ({@code rawGet}). Read the ratios {@code fsPut / rawPut}, {@code fsPut / rawPutSyncedDirectory} and {@code fsGet / rawGet}: the
 * backend also hashes the body (MD5 ETag, SHA-256), appends its info, takes the key's lock and forces the directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(1)
public class FileSystemBenchmark {
    private static final String PUT_KEY = "bench/put.bin";
    private static final String GET_KEY = "bench/get.bin";
    private static final PutOptions BINARY = PutOptions.builder().contentType("application/octet-stream").build();

    @Param({"16384", "1048576"})
    public int size;

    private Path directory;
    private FileSystemStorageBackend backend;
    private FileSystemStorageBackend withoutSha256;
    private Path raw;
    private byte[] bytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        directory = Files.createTempDirectory("fs-benchmark-");
        backend = FileSystemStorageBackend.open(directory.resolve("store"));
        backend.put(GET_KEY, bytes, BINARY);
        withoutSha256 = new FileSystemStorageBackend(backend.config().toBuilder().contentSha256(false).build());
        raw = Files.createDirectories(directory.resolve("raw"));
        Files.write(raw.resolve("get.bin"), bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        withoutSha256.close();
        backend.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public ObjectInfo fsPut() {
        return backend.put(PUT_KEY, bytes, BINARY);
    }

    /** {@link #fsPut} on a backend that computes no SHA-256 (no {@code CONTENT_SHA256}): what the hash costs. */
    @Benchmark
    public ObjectInfo fsPutWithoutSha256() {
        return withoutSha256.put(PUT_KEY, bytes, BINARY);
    }

    /**
     * {@link #rawPutSyncedDirectory} with the MD5 of the bytes computed, as every put must for its ETag: the least the
     * contract lets a durable put cost.
     */
    @Benchmark
    public String rawPutMd5SyncedDirectory() throws IOException, NoSuchAlgorithmException {
        String etag = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        rawPutSyncedDirectory();
        return etag;
    }

    /** Write a temporary file, force it to disk, rename it over the target: an atomic, durable replace. */
    @Benchmark
    public Path rawPut() throws IOException {
        Path temp = raw.resolve(".put.bin.tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        return Files.move(temp, raw.resolve("put.bin"), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * {@link #rawPut} and then the directory forced too, as the backend does so that the rename itself survives a
     * crash: the least a put that is durable once it returns costs.
     */
    @Benchmark
    public Path rawPutSyncedDirectory() throws IOException {
        Path target = rawPut();
        try (FileChannel directory = FileChannel.open(raw, StandardOpenOption.READ)) {
            directory.force(true);
        }
        return target;
    }

    @Benchmark
    public long fsGet(Blackhole blackhole) throws IOException {
        try (StorageObject object = backend.get(GET_KEY)) {
            InputStream in = object.stream();
            return BackendBenchmark.drain(in, blackhole);
        }
    }

    @Benchmark
    public byte[] rawGet() throws IOException {
        return Files.readAllBytes(raw.resolve("get.bin"));
    }
}
