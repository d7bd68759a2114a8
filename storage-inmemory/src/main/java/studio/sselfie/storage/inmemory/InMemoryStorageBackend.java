package studio.sselfie.storage.inmemory;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import studio.sselfie.storage.Utf8Order;
import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;

/**
 * The reference backend: objects in a map in memory, named {@code mem://<name>}. Cheap to create, so use one per test.
 *
 * <p>It keeps the whole contract of {@link studio.sselfie.storage.StorageBackend} the way S3 does: keys listed in
 * ascending UTF-8 byte order, ETags as the quoted lower-case MD5 hex of the bytes, last-modified times to the second,
 * listing entries with only key, size, ETag and last-modified, and the limits of
 * {@link studio.sselfie.storage.StorageLimits}. An app whose tests pass here should not fail on S3 for a reason of
 * the contract.
 *
 * <p>Each object is an immutable snapshot: a put reads the whole body first and then swaps the new object in
 * atomically, so a reader (even one holding a stream from before the overwrite) sees the old or the new bytes, never
 * a mix, and a put that fails stores nothing. Conditional writes are compare-and-set on the map.
 *
 * <p>Capabilities: every {@link Capability} but {@link Capability#MULTIPART_UPLOAD} and
 * {@link Capability#PRESIGNED_URLS}, which have no meaning in memory. {@link Builder#withoutCapabilities} removes some,
 * to test how an app copes with a store that lacks them; the backend then behaves like such a store (no conditional
 * writes, no metadata, copy streamed through the client, and so on).
 *
 * <p>Objects must fit in a Java array: at most {@value #MAX_OBJECT_BYTES} bytes.
 */
public final class InMemoryStorageBackend extends AbstractStorageBackend {
    /** Largest object this backend holds, in bytes: the largest Java array the JVM reliably allocates. */
    public static final int MAX_OBJECT_BYTES = Integer.MAX_VALUE - 8;

    private static final Set<Capability> DEFAULT_CAPABILITIES =
            EnumSet.complementOf(EnumSet.of(Capability.MULTIPART_UPLOAD, Capability.PRESIGNED_URLS));
    private static final AtomicLong GENERATED_NAMES = new AtomicLong();
    private static final int FIRST_BUFFER_BYTES = 8 * 1024;
    private static final int PRESIZED_BUFFER_BYTES = 64 * 1024 * 1024;

    private final ConcurrentSkipListMap<String, StoredObject> objects;
    private final InMemoryListing listing;
    private final int maxObjectBytes;

    /** How many open backends share {@link #objects}: the last one to close drops them. */
    private final AtomicInteger openSharers;

    private InMemoryStorageBackend(String name, Set<Capability> capabilities, int maxObjectBytes, KeyPolicy writeKeys,
            ConcurrentSkipListMap<String, StoredObject> objects, AtomicInteger openSharers) {
        super(name, capabilities, writeKeys);
        this.listing = new InMemoryListing(name);
        this.maxObjectBytes = maxObjectBytes;
        this.objects = objects;
        this.openSharers = openSharers;
        openSharers.incrementAndGet();
    }

    /**
     * A second backend over the same objects (same name and capabilities) whose writes take {@code writeKeys}: for
     * example, under {@link KeyPolicy#STORE}, to seed a test store with the keys a real bucket holds (folder markers
     * {@code photos/}, {@code a//b}...) and test an app, which reads them through this one, against them. Closing
     * either closes only itself; the objects are dropped when the last of them closes.
     *
     * @throws IllegalStateException if this backend is closed
     */
    public InMemoryStorageBackend sharing(KeyPolicy writeKeys) {
        Objects.requireNonNull(writeKeys, "writeKeys is null");
        ensureOpen();
        return new InMemoryStorageBackend(name(), capabilities(), maxObjectBytes, writeKeys, objects, openSharers);
    }

    /** A new, empty store with a generated name ({@code mem://store-<n>}) and every default capability. */
    public static InMemoryStorageBackend create() {
        return builder().build();
    }

