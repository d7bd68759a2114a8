package studio.sselfie.storage.inmemory;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/**
 * The conformance suite against a store with no optional capability at all: it proves that a backend built with
 * {@code withoutCapabilities} behaves like a store that lacks them (refusing what it cannot do, falling back where the
 * contract has a default), and runs the kit's tests of those absences, which the full store skips.
 */
class InMemoryWithoutCapabilitiesConformanceTest extends StorageBackendConformanceSuite {

    @Override
    protected StorageBackend createBackend() {
        return InMemoryStorageBackend.builder().withoutCapabilities(Capability.values()).build();
    }
}
