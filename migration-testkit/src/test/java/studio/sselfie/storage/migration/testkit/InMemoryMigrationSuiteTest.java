package studio.sselfie.storage.migration.testkit;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** The migration suite on the in-memory backend, a fresh instance per store. */
class InMemoryMigrationSuiteTest extends AbstractMigrationSuite {

    @Override
    protected StorageBackend createBackend() {
        return InMemoryStorageBackend.create();
    }
}
