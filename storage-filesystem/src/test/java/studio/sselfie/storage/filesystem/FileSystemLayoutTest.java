package studio.sselfie.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;

/** The layout on disk, what survives a restart, and what the backend leaves out of listings. */
class FileSystemLayoutTest {
    @TempDir
    Path root;

    @Test
    void put_nestedKey_isAFileInOneDirectoryPerSegmentStartingWithItsBytes() throws IOException {
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("photos/2024/cat.jpg", "meow".getBytes(UTF_8));
        }

        byte[] file = Files.readAllBytes(root.resolve("photos~").resolve("2024~").resolve("cat.jpg"));
        assertThat(Arrays.copyOf(file, 4)).isEqualTo("meow".getBytes(UTF_8));
    }

    @Test
    void put_keyAndKeysUnderIt_bothExist() {
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("a", "object a");
            backend.put("a/b", "object a/b");

            assertThat(backend.getString("a")).isEqualTo("object a");
            assertThat(backend.getString("a/b")).isEqualTo("object a/b");
            assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("a", "a/b");
        }
    }

    @Test
    void reopen_afterPut_keepsBytesAndEveryField() throws Exception {
        byte[] bytes = "persisted".getBytes(UTF_8);
        PutOptions options = PutOptions.builder().contentType("image/png").metadata("owner", "ada")
                .headers(h -> h.cacheControl("max-age=60").contentDisposition("inline").contentEncoding("identity")
                        .contentLanguage("de-CH").expires(Instant.parse("2030-01-01T00:00:00Z"))).build();
        ObjectInfo written;
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            written = backend.put("k", bytes, options);
        }

        try (FileSystemStorageBackend reopened = FileSystemStorageBackend.open(root)) {
            ObjectInfo head = reopened.head("k").orElseThrow();
            assertThat(head).isEqualTo(written);
            assertThat(head.etag()).isEqualTo('"' + String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(bytes))) + '"');
            assertThat(head.metadata()).containsEntry("owner", "ada");
            assertThat(head.headers()).isEqualTo(options.headers());
            assertThat(reopened.getBytes("k")).isEqualTo(bytes);
        }
    }

    @Test
    void list_strayTempFilesLockFileAndForeignFiles_areNeverListed() throws IOException {
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("dir/kept", "x");
            Files.write(root.resolve(TempFiles.newName()), new byte[] {1});
            Files.write(root.resolve("dir~").resolve(TempFiles.newName()), new byte[] {1});
            Files.write(root.resolve("README"), "not an object file".getBytes(UTF_8));
            Files.write(root.resolve("bad%name"), new byte[] {1});

            assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("dir/kept");
        }
    }

    @Test
    void open_tempFilesOfDeadAndLiveWriters_deletesOnlyTheDeadOnes() throws IOException {
        Files.createDirectories(root.resolve("a~"));
        Path dead = Files.write(root.resolve("a~").resolve(TempFiles.PREFIX + Long.MAX_VALUE + "-0011"), new byte[] {1});
        Path ours = Files.write(root.resolve(TempFiles.newName()), new byte[] {1});

        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            assertThat(backend.list("").findFirst()).isEmpty();
        }

        assertThat(dead).doesNotExist();
        assertThat(ours).as("a live process's temp file (this one's) is left alone").exists();
    }

    @Test
    void delete_lastKeyOfADirectory_removesTheEmptiedDirectories() {
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("x/y/z", "1");
            backend.put("x/other", "2");

            backend.delete("x/y/z");

            assertThat(root.resolve("x~").resolve("y~")).doesNotExist();
            assertThat(root.resolve("x~")).exists();
        }
    }

    @Test
    void put_segmentLongerThanAFileName_isStoredUnderAHashedNameAndListedWhole() {
        String segment = "\u8a9e".repeat(85);
        String key = segment + "/" + segment;
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put(key, "long");

            assertThat(backend.getString(key)).isEqualTo("long");
            assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(key);
            assertThat(backend.listPage(ListOptions.builder().delimiter("/").build()).commonPrefixes())
                    .containsExactly(segment + "/");
        }
    }

    @Test
    void listPages_manyKeysInOneDirectory_pagesThroughAllInOrder() {
        List<String> keys = IntStream.range(0, 1200).mapToObj(i -> String.format("big/%05d", i)).collect(Collectors.toList());
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            keys.forEach(key -> backend.put(key, new byte[0]));

            List<ListPage> pages = backend.listPages(ListOptions.builder().prefix("big/").pageSize(500).build())
                    .collect(Collectors.toList());

            assertThat(pages).hasSize(3);
            assertThat(pages.stream().flatMap(p -> p.objects().stream()).map(ObjectInfo::key)).containsExactlyElementsOf(keys);
        }
    }
}
