package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/** The whole conformance suite on a fresh root directory per test. */
class FileSystemConformanceTest extends StorageBackendConformanceSuite {
    @TempDir
    Path roots;

    @Override
    protected StorageBackend createBackend() {
        try {
            return FileSystemStorageBackend.open(Files.createTempDirectory(roots, "root-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A second backend over the same root whose writes take every key S3 holds: the disk is the shared namespace. */
    @Override
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        FileSystemStorageConfig config = ((FileSystemStorageBackend) backend).config();
        return Optional.of(new FileSystemStorageBackend(config.toBuilder().writeKeys(KeyPolicy.STORE).build()));
    }
}