    /**
     * A new, empty store named {@code mem://<name>} with every default capability. Two stores of the same name do not
     * share data.
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static InMemoryStorageBackend create(String name) {
        return builder().name(name).build();
    }

    /** A builder of a store with a generated name and every default capability. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        if (length > maxObjectBytes) {
            throw tooLarge(key, length + " bytes declared");
        }
        byte[] bytes = readBody(key, body, length);
        ensureOpen();
        StoredObject object = StoredObject.of(key, bytes, options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE),
                options.headers(), options.metadata(), now(), supports(Capability.CONTENT_SHA256)).protectedBy(options);
        if (options.ifNoneMatchAny()) {
            if (objects.putIfAbsent(key, object) != null) {
                throw new PreconditionFailedException(name(), StorageOperation.PUT, key,
                        "ifNoneMatchAny: an object already exists at the key", null);
            }
        } else if (options.ifMatch().isPresent()) {
            putIfMatch(key, object, options.ifMatch().get());
        } else {
            objects.put(key, object);
        }
        return object.info();
    }

    private void putIfMatch(String key, StoredObject object, String etag) {
        while (true) {
            StoredObject current = objects.get(key);
            if (current == null) {
                throw new PreconditionFailedException(name(), StorageOperation.PUT, key,
                        "ifMatch " + etag + ": there is no object at the key", null);
            }
            if (!unquote(current.info().etag()).equals(unquote(etag))) {
                throw new PreconditionFailedException(name(), StorageOperation.PUT, key,
                        "ifMatch " + etag + ": the object's ETag is " + current.info().etag(), null);
            }
            // Compare-and-set against the very snapshot whose ETag was checked; on a lost race, check again.
            if (objects.replace(key, current, object)) {
                return;
            }
        }
    }

    /**
     * Reads the whole body into an array of exactly its length, failing once it passes the limit. A known length up to
     * {@value #PRESIZED_BUFFER_BYTES} bytes sizes the array at once, so the bytes are copied once (the base class has
     * cut the body to that length, and fails it if it is shorter or longer); an unknown or larger one starts smaller
     * and doubles, so a body far shorter than it claims cannot make this allocate gigabytes before it fails.
     */
    private byte[] readBody(String key, InputStream body, long length) {
        int limit = length == UNKNOWN_LENGTH ? maxObjectBytes : (int) length;
        int first = length == UNKNOWN_LENGTH ? FIRST_BUFFER_BYTES : PRESIZED_BUFFER_BYTES;
        byte[] buffer = new byte[Math.min(limit, first)];
        int count = 0;
        try {
            while (true) {
                if (count == buffer.length) {
                    if (count == limit) {
                        if (body.read() < 0) {
                            break;
                        }
                        // Only an unknown length gets here: a known one is cut to its length by the base class.
                        throw tooLarge(key, "the body yields more bytes");
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(limit, Math.max(2L * count, FIRST_BUFFER_BYTES)));
                }
                int n = body.read(buffer, count, buffer.length - count);
                if (n < 0) {
                    break;
                }
                count += n;
            }
        } catch (IOException e) {
            // The store is fine: the caller's body failed. Keep the cause, where the base class finds a length mismatch.
            throw new StorageException(name(), StorageOperation.PUT, key, "reading the body failed", e);
        }
        return count == buffer.length ? buffer : Arrays.copyOf(buffer, count);
    }

    private InvalidRequestException tooLarge(String key, String what) {
        return new InvalidRequestException(name(), StorageOperation.PUT, key, what + ", over the limit of "
                + maxObjectBytes + " bytes an in-memory object can hold", null);
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        StoredObject object = objects.get(key);
        if (object == null) {
            throw notFound(StorageOperation.GET, key);
        }
        checkCustomerKey(StorageOperation.GET, key, object, options.customerKey().orElse(null));
        Optional<ByteRange> range = options.byteRange();
        if (range.isEmpty()) {
            return new StorageObject(object.info(), object.stream(0, object.size()), object.size(), null);
        }
        ByteRange r = range.get();
        if (!r.isSatisfiable(object.size())) {
            throw new RangeNotSatisfiableException(name(), StorageOperation.GET, key, "range " + r
                    + " starts at or past the end of the object of " + object.size() + " bytes", null);
        }
        int first = (int) r.firstByte(object.size());
        int rangeLength = (int) r.length(object.size());
        return new StorageObject(object.info(), object.stream(first, rangeLength), rangeLength, r);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return doHead(key, GetOptions.whole());
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        StoredObject object = objects.get(key);
        if (object == null) {
            return Optional.empty();
        }
        checkCustomerKey(StorageOperation.HEAD, key, object, options.customerKey().orElse(null));
        return Optional.of(object.info());
    }

    /**
     * Fails as S3 does when an SSE-C object is touched without its key (400, {@link InvalidRequestException}) or with
     * another key (403, {@link AccessDeniedException}); neither message names the key.
     */
    private void checkCustomerKey(StorageOperation operation, String key, StoredObject object, SseCustomerKey given) {
        if (!object.needsCustomerKey()) {
            return;
        }
        if (given == null) {
            throw new InvalidRequestException(name(), operation, key,
                    "the object is SSE-C encrypted: the request must carry its customer key", null);
        }
        if (!object.isCustomerKey(given)) {
            throw new AccessDeniedException(name(), operation, key,
                    "the SSE-C customer key given is not the key the object was stored with", null);
        }
    }

    @Override
    protected void doDelete(String key) {
        objects.remove(key);
    }

