package studio.sselfie.storage.migration.testkit;

import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Collectors;

import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * A read-only view of a store whose object at one key cannot be read, and whose listings carry no SHA-256, so that a
 * comparison has to stream the bytes (and fails on that key).
 */
final class UnreadableBackend extends AbstractStorageBackend {
    private final StorageBackend store;
    private final String unreadableKey;

    UnreadableBackend(StorageBackend store, String unreadableKey) {
        super("unreadable(" + store.name() + ")", store.capabilities());
        this.store = store;
        this.unreadableKey = unreadableKey;
    }

    private static ObjectInfo withoutSha(ObjectInfo info) {
        return info.toBuilder().sha256(null).build();
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        if (key.equals(unreadableKey)) {
            throw new StorageUnavailableException(name(), StorageOperation.GET, key, "disk on fire", null);
        }
        return store.get(key, options);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return store.head(key).map(UnreadableBackend::withoutSha);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        return store.head(key, options).map(UnreadableBackend::withoutSha);
    }

    @Override
    protected void doDelete(String key) {
        throw new UnsupportedOperationException("read-only");
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        ListPage page = store.listPage(options);
        return new ListPage(page.objects().stream().map(UnreadableBackend::withoutSha).collect(Collectors.toList()),
                page.commonPrefixes(), page.nextToken().orElse(null));
    }

    @Override
    protected void doClose() {
        // The caller owns the store.
    }
}
