package studio.sselfie.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;

/**
 * One directory of 100,000 objects: pages anywhere in it come in order, and a delimiter listing above it rolls it up
 * without walking it. The object files are written directly in the backend's format (no fsync per file), so that the
 * test takes seconds, not the minutes of 100,000 durable puts.
 */
class FileSystemLargeDirectoryTest {
    private static final int OBJECTS = 100_000;
    private static final String EMPTY_MD5 = "\"d41d8cd98f00b204e9800998ecf8427e\"";

    @TempDir
    static Path root;
    private static FileSystemStorageBackend backend;

    @BeforeAll
    static void writeOneHundredThousandObjects() throws IOException {
        Path directory = Files.createDirectories(root.resolve("big~"));
        Instant written = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < OBJECTS; i++) {
            String segment = key(i).substring("big/".length());
            ObjectInfo info = ObjectInfo.builder().key(key(i)).size(0).etag(EMPTY_MD5).lastModified(written).build();
            Files.write(directory.resolve(SegmentNames.objectName(segment)), Trailer.encode(info));
        }
        backend = FileSystemStorageBackend.open(root);
        backend.put("small/a", "a");
    }

    @AfterAll
    static void closeBackend() {
        backend.close();
    }

    @Test
    void listPage_firstPage_isTheFirstThousandKeysInOrder() {
        ListPage page = backend.listPage(ListOptions.builder().prefix("big/").build());

        assertThat(keys(page)).hasSize(1000).isEqualTo(expected(0, 1000));
        assertThat(page.nextToken()).isPresent();
    }

    @Test
    void listPages_fromTheMiddleAndTheEnd_continueInOrder() {
        ListPage middle = backend.listPage(ListOptions.builder().prefix("big/").startAfter(key(49_999)).pageSize(500).build());
        ListPage next = backend.listPage(ListOptions.builder().prefix("big/").pageSize(500)
                .continuationToken(middle.nextToken().orElseThrow()).build());
        ListPage last = backend.listPage(ListOptions.builder().prefix("big/").startAfter(key(OBJECTS - 11)).build());

        assertThat(keys(middle)).isEqualTo(expected(50_000, 50_500));
        assertThat(keys(next)).isEqualTo(expected(50_500, 51_000));
        assertThat(keys(last)).isEqualTo(expected(OBJECTS - 10, OBJECTS));
        assertThat(last.nextToken()).isEmpty();
    }

    @Test
    void listPage_delimiterAboveTheDirectory_rollsItUpIntoOneCommonPrefix() {
        ListPage page = backend.listPage(ListOptions.builder().delimiter("/").build());

        assertThat(page.commonPrefixes()).containsExactly("big/", "small/");
        assertThat(page.objects()).isEmpty();
    }

    private static String key(int i) {
        return String.format("big/%06d.jpg", i);
    }

    private static List<String> expected(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(FileSystemLargeDirectoryTest::key).collect(Collectors.toList());
    }

    private static List<String> keys(ListPage page) {
        return page.objects().stream().map(ObjectInfo::key).collect(Collectors.toList());
    }
}
