package studio.sselfie.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageObject;

/**
 * Two processes on one root, and a process killed with {@code kill -9} ({@link Process#destroyForcibly()}) in the
 * middle of a large put: child JVMs run {@link ChildJvmWriter} with this test's class path.
 */
class FileSystemCrossProcessTest {
    private static final int OLD_BYTES = 100_000;
    private static final long PARTIAL_BYTES = 8L * 1024 * 1024;

    @TempDir
    Path root;
    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void put_childKilledMidwayThroughLargePut_leavesOldObjectAndNothingPartialVisible() throws Exception {
        byte[] old = new byte[OLD_BYTES];
        Arrays.fill(old, (byte) 'o');
        ObjectInfo before;
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            before = backend.put("big/object.bin", old);
        }
        Process child = start("hang-put", "big/object.bin", Long.toString(PARTIAL_BYTES));
        BufferedReader out = output(child);

        assertThat(out.readLine()).as("the child is inside the put, its bytes written").isEqualTo("HALFWAY");
        assertThat(tempFiles()).as("the partial write on disk").hasSize(1)
                .allSatisfy(temp -> assertThat(Files.size(temp)).isGreaterThanOrEqualTo(PARTIAL_BYTES / 2));
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child died").isTrue();

        FileSystemStorageConfig keepTemps = FileSystemStorageConfig.builder().root(root).cleanTempFilesOnOpen(false).build();
        try (FileSystemStorageBackend backend = new FileSystemStorageBackend(keepTemps)) {
            assertThat(backend.head("big/object.bin")).contains(before);
            try (StorageObject object = backend.get("big/object.bin")) {
                assertThat(object.readAllBytes()).isEqualTo(old);
            }
            assertThat(backend.list("").collect(Collectors.toList())).extracting(ObjectInfo::key, ObjectInfo::size)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("big/object.bin", (long) OLD_BYTES));
            assertThat(tempFiles()).as("the dead writer's temp file, until a backend cleans up").hasSize(1);
        }
        try (FileSystemStorageBackend reopened = FileSystemStorageBackend.open(root)) {
            assertThat(tempFiles()).as("temp files after reopening").isEmpty();
            assertThat(reopened.getBytes("big/object.bin")).isEqualTo(old);
        }
    }

    @Test
    void putIfNoneMatch_twoProcessesRacingOnEachKey_exactlyOneCreatesIt() throws Exception {
        int keys = 40;
        Process first = start("create", "first", Integer.toString(keys));
        Process second = start("create", "second", Integer.toString(keys));
        BufferedReader firstOut = output(first);
        BufferedReader secondOut = output(second);
        assertThat(firstOut.readLine()).isEqualTo("READY");
        assertThat(secondOut.readLine()).isEqualTo("READY");

        go(first, second);
        List<String> firstWins = wins(firstOut);
        List<String> secondWins = wins(secondOut);

        assertThat(firstWins).as("keys both processes created").doesNotContainAnyElementsOf(secondWins);
        assertThat(firstWins.size() + secondWins.size()).as("keys created by either").isEqualTo(keys);
        Map<String, String> winners = new HashMap<>();
        firstWins.forEach(key -> winners.put(key, "first"));
        secondWins.forEach(key -> winners.put(key, "second"));
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            for (Map.Entry<String, String> win : winners.entrySet()) {
                assertThat(backend.getString(win.getKey())).as("bytes at %s", win.getKey()).isEqualTo(win.getValue());
            }
        }
    }

    @Test
    void putIfMatch_twoProcessesIncrementingOneCounter_loseNoIncrement() throws Exception {
        int times = 40;
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("counter", "0".getBytes(UTF_8));
        }
        Process first = start("increment", Integer.toString(times));
        Process second = start("increment", Integer.toString(times));
        BufferedReader firstOut = output(first);
        BufferedReader secondOut = output(second);
        assertThat(firstOut.readLine()).isEqualTo("READY");
        assertThat(secondOut.readLine()).isEqualTo("READY");

        go(first, second);
        assertThat(wins(firstOut)).isEmpty();
        assertThat(wins(secondOut)).isEmpty();

        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            assertThat(backend.getString("counter")).isEqualTo(Integer.toString(2 * times));
        }
    }

    private Process start(String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ChildJvmWriter.class.getName(), root.toString()));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        children.add(child);
        return child;
    }

    private static BufferedReader output(Process child) {
        return new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
    }

    private static void go(Process... processes) throws IOException {
        for (Process process : processes) {
            Writer in = new java.io.OutputStreamWriter(process.getOutputStream(), UTF_8);
            in.write("GO\n");
            in.flush();
        }
    }

    /** The keys a child reports it won, read until it prints DONE. */
    private static List<String> wins(BufferedReader out) throws IOException {
        List<String> won = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.equals("DONE")) {
                return won;
            }
            won.add(line.substring("WON ".length()));
        }
        throw new AssertionError("the child ended without DONE after " + won);
    }

    private List<Path> tempFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith(TempFiles.PREFIX)).collect(Collectors.toList());
        }
    }
}
