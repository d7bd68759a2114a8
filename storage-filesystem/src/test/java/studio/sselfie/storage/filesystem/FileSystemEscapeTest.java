package studio.sselfie.storage.filesystem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;

/**
 * Keys never leave the root: every attempt below runs next to a sibling directory holding a canary file, and proves
 * that nothing outside the root is read, written, listed or deleted.
 */
class FileSystemEscapeTest {
    private static final byte[] CANARY = "canary: must never be read, changed or deleted".getBytes(UTF_8);

    @TempDir
    Path dir;
    private Path root;
    private Path outside;
    private FileSystemStorageBackend backend;
    private FileSystemStorageBackend storeKeys;

    @BeforeEach
    void openBackendBesideCanary() throws IOException {
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.write(outside.resolve("canary.txt"), CANARY);
        root = dir.resolve("root");
        backend = FileSystemStorageBackend.open(root);
        storeKeys = new FileSystemStorageBackend(backend.config().toBuilder().writeKeys(KeyPolicy.STORE).build());
    }

    @AfterEach
    void closeAndCheckCanary() throws IOException {
        storeKeys.close();
        backend.close();
        assertThat(tree(outside)).as("the directory beside the root").isEqualTo(Map.of("canary.txt", CANARY.length));
        assertThat(Files.readAllBytes(outside.resolve("canary.txt"))).as("the canary").isEqualTo(CANARY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside/canary.txt", "a/../../outside/canary.txt", "./../outside/canary.txt", ".."})
    void anyCall_dotDotKey_isRejectedBeforeAnyIo(String key) {
        assertThatThrownBy(() -> backend.put(key, new byte[] {1})).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> storeKeys.put(key, new byte[] {1})).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.get(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.head(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.delete(key)).isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.copy(key, "copy")).isInstanceOf(InvalidKeyException.class);
        assertThat(backend.list("").findFirst()).isEmpty();
    }

    @Test
    void existingObjectCalls_absolutePathKey_findNothingOutsideTheRoot() {
        String key = outside.resolve("canary.txt").toString().replace('\\', '/');

        assertThat(backend.head(key)).isEmpty();
        assertThatThrownBy(() -> backend.get(key)).isInstanceOf(ObjectNotFoundException.class);
        backend.delete(key);
        assertThat(backend.list(key).findFirst()).isEmpty();
    }

    @Test
    void put_absolutePathKeyThroughStoreWriter_staysInsideTheRoot() throws IOException {
        String key = outside.resolve("canary.txt").toString().replace('\\', '/');

        storeKeys.put(key, new byte[] {9});

        assertThat(backend.getBytes(key)).containsExactly(9);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(key);
        assertThat(Files.walk(root).filter(Files::isRegularFile).allMatch(p -> p.startsWith(root))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..\\outside\\canary.txt", "C:\\outside\\canary.txt", "CON", "nul.txt", "aux/com1.jpg",
            "a:b", "trailing.", "trailing ", ".hidden", "~home", "x~/y"})
    void put_platformSpecialKey_isStoredUnderTheRootUnderItself(String key) throws IOException {
        backend.put(key, key.getBytes(UTF_8));

        assertThat(backend.getBytes(key)).isEqualTo(key.getBytes(UTF_8));
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly(key);
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(p -> !p.equals(root)).map(p -> root.relativize(p).toString()))
                    .as("every name on disk is plain ASCII without reserved characters")
                    .allMatch(name -> name.matches("[A-Za-z0-9 \\-_.,+=@!'()\\[\\]{};&$^%#~/]+"))
                    .noneMatch(name -> name.startsWith(".") && !name.equals(KeyLocks.LOCK_FILE));
        }
    }

    @Test
    void put_nulAndControlCharactersThroughStoreWriter_areEncodedInsideTheRoot() throws IOException {
        String key = "a\u0000b/\u0001\n";

        assertThatThrownBy(() -> backend.put(key, new byte[] {1})).isInstanceOf(InvalidKeyException.class);
        storeKeys.put(key, new byte[] {1});

        assertThat(backend.getBytes(key)).containsExactly(1);
        assertThat(Files.exists(root.resolve("a%00b~").resolve("%01%0A"), LinkOption.NOFOLLOW_LINKS)).isTrue();
    }

    @Test
    void anyCall_throughDirectoryLinkPointingOutside_isDeniedAndTouchesNothingThere() throws IOException {
        Files.createSymbolicLink(root.resolve("evil~"), outside);

        assertThatThrownBy(() -> backend.put("evil/new.txt", new byte[] {1})).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.get("evil/canary.txt")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.head("evil/canary.txt")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.delete("evil/canary.txt")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.copy("evil/canary.txt", "stolen")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.listPage(ListOptions.prefix("evil/"))).isInstanceOf(AccessDeniedException.class);
        assertThat(backend.list("").map(ObjectInfo::key)).as("the link is not walked").isEmpty();
        assertThat(backend.exists("stolen")).isFalse();
    }

    @Test
    void anyCall_onFileLinkPointingOutside_neverFollowsIt() throws IOException {
        Files.createSymbolicLink(root.resolve("leak"), outside.resolve("canary.txt"));

        assertThatThrownBy(() -> backend.get("leak")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.head("leak")).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> backend.delete("leak")).isInstanceOf(AccessDeniedException.class);
        assertThat(backend.list("").map(ObjectInfo::key)).as("a link is no object").isEmpty();

        backend.put("leak", new byte[] {5});

        assertThat(backend.getBytes("leak")).as("the put replaced the link, not what it points to").containsExactly(5);
        assertThat(Files.isSymbolicLink(root.resolve("leak"))).isFalse();
    }

    @Test
    void put_underLinkDeeperInTheRoot_isDenied() throws IOException {
        backend.put("photos/a.jpg", new byte[] {1});
        Files.createSymbolicLink(root.resolve("photos~").resolve("escape~"), outside);

        assertThatThrownBy(() -> backend.put("photos/escape/b.jpg", new byte[] {2})).isInstanceOf(AccessDeniedException.class);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("photos/a.jpg");
    }

    @Test
    void open_rootReachedThroughALink_usesTheRealDirectory() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("root-link"), root);

        try (FileSystemStorageBackend viaLink = FileSystemStorageBackend.open(link)) {
            viaLink.put("k", new byte[] {3});
        }

        assertThat(backend.getBytes("k")).containsExactly(3);
    }

    /** Relative path to size of every file under {@code directory}, links not followed. */
    private static Map<String, Integer> tree(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> regular = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).collect(Collectors.toList());
            Map<String, Integer> sizes = new TreeMap<>();
            for (Path file : regular) {
                sizes.put(directory.relativize(file).toString(), (int) Files.size(file));
            }
            return sizes;
        }
    }
}
