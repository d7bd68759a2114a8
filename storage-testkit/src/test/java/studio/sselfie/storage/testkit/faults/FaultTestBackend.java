package studio.sselfie.storage.testkit.faults;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;

/**
 * A minimal map-backed backend for the fault tests (storage-inmemory is not a dependency of the testkit). Keys sort
 * by {@link String#compareTo}, which is enough here; it counts its own copies and batch deletes so tests can see that
 * the decorator called them directly.
 */
final class FaultTestBackend extends AbstractStorageBackend {
    private record Stored(byte[] bytes, ObjectInfo info) {
    }

    private final ConcurrentSkipListMap<String, Stored> objects = new ConcurrentSkipListMap<>();
    private final AtomicInteger etags = new AtomicInteger();
    final AtomicInteger copies = new AtomicInteger();
    final AtomicInteger batchDeletes = new AtomicInteger();

    FaultTestBackend() {
        super("map://faults", EnumSet.of(Capability.USER_METADATA, Capability.RANGE_READ, Capability.SERVER_SIDE_COPY,
                Capability.BATCH_DELETE));
    }

    /** The stored bytes at {@code key}, read without going through the backend's operations. */
    Optional<byte[]> stored(String key) {
        return Optional.ofNullable(objects.get(key)).map(stored -> stored.bytes().clone());
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        byte[] bytes;
        try {
            bytes = body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store(key, bytes, options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE), options.metadata());
    }

    private ObjectInfo store(String key, byte[] bytes, String contentType, Map<String, String> metadata) {
        ObjectInfo info = ObjectInfo.builder().key(key).size(bytes.length).etag("\"" + etags.incrementAndGet() + "\"")
                .lastModified(Instant.now()).contentType(contentType).metadata(metadata).build();
        objects.put(key, new Stored(bytes, info));
        return info;
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        Stored stored = objects.get(key);
        if (stored == null) {
            throw new ObjectNotFoundException(name(), StorageOperation.GET, key, "no such object", null);
        }
        int size = stored.bytes().length;
        ByteRange range = options.byteRange().orElse(null);
        if (range == null) {
            return new StorageObject(stored.info(), new ByteArrayInputStream(stored.bytes()), size, null);
        }
        if (!range.isSatisfiable(size)) {
            throw new RangeNotSatisfiableException(name(), StorageOperation.GET, key, "range " + range, null);
        }
        int first = (int) range.firstByte(size);
        int length = (int) range.length(size);
        return new StorageObject(stored.info(), new ByteArrayInputStream(stored.bytes(), first, length), length, range);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return Optional.ofNullable(objects.get(key)).map(Stored::info);
    }

    @Override
    protected void doDelete(String key) {
        objects.remove(key);
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        batchDeletes.incrementAndGet();
        keys.forEach(objects::remove);
        return new DeleteResult(List.copyOf(keys), Map.of());
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        copies.incrementAndGet();
        Stored source = objects.get(sourceKey);
        if (source == null) {
            throw new ObjectNotFoundException(name(), StorageOperation.COPY, sourceKey, "source not found", null);
        }
        return store(targetKey, source.bytes(), source.info().contentType().orElse(null), source.info().metadata());
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        String after = options.continuationToken().or(options::startAfter).orElse(null);
        Map<String, Stored> candidates = after == null ? objects : objects.tailMap(after, false);
        List<ObjectInfo> page = new ArrayList<>();
        for (Map.Entry<String, Stored> entry : candidates.entrySet()) {
            if (!entry.getKey().startsWith(options.prefix())) {
                continue;
            }
            if (page.size() == options.pageSize()) {
                return new ListPage(page, List.of(), page.get(page.size() - 1).key());
            }
            page.add(entry.getValue().info());
        }
        return new ListPage(page, List.of(), null);
    }

    @Override
    protected void doClose() {
        objects.clear();
    }
}
