package studio.sselfie.storage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar ({@code storage-cli/target/storage.jar}) as a user runs it: {@code java -jar}, credentials in the
 * environment, against buckets on the test kit's S3 endpoint served by this JVM.
 */
class StorageJarIT {
    private static final int OBJECTS = 1000;
    /** Enough for a kill midway at -p 2 and a resume that has work left, in a few seconds. */
    private static final int KILLED_OBJECTS = 300;
    private static CliStores stores;
    private final List<String> buckets = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        stores = new CliStores();
    }

    @AfterAll
    static void stop() {
        stores.close();
    }

    // Quietly: after a conformance run the embedded server's file store may keep empty directories of deleted keys,
    // and refuse to delete a bucket that lists no object (409 BucketNotEmpty); the test checks the listing itself.
    @AfterEach
    void deleteBuckets() {
        buckets.forEach(stores::deleteBucketQuietly);
    }

    private String newBucket() {
        String name = stores.bucket("cli-jar");
        buckets.add(name);
        return name;
    }

    @Test
    void help_runsFromTheJar() throws Exception {
        Result help = jar("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: storage").contains("presign");
    }

    @Test
    void putThenLsThenCat_throughTheJar_roundTrip() throws Exception {
        String bucket = newBucket();
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello from the jar");

        assertThat(jar("put", file.toString(), stores.uri(bucket, "greetings/")).exitCode()).isZero();
        assertThat(jar("ls", stores.uri(bucket, "greetings/")).out()).contains("greetings/hello.txt");
        assertThat(jar("cat", stores.uri(bucket, "greetings/hello.txt")).out()).isEqualTo("hello from the jar");
    }

    @Test
    void everyOtherCommand_throughTheJar_works() throws Exception {
        String bucket = newBucket();
        stores.put(bucket, "old/a.jpg", "a".getBytes(StandardCharsets.UTF_8));
        String migrations = Path.of(studio.sselfie.storage.cli.migrations.V1__Move_old_photos.class.getProtectionDomain()
                .getCodeSource().getLocation().toURI()).toString();

        assertThat(jar("stat", "--json", stores.uri(bucket, "old/a.jpg")).out()).contains("\"size\":1");
        assertThat(jar("get", stores.uri(bucket, "old/a.jpg"), dir.toString()).exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("a.jpg"))).isEqualTo("a");
        assertThat(jar("cp", stores.uri(bucket, "old/"), stores.uri(bucket, "copy/")).exitCode()).isZero();
        assertThat(jar("check", stores.uri(bucket, "old/"), stores.uri(bucket, "copy/")).out()).isEqualTo("= a.jpg\n");
        assertThat(jar("presign", stores.uri(bucket, "old/a.jpg")).out()).startsWith("GET http");
        assertThat(jar("rm", "-r", "--yes", stores.uri(bucket, "copy/")).exitCode()).isZero();
        assertThat(jar("migrate", "info", "--migrations", migrations, stores.uri(bucket, "")).out())
                .contains("1 PENDING Move old photos").contains("2 PENDING Tag photos");
        assertThat(jar("migrate", "up", "--migrations", migrations, stores.uri(bucket, "")).exitCode()).isZero();
        assertThat(jar("ls", "-r", stores.uri(bucket, "")).out()).contains("photos/a.jpg").doesNotContain("old/a.jpg");
    }

    // On memory: the run against the embedded S3 server, which takes a minute, is ConformanceCommandTest's.
    @Test
    void conformance_throughTheJar_reportsEveryCategory() throws Exception {
        Result run = jar("conformance", "--quiet", "mem://jar");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("# Conformance of mem://jar/").contains(" 0 failed, ").contains("## Crud")
                .contains("## PresignedRequests");
    }

    @Test
    void cp_killedMidway_resumesWithoutCopyingAgainWhatMatches() throws Exception {
        String source = newBucket();
        String target = newBucket();
        seed(source, KILLED_OBJECTS);
        Process first = start("cp", "-p", "2", "--quiet", stores.uri(source, "photos/"), stores.uri(target, "photos/"));
        await().atMost(Duration.ofMinutes(2)).until(() -> count(target) >= KILLED_OBJECTS / 5);
        first.destroyForcibly().waitFor();
        long before = count(target);

        long started = System.nanoTime();
        Result resumed = jar("cp", "-p", "16", "--json", stores.uri(source, "photos/"), stores.uri(target, "photos/"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        String summary = resumed.out().lines().reduce((a, b) -> b).orElseThrow();
        System.out.printf("cp resumed after kill -9 at %d of %d objects: %s (%d ms for the whole process)%n",
                before, KILLED_OBJECTS, summary, millis);
        assertThat(summary).contains("\"failed\":0");
        long skipped = Long.parseLong(summary.replaceFirst(".*\"skipped\":(\\d+).*", "$1"));
        long copied = Long.parseLong(summary.replaceFirst(".*\"copied\":(\\d+).*", "$1"));
        assertThat(skipped).as("objects the killed run had copied whole").isGreaterThanOrEqualTo(before - 2);
        assertThat(copied + skipped).isEqualTo(KILLED_OBJECTS);
        assertThat(jar("check", "--quiet", stores.uri(source, "photos/"), stores.uri(target, "photos/")).exitCode()).isZero();
    }

    @Test
    void cp_ofAThousandObjectsBetweenTwoBuckets_isTimed() throws Exception {
        String source = newBucket();
        String target = newBucket();
        seed(source, OBJECTS);

        long started = System.nanoTime();
        Result copy = jar("cp", "-p", "16", "--json", stores.uri(source, "photos/"), stores.uri(target, "photos/"));
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(copy.exitCode()).as(copy.err()).isZero();
        String summary = copy.out().lines().reduce((a, b) -> b).orElseThrow();
        System.out.printf("cp of %d objects between two buckets: %s (%d ms for the whole process)%n", OBJECTS, summary, millis);
        assertThat(summary).contains("\"copied\":" + OBJECTS).contains("\"failed\":0");
    }

    private static void seed(String bucket, int objects) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int i = 0; i < objects; i++) {
            String key = String.format("photos/%04d.jpg", i);
            byte[] body = ("photo " + i + " ").repeat(50).getBytes(StandardCharsets.UTF_8);
            pool.execute(() -> stores.put(bucket, key, body));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    }

    private static long count(String bucket) {
        return stores.admin.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().count();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private Result jar(String... args) throws IOException, InterruptedException {
        Path err = dir.resolve("err-" + System.nanoTime());
        Process process = start(err, args);
        // Read while it runs, so that a large output never blocks the process.
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = process.waitFor();
        return new Result(code, out, Files.readString(err));
    }

    private Process start(String... args) throws IOException {
        Process process = start(dir.resolve("err-" + System.nanoTime()), args);
        process.getOutputStream().close();
        return process;
    }

    private Process start(Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("storage.jar")));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("AWS_ACCESS_KEY_ID", stores.endpoint.accessKey());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", stores.endpoint.secretKey());
        return builder.start();
    }
}
