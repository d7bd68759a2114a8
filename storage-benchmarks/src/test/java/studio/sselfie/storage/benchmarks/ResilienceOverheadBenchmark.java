package studio.sselfie.storage.benchmarks;

import java.io.IOException;
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

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.resilience.ResilienceConfig;
import studio.sselfie.storage.resilience.ResilientStorageBackend;
import studio.sselfie.storage.testkit.ImageFormat;
import studio.sselfie.storage.testkit.MockImageGenerator;

/**
 * What the resilience decorator costs per call when nothing fails: put and get of a 16 KiB image on the in-memory
 * backend, bare, wrapped with the default config (retry, circuit breaker, bulkhead, reads verified against their
 * checksum), and wrapped without read verification. In memory the call itself is cheap, so this is the decorator's
 * cost at its most visible; over HTTP it disappears in the request time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Threads(4)
public class ResilienceOverheadBenchmark {
    private static final PutOptions JPEG = PutOptions.builder().contentType("image/jpeg").build();

    @Param({"bare", "resilient", "resilient-unverified"})
    public String wrapping;

    private StorageBackend backend;
    private byte[] image;

    @Setup(Level.Trial)
    public void setUp() {
        StorageBackend memory = InMemoryStorageBackend.create();
        backend = switch (wrapping) {
            case "bare" -> memory;
            case "resilient" -> ResilientStorageBackend.wrap(memory, ResilienceConfig.defaults());
            case "resilient-unverified" -> ResilientStorageBackend.wrap(memory, ResilienceConfig.builder().verifyReads(false).build());
            default -> throw new IllegalArgumentException("unknown wrapping '" + wrapping + "'");
        };
        image = MockImageGenerator.builder().format(ImageFormat.JPEG).width(320).height(240).seed(3)
                .targetBytes(16 * 1024).build().generate();
        backend.put("bench/get.jpg", image, JPEG);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
    }

    @Benchmark
    public ObjectInfo put() {
        return backend.put("bench/put.jpg", image, JPEG);
    }

    @Benchmark
    public long get(Blackhole blackhole) throws IOException {
        try (StorageObject object = backend.get("bench/get.jpg")) {
            return BackendBenchmark.drain(object.stream(), blackhole);
        }
    }
}
