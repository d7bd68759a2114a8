package studio.sselfie.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only backend over a map that records every {@code do...} call it receives, so that tests can prove a
 * rejected call never reached the backend. Keys are ordered as strings, which is UTF-8 byte order for the ASCII keys
 * the tests use.
 */
class RecordingBackend extends AbstractStorageBackend {
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, ObjectInfo> infos = new HashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> failingDeletes = new HashSet<>();
    private final AtomicInteger closeCount = new AtomicInteger();
    private int etagCounter;

    RecordingBackend(String name, Set<Capability> capabilities) {
        super(name, capabilities);
    }

    RecordingBackend(String name) {
        this(name, EnumSet.allOf(Capability.class));
    }

    RecordingBackend(String name, KeyPolicy writeKeys) {
        super(name, EnumSet.allOf(Capability.class), writeKeys);
    }

    /** Every {@code do...} call so far, as {@code "doPut k"}, {@code "doListPage prefix"} and so on. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /** How many times {@link #doClose()} ran. */
    int closeCount() {
        return closeCount.get();
    }

    /** Makes {@link #doDelete(String)} of {@code key} fail with a retryable exception. */
    void failDeleteOf(String key) {
        failingDeletes.add(key);
    }

    /** The stored bytes of {@code key}, bypassing every check. */
    synchronized Optional<byte[]> stored(String key) {
        return Optional.ofNullable(bytes.get(key)).map(byte[]::clone);
    }

    synchronized int size() {
        return bytes.size();
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        calls.add("doPut " + key);
        byte[] content;
        try {
            // Read everything before touching the map, so a failing body leaves nothing stored.
            content = body.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (this) {
            ObjectInfo info = ObjectInfo.builder()
                    .key(key)
                    .size(content.length)
                    .etag("etag-" + (++etagCounter))
                    .lastModified(Instant.EPOCH)
                    .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                    .metadata(options.metadata())
                    .build();
            bytes.put(key, content);
            infos.put(key, info);
            return info;
        }
    }

    @Override
    protected synchronized StorageObject doGet(String key, GetOptions options) {
        calls.add("doGet " + key);
        byte[] content = bytes.get(key);
        if (content == null) {
            throw new ObjectNotFoundException(name(), StorageOperation.GET, key, "no such object", null);
        }
        ObjectInfo info = infos.get(key);
        if (options.byteRange().isEmpty()) {
            return new StorageObject(info, new ByteArrayInputStream(content), content.length, null);
        }
        ByteRange range = options.byteRange().get();
        if (!range.isSatisfiable(content.length)) {
            throw new RangeNotSatisfiableException(name(), StorageOperation.GET, key, "range " + range + " not satisfiable", null);
        }
        int first = (int) range.firstByte(content.length);
        int length = (int) range.length(content.length);
        return new StorageObject(info, new ByteArrayInputStream(content, first, length), length, range);
    }

    @Override
    protected synchronized Optional<ObjectInfo> doHead(String key) {
        calls.add("doHead " + key);
        return Optional.ofNullable(infos.get(key));
    }

    @Override
    protected synchronized void doDelete(String key) {
        calls.add("doDelete " + key);
        if (failingDeletes.contains(key)) {
            throw new StorageUnavailableException(name(), StorageOperation.DELETE, key, "injected failure", null);
        }
        bytes.remove(key);
        infos.remove(key);
    }

    /** Pages of keys; the token is the last key of the page before. */
    @Override
    protected synchronized ListPage doListPage(ListOptions options) {
        calls.add("doListPage " + options.prefix());
        String after = options.continuationToken().or(options::startAfter).orElse("");
        List<ObjectInfo> objects = new ArrayList<>();
        TreeSet<String> prefixes = new TreeSet<>();
        String last = null;
        boolean more = false;
        for (String key : new TreeSet<>(infos.keySet())) {
            if (!key.startsWith(options.prefix()) || key.compareTo(after) <= 0) {
                continue;
            }
            if (objects.size() + prefixes.size() == options.pageSize()) {
                more = true;
                break;
            }
            String rest = key.substring(options.prefix().length());
            int cut = options.delimiter().map(rest::indexOf).orElse(-1);
            if (cut >= 0) {
                prefixes.add(options.prefix() + rest.substring(0, cut + options.delimiter().get().length()));
            } else {
                objects.add(infos.get(key));
            }
            last = key;
        }
        return new ListPage(objects, new ArrayList<>(prefixes), more ? last : null);
    }

    @Override
    protected void doClose() {
        calls.add("doClose");
        closeCount.incrementAndGet();
    }
}
