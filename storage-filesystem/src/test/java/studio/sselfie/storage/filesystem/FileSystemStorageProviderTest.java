package studio.sselfie.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

class FileSystemStorageProviderTest {
    @TempDir
    Path dir;

    @Test
    void open_fileUri_isFoundByServiceLoaderAndOpensThatDirectory() {
        Path root = dir.resolve("photos");

        try (StorageBackend backend = StorageBackends.open(root.toUri())) {
            backend.put("a.txt", "hello");

            assertThat(backend).isInstanceOf(FileSystemStorageBackend.class);
            assertThat(backend.name()).startsWith("file:///").endsWith("/photos");
            assertThat(root.resolve("a.txt")).exists();
        }
    }

    @Test
    void open_sameUriTwice_sharesTheObjectsOnDisk() {
        URI uri = dir.resolve("shared").toUri();
        try (StorageBackend first = StorageBackends.open(uri)) {
            first.put("k", "v");
        }

        try (StorageBackend second = StorageBackends.open(uri)) {
            assertThat(second.getString("k")).isEqualTo("v");
        }
    }

    @Test
    void open_singleSlashForm_opensTheSameDirectory() {
        Path root = dir.resolve("single");

        try (StorageBackend backend = StorageBackends.open("file:" + root.toUri().getRawPath())) {
            backend.put("k", "v");
        }

        assertThat(root.resolve("k")).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///", "file://otherhost/srv/photos", "file:///srv/photos?create=false",
            "file:///srv/photos#x", "file:relative/path", "mem://photos"})
    void open_invalidUri_throwsIllegalArgumentNamingTheUri(String uri) {
        assertThatThrownBy(() -> new FileSystemStorageProvider().open(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(uri);
    }

    @Test
    void configBuilder_withoutRoot_throwsIllegalStateNamingRoot() {
        assertThatThrownBy(() -> FileSystemStorageConfig.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("root");
    }

    @Test
    void capabilities_withoutContentSha256_areDeclaredAsTheBackendBehaves() {
        FileSystemStorageConfig config = FileSystemStorageConfig.builder().root(dir).contentSha256(false).build();

        try (FileSystemStorageBackend backend = new FileSystemStorageBackend(config)) {
            assertThat(backend.capabilities()).containsExactlyInAnyOrder(Capability.CONDITIONAL_WRITE,
                    Capability.RANGE_READ, Capability.SERVER_SIDE_COPY, Capability.USER_METADATA,
                    Capability.DELIMITER_LISTING);
            assertThat(backend.put("k", "v").sha256()).isEmpty();
            assertThat(backend.head("k").orElseThrow().sha256()).isEmpty();
        }
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(dir)) {
            assertThat(backend.capabilities()).contains(Capability.CONTENT_SHA256).doesNotContain(Capability.PRESIGNED_URLS);
            assertThat(backend.put("k", "v").sha256()).hasValue("4c94485e0c21ae6c41ce1dfe7b6bfaceea5ab68e40a2476f50208e526f506080");
            assertThat(backend.head("k").orElseThrow().sha256()).hasValue("4c94485e0c21ae6c41ce1dfe7b6bfaceea5ab68e40a2476f50208e526f506080");
        }
    }

    @Test
    void open_rootThatIsAFile_throwsStorageExceptionNamingOpen() throws java.io.IOException {
        Path file = java.nio.file.Files.write(dir.resolve("file"), new byte[] {1});

        assertThatThrownBy(() -> FileSystemStorageBackend.open(file))
                .isInstanceOf(studio.sselfie.storage.StorageException.class).hasMessageContaining("open");
    }

    @Test
    void config_defaults_areTheDocumentedOnes() {
        FileSystemStorageConfig config = FileSystemStorageConfig.of(dir);

        assertThat(config.createRoot()).isTrue();
        assertThat(config.contentSha256()).isTrue();
        assertThat(config.cleanTempFilesOnOpen()).isTrue();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }
}
