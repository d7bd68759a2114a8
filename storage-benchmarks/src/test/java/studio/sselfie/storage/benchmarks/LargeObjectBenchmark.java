package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

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
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Seconds to stream one large object (1 GiB by default) up, as a stream of unknown length (multipart, one bounded
 * buffer), and down, through S3 and MinIO over HTTP, in a JVM whose heap ({@value #HEAP}) is a quarter of the object:
 * neither direction may hold the object in memory. The embedded server keeps objects on disk (S3Proxy's filesystem
 * store) in the same JVM, and shares the cores. Every transfer is checked (size and CRC32C) and throws if it differs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = LargeObjectBenchmark.HEAP)
public class LargeObjectBenchmark {
    static final String HEAP = "-Xmx256m";
    private static final PutOptions BINARY = PutOptions.builder().contentType("application/octet-stream").build();

    @Param({"s3", "minio"})
    public String store;

    @Param({"1073741824"})
    public long bytes;

    private Path directory;
    private BenchmarkStores stores;
    private StorageBackend backend;
    private long crc;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        directory = Files.createTempDirectory("storage-benchmark-");
        stores = BenchmarkStores.onDisk(directory);
        backend = stores.open(store);
        crc = Pattern.crc(bytes);
        ObjectInfo stored = backend.put("bench/down.bin", new Pattern(bytes), StorageBackend.UNKNOWN_LENGTH, BINARY);
        check("setup upload", stored.size(), -1);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        backend.close();
        stores.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Benchmark
    public ObjectInfo upload() {
        ObjectInfo stored = backend.put("bench/up.bin", new Pattern(bytes), StorageBackend.UNKNOWN_LENGTH, BINARY);
        check("upload", stored.size(), -1);
        return stored;
    }

    @Benchmark
    public long download() throws IOException {
        CRC32C checksum = new CRC32C();
        long size = 0;
        try (StorageObject object = backend.get("bench/down.bin")) {
            InputStream in = object.stream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                checksum.update(buffer, 0, n);
                size += n;
            }
        }
        check("download", size, checksum.getValue());
        return size;
    }

    private void check(String what, long size, long checksum) {
        if (size != bytes || (checksum >= 0 && checksum != crc)) {
            throw new IllegalStateException(what + " of " + store + " moved " + size + " bytes with CRC32C " + checksum
                    + ", expected " + bytes + " bytes with CRC32C " + crc);
        }
    }

    /**
     * {@code length} bytes made as they are read: a 1 MiB block of seeded random bytes, repeated (no store here
     * deduplicates or compresses), so producing them costs an array copy and the transfer is what is timed.
     */
    static final class Pattern extends InputStream {
        private static final byte[] BLOCK = new byte[1 << 20];

        static {
            new SplittableRandom(42).nextBytes(BLOCK);
        }

        private long position;
        private final long length;

        Pattern(long length) {
            this.length = length;
        }

        /** The CRC32C of the first {@code length} bytes of the pattern. */
        static long crc(long length) {
            CRC32C checksum = new CRC32C();
            for (long done = 0; done < length; ) {
                int n = (int) Math.min(BLOCK.length, length - done);
                checksum.update(BLOCK, 0, n);
                done += n;
            }
            return checksum.getValue();
        }

        @Override
        public int read() {
            return position < length ? BLOCK[(int) (position++ % BLOCK.length)] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (count == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int within = (int) (position % BLOCK.length);
            int n = (int) Math.min(Math.min(count, BLOCK.length - within), length - position);
            System.arraycopy(BLOCK, within, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
