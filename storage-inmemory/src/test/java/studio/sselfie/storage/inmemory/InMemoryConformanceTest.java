package studio.sselfie.storage.inmemory;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/** The whole conformance suite against the reference backend, which must pass every test without exception. */
class InMemoryConformanceTest extends StorageBackendConformanceSuite {

    @Override
    protected StorageBackend createBackend() {
        return InMemoryStorageBackend.create();
    }
}
