package studio.sselfie.storage.migration.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.s3server.EmbeddedS3Server;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * A migration of many objects in a small heap, killed at half way and resumed: {@code moveKeys} then
 * {@code transform} of {@code migration.scale.objects} objects, all under one prefix, in a child JVM with
 * {@code -Xmx256m}. Long: it runs only with the count property, which the {@code migration-scale} profile sets
 * (100,000). The store is chosen by {@code migration.scale.store}:
 * <ul>
 *   <li>{@code s3-filesystem} (the default): the embedded S3 server on a file store in a temporary directory, started
 *       by this test in the test's JVM (Surefire's, {@code -Xmx1g}); only the migration runs in the small heap, as an
 *       S3 client of that server.</li>
 *   <li>{@code file}: a {@code file://} store in a temporary directory.</li>
 *   <li>{@code s3}: a bucket of the test kit's endpoint ({@code STORAGE_TEST_S3_ENDPOINT}, or the shared in-memory
 *       embedded server for small counts).</li>
 * </ul>
 *
 * <p>The embedded server runs with {@link EmbeddedS3Server#startOnFilesystemWithPagedListing}: S3Proxy's own file store
 * reads every object's attributes under the prefix for each page of a listing, so a page of 1,000 out of 100,000 took
 * 3.2 to 16 s and allocated 391 MiB, and a whole listing grew with the square of the count; paged, 0.3 to 1.8 s. (The
 * {@code s3} variant on the shared server also ran out of that server's heap: S3Proxy's in-memory store holds every
 * object there.)
 *
 * <p>One run of 100,000 on the embedded server (2 cores): seeded in 107 s, killed after 50,000 moves at 146 s;
 * resumed, the done half reported from the journal after 4.9 s, the kill point passed after 7.4 s, finished (the other
 * 50,000 moves and 100,000 transforms) in 243 s; the migration's live heap peaked at 121 MiB. The README's "Benchmarks
 * and long runs" has the details, and the figures of the engine before moves cost a copy and a delete.
 */
@EnabledIfSystemProperty(named = "migration.scale.objects", matches = "\\d+")
class MigrationScaleTest {
    private static final String HEAP = "-Xmx256m";
    private static final int BODY = 1024;

    @Test
    void moveAndTransform_manyObjectsInASmallHeap_killedHalfWay_resumeAndFinish() throws Exception {
        int objects = Integer.parseInt(System.getProperty("migration.scale.objects"));
        String kind = System.getProperty("migration.scale.store", "s3-filesystem");
        Path root = Files.createTempDirectory("migration-scale");
        try (ScaleStore store = ScaleStore.open(kind, root)) {
            long seeding = System.nanoTime();
            seed(store.backend(), objects);
            System.out.printf("scale (%s): seeded %d objects in %d s%n", kind, objects, seconds(seeding));

            long first = System.nanoTime();
            Process child = start(store);
            String[] firstReported = {"", "0"};
            long movedWhenKilled = 0;
            try (BufferedReader lines = reader(child)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    report(line, objects, first, firstReported);
                    if (line.startsWith("PROGRESS 1 ")) {
                        movedWhenKilled = Long.parseLong(line.substring("PROGRESS 1 ".length()));
                        if (movedWhenKilled >= objects / 2) {
                            child.destroyForcibly().waitFor();
                            break;
                        }
                    }
                }
            }
            System.out.printf("scale (%s): killed after %d of %d moves, %d s in%n", kind, movedWhenKilled, objects,
                    seconds(first));
            assertThat(movedWhenKilled).as("moves done when the first run was killed").isGreaterThanOrEqualTo(objects / 2);

            long second = System.nanoTime();
            Process resumed = start(store);
            String[] secondReported = {"", "0"};
            List<String> output = new ArrayList<>();
            long firstProgressNanos = 0;
            long firstNewMoveNanos = 0;
            try (BufferedReader lines = reader(resumed)) {
                for (String line; (line = lines.readLine()) != null; ) {
                    output.add(line);
                    report(line, objects, second, secondReported);
                    if (firstProgressNanos == 0 && line.startsWith("PROGRESS 1 ")) {
                        firstProgressNanos = System.nanoTime();
                    }
                    // The first progress counts the journal's done keys; this one is the first new move.
                    if (firstNewMoveNanos == 0 && line.startsWith("PROGRESS 1 ")
                            && Long.parseLong(line.substring("PROGRESS 1 ".length())) > movedWhenKilled) {
                        firstNewMoveNanos = System.nanoTime();
                    }
                }
            }
            assertThat(resumed.waitFor()).as("exit code of the resumed run: %s", output).isZero();
            String heap = output.stream().filter(line -> line.startsWith("HEAP ")).findFirst().orElseThrow();
            long liveBytes = Long.parseLong(heap.substring("HEAP ".length()));
            System.out.printf("scale (%s): resumed and finished in %d s (first progress after %d ms, first move past the"
                    + " kill point after %d ms); live heap peak %d MiB in %s%n", kind, seconds(second),
                    millis(second, firstProgressNanos), millis(second, firstNewMoveNanos), liveBytes >> 20, HEAP);
            assertThat(output).contains("STEP 1 resumed");
            StorageBackend backend = store.backend();
            assertThat(backend.list("originals/").count()).isEqualTo(objects);
            assertThat(backend.list("small/").count()).isEqualTo(objects);
            assertThat(backend.list("photos/").count()).isZero();
            for (int i : new int[] {0, 1, objects / 2 - 1, objects / 2, objects / 2 + 1, objects - 1}) {
                byte[] body = body(i);
                assertThat(backend.getBytes(String.format("originals/%07d.jpg", i))).as("originals/ %d", i).isEqualTo(body);
                assertThat(backend.getBytes(String.format("small/%07d.jpg", i))).as("small/ %d", i)
                        .isEqualTo(Arrays.copyOf(body, 64));
            }
            assertThat(liveBytes).as("live heap at its peak").isLessThan(160L << 20);
        } finally {
            deleteTree(root);
        }
    }

    /** Prints the child's progress at every tenth of a step: a long run shows where it is. */
    private static void report(String line, int objects, long since, String[] last) {
        if (line.startsWith("PROGRESS ")) {
            String[] parts = line.split(" ");
            long done = Long.parseLong(parts[2]);
            long tenth = Math.max(1, objects / 10);
            if (!parts[1].equals(last[0]) || done / tenth > Long.parseLong(last[1]) / tenth) {
                last[0] = parts[1];
                last[1] = parts[2];
                System.out.printf("scale: step %s, %d of %d objects, %d s in%n", parts[1], done, objects, seconds(since));
            }
        }
    }

    /** Object {@code i}'s bytes: its number, then a pattern of it, so that no two objects' first 64 bytes are equal. */
    private static byte[] body(int i) {
        byte[] body = new byte[BODY];
        byte[] number = String.format("%07d:", i).getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < BODY; at++) {
            body[at] = at < number.length ? number[at] : (byte) (i * 31 + at);
        }
        return body;
    }

    private static void seed(StorageBackend backend, int objects) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        for (int i = 0; i < objects; i++) {
            int index = i;
            pool.execute(() -> backend.put(String.format("photos/%07d.jpg", index), body(index)));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.HOURS)).isTrue();
    }

    private static Process start(ScaleStore store) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                ScaleMigrationChild.class.getName(), store.childArgument()).redirectError(ProcessBuilder.Redirect.DISCARD);
        S3TestEndpoint endpoint = store.endpoint();
        if (endpoint != null) {
            builder.environment().put(S3TestEndpoint.ENV_ENDPOINT, endpoint.endpoint().toString());
            builder.environment().put(S3TestEndpoint.ENV_ACCESS_KEY, endpoint.accessKey());
            builder.environment().put(S3TestEndpoint.ENV_SECRET_KEY, endpoint.secretKey());
            builder.environment().put(S3TestEndpoint.ENV_REGION, endpoint.region());
            builder.environment().put(S3TestEndpoint.ENV_PATH_STYLE, Boolean.toString(endpoint.pathStyle()));
        }
        return builder.start();
    }

    private static BufferedReader reader(Process process) {
        return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    private static long millis(long since, long at) {
        return at == 0 ? -1 : (at - since) / 1_000_000;
    }

    private static long seconds(long since) {
        return (System.nanoTime() - since) / 1_000_000_000;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** The store of a run: a backend for this JVM, and what the child needs to open the same store. */
    private record ScaleStore(StorageBackend backend, String childArgument, S3TestEndpoint endpoint,
                              EmbeddedS3Server server, String bucket) implements AutoCloseable {

        static ScaleStore open(String kind, Path root) throws IOException {
            switch (kind) {
                case "file":
                    return new ScaleStore(StorageBackends.open(root.toUri()), root.toUri().toString(), null, null, null);
                case "s3-filesystem": {
                    Path directory = Files.createDirectory(root.resolve("server"));
                    EmbeddedS3Server server = EmbeddedS3Server.startOnFilesystemWithPagedListing(directory);
                    S3TestEndpoint endpoint = server.toEndpoint();
                    String bucket = S3TestEndpoint.newBucketName("scale");
                    try (S3Client admin = S3Client.builder().endpointOverride(endpoint.endpoint())
                            .region(Region.of(endpoint.region())).forcePathStyle(true)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                            .build()) {
                        admin.createBucket(request -> request.bucket(bucket));
                    }
                    return new ScaleStore(new S3StorageBackend(ChildJvmMigration.config(endpoint, bucket)), bucket,
                            endpoint, server, bucket);
                }
                case "s3": {
                    String bucket = S3Buckets.newBucket("scale").bucket();
                    S3TestEndpoint endpoint = S3TestEndpoint.get();
                    return new ScaleStore(new S3StorageBackend(ChildJvmMigration.config(endpoint, bucket)), bucket,
                            endpoint, null, bucket);
                }
                default:
                    throw new IllegalArgumentException("migration.scale.store is 'file', 's3-filesystem' or 's3', not '"
                            + kind + "'");
            }
        }

        @Override
        public void close() {
            backend.close();
            if (server != null) {
                server.close(); // the caller deletes its directory, objects and all
            } else if (bucket != null) {
                S3Buckets.deleteQuietly(bucket);
            }
        }
    }
}
