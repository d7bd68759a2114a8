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
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundChild.class.getName(),
                bucket.endpoint().endpoint().toString(), bucket.endpoint().region(), bucket.name(), "memory/256mib.bin",
                Long.toString(SIZE), Long.toString(SEED)))
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
        assertThat(output).contains("uploaded " + SIZE + " " + expected).contains("downloaded " + SIZE + " " + expected);
        assertThat(output).doesNotContain(bucket.endpoint().secretKey());
        assertThat(bucket.multipartUploads("memory/")).isEmpty();
    }

    @Test
    void putAndGet_fourParallel40MebibytePutsIn96MebibyteHeap_shareTheBackendsPartBuffers(TestReporter reporter, @TempDir Path dir)
            throws Exception {
        // Four uploads of 4 x 8 MiB part buffers each would need 128 MiB; the backend-wide bound is 32 MiB.
        String expected = GeneratedStream.sha256(PARALLEL_SIZE, SEED);
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundChild.class.getName(),
                bucket.endpoint().endpoint().toString(), bucket.endpoint().region(), bucket.name(), "memory/parallel.bin",
                Long.toString(PARALLEL_SIZE), Long.toString(SEED), "4"))
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
        assertThat(output.split("downloaded " + PARALLEL_SIZE + " " + expected, -1)).as("round trips; output:%n%s", output).hasSize(5);
        assertThat(output).doesNotContain(bucket.endpoint().secretKey());
        assertThat(bucket.multipartUploads("memory/")).isEmpty();
    }
}
