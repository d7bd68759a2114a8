package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import software.amazon.awssdk.core.sync.RequestBody;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * A migration of many objects in a small heap, killed at half way and resumed: {@code moveKeys} then
 * {@code transform} of {@code migration.scale.objects} objects, in a child JVM with {@code -Xmx256m}, on a
 * {@code file://} store ({@code migration.scale.store=file}, the default) or a bucket of the test kit's S3 endpoint
 * ({@code s3}). Long: it runs only with the count property, which the {@code migration-scale} profile sets (100,000).
 *
 * <p>The embedded S3 server (S3Proxy's file store) does not hold 100,000 objects in one prefix: its listings slow to a
 * few objects a second and its heap (1 GiB) runs out; {@code s3} is for a real endpoint
 * ({@code STORAGE_TEST_S3_ENDPOINT}) or smaller counts.
 */
@EnabledIfSystemProperty(named = "migration.scale.objects", matches = "\\d+")
class MigrationScaleTest {
    private static final String HEAP = "-Xmx256m";

    @Test
    void moveAndTransform_manyObjectsInASmallHeap_killedHalfWay_resumeAndFinish() throws Exception {
        int objects = Integer.parseInt(System.getProperty("migration.scale.objects"));
        boolean onS3 = System.getProperty("migration.scale.store", "file").equals("s3");
        Path root = java.nio.file.Files.createTempDirectory("migration-scale");
        String bucket = onS3 ? S3Buckets.newBucket("scale").bucket() : root.toUri().toString();
        try (StorageBackend files = onS3 ? null : StorageBackends.open(root.toUri())) {
            store = onS3 ? null : files;
            long seeding = System.nanoTime();
            seed(bucket, objects);
            System.out.printf("scale: seeded %d objects in %d s%n", objects, seconds(seeding));

            long first = System.nanoTime();
            Process child = start(bucket);
            long movedWhenKilled = 0;
            try (BufferedReader lines = reader(child)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (line.startsWith("PROGRESS 1 ")) {
                        movedWhenKilled = Long.parseLong(line.substring("PROGRESS 1 ".length()));
                        if (movedWhenKilled >= objects / 2) {
                            child.destroyForcibly().waitFor();
                            break;
                        }
                    }
                }
            }
            System.out.printf("scale: killed after %d of %d moves, %d s in%n", movedWhenKilled, objects, seconds(first));

            long second = System.nanoTime();
            Process resumed = start(bucket);
            List<String> output = new ArrayList<>();
            long firstProgressNanos = 0;
            try (BufferedReader lines = reader(resumed)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    if (firstProgressNanos == 0 && line.startsWith("PROGRESS 1 ")) {
                        firstProgressNanos = System.nanoTime();
                    }
                }
            }
            assertThat(resumed.waitFor()).as("exit code of the resumed run: %s", output).isZero();
            String heap = output.stream().filter(line -> line.startsWith("HEAP ")).findFirst().orElseThrow();
            long liveBytes = Long.parseLong(heap.substring("HEAP ".length()));
            System.out.printf("scale: resumed and finished in %d s (first progress after %d ms); live heap peak %d MiB in %s%n",
                    seconds(second), firstProgressNanos == 0 ? -1 : (firstProgressNanos - second) / 1_000_000,
                    liveBytes >> 20, HEAP);
            assertThat(output).contains("STEP 1 resumed");
            assertThat(count(bucket, "originals/")).isEqualTo(objects);
            assertThat(count(bucket, "small/")).isEqualTo(objects);
            assertThat(count(bucket, "photos/")).isZero();
            assertThat(liveBytes).as("live heap at its peak").isLessThan(160L << 20);
        } finally {
            if (onS3) {
                S3Buckets.deleteQuietly(bucket);
            } else {
                deleteTree(root);
            }
        }
    }

    /** The file store of the run, or null on S3. */
    private StorageBackend store;

    private static void deleteTree(Path root) throws IOException {
        try (var paths = java.nio.file.Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void seed(String bucket, int objects) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        byte[] body = new byte[1024];
        for (int i = 0; i < objects; i++) {
            String key = String.format("photos/%07d.jpg", i);
            pool.execute(() -> {
                if (store != null) {
                    store.put(key, body);
                } else {
                    S3Buckets.admin().putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.HOURS)).isTrue();
    }

    private long count(String bucket, String prefix) {
        if (store != null) {
            return store.list(prefix).count();
        }
        return S3Buckets.admin().listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().stream().count();
    }

    private static Process start(String bucket) throws IOException {
        S3TestEndpoint endpoint = S3TestEndpoint.get();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                ScaleMigrationChild.class.getName(), bucket).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put(S3TestEndpoint.ENV_ENDPOINT, endpoint.endpoint().toString());
        builder.environment().put(S3TestEndpoint.ENV_ACCESS_KEY, endpoint.accessKey());
        builder.environment().put(S3TestEndpoint.ENV_SECRET_KEY, endpoint.secretKey());
        builder.environment().put(S3TestEndpoint.ENV_REGION, endpoint.region());
        builder.environment().put(S3TestEndpoint.ENV_PATH_STYLE, Boolean.toString(endpoint.pathStyle()));
        return builder.start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }
}
