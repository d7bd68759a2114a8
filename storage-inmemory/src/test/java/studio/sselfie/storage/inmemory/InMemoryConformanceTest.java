package studio.sselfie.storage.inmemory;

import java.util.Optional;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/** The whole conformance suite against the reference backend, which must pass every test without exception. */
class InMemoryConformanceTest extends StorageBackendConformanceSuite {

    @Override
    protected StorageBackend createBackend() {
        return InMemoryStorageBackend.create();
    }

    /** The same objects, written under every key S3 holds, as an app's test seeds a store like a real bucket. */
    @Override
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        return Optional.of(((InMemoryStorageBackend) backend).sharing(KeyPolicy.STORE));
    }
}
