package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory stays bounded by the part buffers, not by the object: a child JVM with a 64 MiB heap streams a 256 MiB
 * object of unknown length, generated on the fly, up through the backend to this JVM's server and back down, and
 * both SHA-256 digests match the generator's.
 */
class MinioMemoryBoundTest {
    private static final long SIZE = 256L * 1024 * 1024;
    private static final long SEED = 20_240_601;
    private static final long PARALLEL_SIZE = 40L * 1024 * 1024;
    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-memory");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void putAndGet_256MebibytesOfUnknownLengthIn64MebibyteHeap_roundTripByteExact(TestReporter reporter, @TempDir Path dir)
            throws Exception {
        String expected = GeneratedStream.sha256(SIZE, SEED);

        String output = runChild(reporter, dir, "-Xmx64m", "memory/256mib.bin", SIZE, 1);

        assertThat(output).contains("uploaded " + SIZE + " " + expected).contains("downloaded " + SIZE + " " + expected);
    }

    @Test
    void putAndGet_fourParallel40MebibytePutsIn96MebibyteHeap_shareTheBackendsPartBuffers(TestReporter reporter,
            @TempDir Path dir) throws Exception {
        // Four uploads of 4 x 8 MiB part buffers each would need 128 MiB; the backend-wide bound is 32 MiB.
        String expected = GeneratedStream.sha256(PARALLEL_SIZE, SEED);

        String output = runChild(reporter, dir, "-Xmx96m", "memory/parallel.bin", PARALLEL_SIZE, 4);

        assertThat(output.split("downloaded " + PARALLEL_SIZE + " " + expected, -1))
                .as("four whole round trips; output:%n%s", output).hasSize(5);
    }

    /** Runs {@link MemoryBoundChild} in a JVM with {@code heap}, checks it succeeded and left nothing; its output. */
    private static String runChild(TestReporter reporter, Path dir, String heap, String key, long size, int puts)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                heap,
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundChild.class.getName(),
                bucket.endpoint().endpoint().toString(), bucket.endpoint().region(), bucket.name(), key,
                Long.toString(size), Long.toString(SEED), Integer.toString(puts)))
                .redirectErrorStream(true)
                // To a file, not a pipe: a hung child must not block this test past its time limit.
                .redirectOutput(dir.resolve("child.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.put(MinioStorageProvider.ENV_ACCESS_KEY, bucket.endpoint().accessKey());
        environment.put(MinioStorageProvider.ENV_SECRET_KEY, bucket.endpoint().secretKey());

        Process child = builder.start();
        boolean exited = child.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String output = Files.readString(dir.resolve("child.log"));

        reporter.publishEntry("child", output.strip());
        assertThat(exited).as("the child finished; its output:%n%s", output).isTrue();
        assertThat(child.exitValue()).as("exit code; output:%n%s", output).isZero();
        assertThat(output).doesNotContain(bucket.endpoint().secretKey());
        assertThat(bucket.multipartUploads("memory/")).isEmpty();
        return output;
    }
}