    /** Deletes the keys in one pass over the map, like one batch request; a missing key counts as deleted. */
    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        if (!supports(Capability.BATCH_DELETE)) {
            return super.doDeleteAll(keys);
        }
        List<String> deleted = new ArrayList<>(keys.size());
        for (String key : keys) {
            objects.remove(key);
            deleted.add(key);
        }
        return new DeleteResult(deleted, Map.of());
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        return listing.page(objects, options);
    }

    /**
     * Copies inside the map: the target gets the source's snapshot with a new last-modified time, and the replacement's
     * content type, headers and metadata if there is one.
     */
    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        if (!supports(Capability.SERVER_SIDE_COPY)) {
            return streamedCopy(sourceKey, targetKey, options);
        }
        StoredObject source = objects.get(sourceKey);
        if (source == null) {
            throw notFound(StorageOperation.COPY, sourceKey);
        }
        checkCustomerKey(StorageOperation.COPY, sourceKey, source, options.sourceKey().orElse(null));
        if (sourceKey.equals(targetKey) && options.replacement().isEmpty()) {
            return source.info();
        }
        StoredObject copy = options.replacement().map(r -> source.copyTo(targetKey, now(), r))
                .orElseGet(() -> source.copyTo(targetKey, now()));
        objects.put(targetKey, copy);
        return copy.info();
    }

    /** The contract's copy through get and put, as a store without server-side copy does it. */
    private ObjectInfo streamedCopy(String sourceKey, String targetKey, CopyOptions options) {
        try {
            return super.doCopy(sourceKey, targetKey, options);
        } catch (ObjectNotFoundException e) {
            // Only the inner get can miss, and the default copy reports it as a get; the caller called copy.
            throw new ObjectNotFoundException(name(), StorageOperation.COPY, sourceKey, "no object at this key", e);
        }
    }

    /** Drops every object. Streams already handed out keep their snapshot and can still be read. */
    @Override
    protected void doClose() {
        if (openSharers.decrementAndGet() == 0) {
            objects.clear();
        }
    }

    /** The name and the number of objects held; never any content. */
    @Override
    public String toString() {
        return "InMemoryStorageBackend{" + name() + ", objects=" + objectCount() + '}';
    }

    /** How many objects are held, even after close: lets a test see that close dropped them. */
    int objectCount() {
        return objects.size();
    }

    private ObjectNotFoundException notFound(StorageOperation operation, String key) {
        return new ObjectNotFoundException(name(), operation, key, "no object at this key", null);
    }

    private static Instant now() {
        // S3 reports last-modified to the second in HEAD; head and list must agree, so store no more.
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }

    /**
     * Builder of {@link InMemoryStorageBackend}.
     *
     * <p>Defaults: a generated name ({@code mem://store-<n>}); every capability but
     * {@link Capability#MULTIPART_UPLOAD} and {@link Capability#PRESIGNED_URLS}.
     */
    public static final class Builder {
        private String name;
        private final Set<Capability> capabilities = EnumSet.copyOf(DEFAULT_CAPABILITIES);
        private int maxObjectBytes = MAX_OBJECT_BYTES;
        private KeyPolicy writeKeys = KeyPolicy.PORTABLE;

        private Builder() {
        }

        /**
         * The keys a put or a copy's target accepts. Default: {@link KeyPolicy#PORTABLE}. Under
         * {@link KeyPolicy#STORE} the store holds every key S3 holds, as a real bucket does; reads, deletes and listings
         * take such keys under either policy.
         */
        public Builder writeKeys(KeyPolicy writeKeys) {
            this.writeKeys = Objects.requireNonNull(writeKeys, "writeKeys is null");
            return this;
        }

        /**
         * The store's name, without scheme: the backend is named {@code mem://<name>}.
         *
         * @throws IllegalArgumentException if the name is blank or contains a control character
         */
        public Builder name(String name) {
            Objects.requireNonNull(name, "name is null");
            if (name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("name must not be blank or contain control characters, was '" + name + "'");
            }
            this.name = name;
            return this;
        }

        /**
         * Declares the store without these capabilities, and makes it behave that way: to test how an app copes with
         * a store that lacks, say, {@link Capability#CONDITIONAL_WRITE}.
         */
        public Builder withoutCapabilities(Capability... capabilities) {
            Objects.requireNonNull(capabilities, "capabilities is null");
            for (Capability capability : capabilities) {
                this.capabilities.remove(Objects.requireNonNull(capability, "capability is null"));
            }
            return this;
        }

        /** Lowers the size limit, so that tests can reach it without gigabytes of memory. */
        Builder maxObjectBytes(int maxObjectBytes) {
            if (maxObjectBytes < 0 || maxObjectBytes > MAX_OBJECT_BYTES) {
                throw new IllegalArgumentException("maxObjectBytes must be 0.." + MAX_OBJECT_BYTES + ", was " + maxObjectBytes);
            }
            this.maxObjectBytes = maxObjectBytes;
            return this;
        }

        /** A new, empty store. */
        public InMemoryStorageBackend build() {
            String storeName = name != null ? name : "store-" + GENERATED_NAMES.incrementAndGet();
            return new InMemoryStorageBackend("mem://" + storeName, capabilities, maxObjectBytes, writeKeys,
                    new ConcurrentSkipListMap<>(Utf8Order.INSTANCE), new AtomicInteger());
        }
    }
}
