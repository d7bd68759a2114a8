package studio.sselfie.storage.cli;

import java.net.URI;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.testkit.faults.Fault;
import studio.sselfie.storage.testkit.faults.FaultInjectingBackend;

/**
 * {@code corrupting://name}: a deliberately broken store for the tests of {@code storage conformance}, an in-memory
 * store whose every read returns corrupted bytes (the test kit's fault injector), found by
 * {@code StorageBackends.open} like any other.
 */
public final class CorruptingStorageProvider implements StorageBackendProvider {
    @Override
    public String scheme() {
        return "corrupting";
    }

    @Override
    public StorageBackend open(URI uri) {
        return FaultInjectingBackend.builder(InMemoryStorageBackend.create(uri.getAuthority()))
                .faults(Fault.CORRUPT_READ).operations(StorageOperation.GET).rate(1.0).seed(7).build();
    }
}
