package studio.sselfie.storage.migration.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.filesystem.FileSystemStorageBackend;

/** The migration suite on the filesystem backend, a fresh root directory per store. */
class FileSystemMigrationSuiteTest extends AbstractMigrationSuite {
    @TempDir
    Path roots;

    @Override
    protected StorageBackend createBackend() {
        try {
            return FileSystemStorageBackend.open(Files.createTempDirectory(roots, "store-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
