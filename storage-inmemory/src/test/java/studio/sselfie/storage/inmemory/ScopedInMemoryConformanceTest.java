package studio.sselfie.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ScopedStorageBackend;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/**
 * The whole conformance suite on a {@link ScopedStorageBackend}: one prefix of an in-memory store that also holds
 * objects beside and around the prefix, which every test must leave exactly as they were.
 */
class ScopedInMemoryConformanceTest extends StorageBackendConformanceSuite {
    private static final String PREFIX = "tenants/t1/";
    private static final Map<String, String> NEIGHBOURS = Map.of("tenants/t1", "same name, no slash",
            "tenants/t10/a.jpg", "a tenant whose prefix starts the same", "tenants/t0/z", "before", "z", "after");

    private InMemoryStorageBackend store;

    @Override
    protected StorageBackend createBackend() {
        store = InMemoryStorageBackend.create();
        NEIGHBOURS.forEach(store::put);
        return ScopedStorageBackend.of(store, PREFIX);
    }

    /** The same scope of the same store, writing every key S3 holds. */
    @Override
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        return Optional.of(ScopedStorageBackend.of(store.sharing(KeyPolicy.STORE), PREFIX));
    }

    @Override
    protected void cleanUp(StorageBackend backend) {
        super.cleanUp(backend);
        Map<String, String> left = store.list("").filter(info -> !info.key().startsWith(PREFIX))
                .collect(Collectors.toMap(ObjectInfo::key, info -> store.getString(info.key())));
        assertThat(left).as("objects outside the scope after the test").isEqualTo(NEIGHBOURS);
    }

    /** Methods of KeyRules that store 1024-byte keys, among others: under the prefix a key holds at most 1013 bytes. */
    private static final java.util.Set<String> FULL_LENGTH_KEYS = java.util.Set.of("put_validKey_readableUnderTheSameKey",
            "copy_validKeyAsTargetThenSource_copiesTheBytes", "delete_validKey_removesThatObjectOnly",
            "deleteAll_validKey_reportsAndRemovesExactlyThatKey", "list_validKey_listedWithExactlyThatKey");

    @Override
    protected String knownLimitation(String category, String test) {
        return category.equals("KeyRules") && FULL_LENGTH_KEYS.contains(test)
                ? "the kit's valid keys include 1024-byte ones; under the 11-byte prefix a key holds at most 1013 bytes"
                : null;
    }
}
