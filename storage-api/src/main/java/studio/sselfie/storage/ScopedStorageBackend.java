package studio.sselfie.storage;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A view of one key prefix of a backend as a store of its own: key {@code k} of the view is key {@code prefix + k} of
 * the backend, listings show only what is under the prefix and without it, and nothing outside it can be read,
 * written or deleted. For a tenant's or a test's share of one bucket. Keys of the view are checked by the same rules
 * as the backend's ({@link AbstractStorageBackend}); keys under a prefix of n bytes are at most
 * {@value StorageLimits#MAX_KEY_BYTES} - n bytes long. An exception names the view's key, and has the backend's (which
 * names the full key) as its cause.
 *
 * <p>A presigned request of the view is the backend's for the full key; the client of a POST under a key prefix fills
 * the form's {@code key} field with the store's key (the view's prefix, then its own part).
 *
 * <p>{@link #name()} and {@link #capabilities()} are the backend's. Closing the view does not close the backend:
 * several views may share it, and its owner closes it.
 */
public final class ScopedStorageBackend extends AbstractStorageBackend {
    private final StorageBackend backend;
    private final String prefix;

    private ScopedStorageBackend(StorageBackend backend, String prefix) {
        super(backend.name(), backend.capabilities(), backend instanceof AbstractStorageBackend
                ? ((AbstractStorageBackend) backend).writeKeys() : KeyPolicy.PORTABLE);
        this.backend = backend;
        this.prefix = prefix;
    }

    /**
     * The view of {@code backend} under {@code prefix}.
     *
     * @throws IllegalArgumentException if the prefix is empty or does not end with {@code /}
     * @throws InvalidKeyException      if the prefix breaks the backend's key rules
     */
    public static ScopedStorageBackend of(StorageBackend backend, String prefix) {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(prefix, "prefix is null");
        if (prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a scope prefix ends with '/', was '" + prefix + "'");
        }
        Keys.validatePrefix(backend.name(), StorageOperation.OPEN, prefix);
        return new ScopedStorageBackend(backend, prefix);
    }

    /** The prefix this view adds to every key. */
    public String prefix() {
        return prefix;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        try {
            return unscoped(backend.put(prefix + key, body, length, options));
        } catch (StorageException e) {
            throw unscoped(e);
        }
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        StorageObject object;
        try {
            object = backend.get(prefix + key, options);
        } catch (StorageException e) {
            throw unscoped(e);
        }
        return new StorageObject(unscoped(object.info()), object.stream(), object.contentLength(),
                object.range().orElse(null));
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        try {
            return backend.head(prefix + key).map(this::unscoped);
        } catch (StorageException e) {
            throw unscoped(e);
        }
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        try {
            return backend.head(prefix + key, options).map(this::unscoped);
        } catch (StorageException e) {
            throw unscoped(e);
        }
    }

    @Override
    protected void doDelete(String key) {
        try {
            backend.delete(prefix + key);
        } catch (StorageException e) {
            throw unscoped(e);
        }
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        DeleteResult result;
        try {
            result = backend.deleteAll(keys.stream().map(key -> prefix + key).collect(Collectors.toList()));
        } catch (StorageException e) {
            throw unscoped(e);
        }
        Map<String, StorageException> failures = new LinkedHashMap<>();
        result.failures().forEach((key, failure) -> failures.put(key.substring(prefix.length()), unscoped(failure)));
        return new DeleteResult(result.deleted().stream().map(key -> key.substring(prefix.length()))
                .collect(Collectors.toList()), failures);
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        ListOptions.Builder scoped = options.toBuilder().prefix(prefix + options.prefix());
        options.startAfter().ifPresent(after -> scoped.startAfter(prefix + after));
        ListPage page;
        try {
            page = backend.listPage(scoped.build());
        } catch (StorageException e) {
            throw unscoped(e);
        }
        List<ObjectInfo> objects = page.objects().stream().map(this::unscoped).collect(Collectors.toList());
        List<String> prefixes = page.commonPrefixes().stream().map(common -> common.substring(prefix.length()))
                .collect(Collectors.toList());
        return new ListPage(objects, prefixes, page.nextToken().orElse(null));
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        try {
            return unscoped(backend.copy(prefix + sourceKey, prefix + targetKey, options));
        } catch (StorageException e) {
            throw unscoped(e);
        }
    }

    @Override
    protected PresignedRequest doPresignDownload(String key, DownloadOptions options) {
        return backend.presigner().download(prefix + key, options);
    }

    @Override
    protected PresignedRequest doPresignUpload(UploadMethod method, UploadPolicy policy) {
        return backend.presigner().upload(method, policy.underPrefix(prefix));
    }

    /** Nothing: the backend is its owner's to close. */
    @Override
    protected void doClose() {
    }

    // The backend's exception names its full key: the caller gets the same failure naming the view's key.
    private StorageException unscoped(StorageException failure) {
        String key = failure.key().orElse(null);
        return key != null && key.startsWith(prefix) ? failure.withKey(key.substring(prefix.length())) : failure;
    }

    private ObjectInfo unscoped(ObjectInfo info) {
        return info.toBuilder().key(info.key().substring(prefix.length())).build();
    }

    @Override
    public String toString() {
        return "ScopedStorageBackend{" + backend + ", prefix=" + prefix + '}';
    }
}
