package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 256 MiB object of unknown length goes up through the backend and back down in a child JVM whose whole heap is
 * 64 MiB: uploads hold at most partSize x maxPartsInFlight (here 8 MiB x 2) and downloads stream. The server (and the
 * object it stores) lives in this JVM; the child gets its endpoint.
 *
 * <p>Measured in the child (live bytes after a full GC): about 13 MiB of byte arrays before the upload (the SDK's
 * models and strings), plus 8 MiB per part in flight during it, nothing more. With the default 4 parts in flight
 * (32 MiB) the JVM and SDK baseline no longer fits a 64 MiB heap, hence 2 here.
 */
class S3MemoryBoundTest {
    private static final long SIZE = 256L * 1024 * 1024;
    private static final long SEED = 256;
    private static final String KEY = "memory-bound.bin";
    private static final int PARTS_IN_FLIGHT = 2;

    private static S3TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-memory-bound");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void putAndGet_256MiBUnknownLengthIn64MiBHeap_roundTripsWithSameSha256(@TempDir Path temp) throws Exception {
        String expected = TestBodies.sha256(TestBodies.random(SIZE, SEED));
        Path output = temp.resolve("child.out");
        ProcessBuilder child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp", System.getProperty("java.class.path"),
                MemoryBoundUpAndDown.class.getName(),
                bucket.endpoint().endpoint().toString(), bucket.endpoint().region(),
                Boolean.toString(bucket.endpoint().pathStyle()), bucket.name(), KEY,
                Long.toString(SIZE), Long.toString(SEED), Integer.toString(PARTS_IN_FLIGHT)))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        child.environment().put(MemoryBoundUpAndDown.ACCESS_KEY_ENV, bucket.endpoint().accessKey());
        child.environment().put(MemoryBoundUpAndDown.SECRET_KEY_ENV, bucket.endpoint().secretKey());

        Process process = child.start();
        boolean exited = process.waitFor(150, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }

        String printed = read(output);
        assertThat(exited).as("child finished in time; its output:%n%s", printed).isTrue();
        assertThat(process.exitValue()).as("child exit code; its output:%n%s", printed).isZero();
        assertThat(printed).contains("max-heap ").contains("up " + expected).contains("down " + expected);
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }
}
