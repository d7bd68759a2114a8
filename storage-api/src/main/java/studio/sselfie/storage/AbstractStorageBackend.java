package studio.sselfie.storage;

import java.io.InputStream;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The base a backend extends: it checks every argument before any I/O, in the same way on every backend (keys: a
 * write's under the backend's {@link KeyPolicy}, default {@link KeyPolicy#PORTABLE}; an existing object's under
 * {@link KeyPolicy#STORE}), refuses
 * calls after {@link #close()}, enforces the declared length of put bodies, and then calls the {@code do...} method
 * the backend implements. A {@code do...} method may assume its arguments are valid.
 */
public abstract class AbstractStorageBackend implements StorageBackend {
    private final String name;
    private final Set<Capability> capabilities;
    private final KeyPolicy writeKeys;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * A backend whose writes take {@link KeyPolicy#PORTABLE} keys.
     *
     * @param name         see {@link StorageBackend#name()}; must not contain a secret
     * @param capabilities what the backend supports
     */
    protected AbstractStorageBackend(String name, Set<Capability> capabilities) {
        this(name, capabilities, KeyPolicy.PORTABLE);
    }

    /**
     * @param name         see {@link StorageBackend#name()}; must not contain a secret
     * @param capabilities what the backend supports
     * @param writeKeys    the keys a put and a copy's target accept; what names an existing object always accepts
     *                     {@link KeyPolicy#STORE} keys
     */
    protected AbstractStorageBackend(String name, Set<Capability> capabilities, KeyPolicy writeKeys) {
        this.name = Objects.requireNonNull(name, "name is null");
        this.capabilities = Set.copyOf(Objects.requireNonNull(capabilities, "capabilities is null"));
        this.writeKeys = Objects.requireNonNull(writeKeys, "writeKeys is null");
    }

    /** The keys this backend's writes accept (put, copy target). */
    public final KeyPolicy writeKeys() {
        return writeKeys;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
        ensureOpen();
        Keys.validate(name, StorageOperation.PUT, key, writeKeys);
        Objects.requireNonNull(body, "body is null");
        Objects.requireNonNull(options, "options is null");
        if (length < UNKNOWN_LENGTH || length > StorageLimits.MAX_OBJECT_BYTES) {
            throw new InvalidRequestException(name, StorageOperation.PUT, key, "length must be -1 (unknown) or 0.."
                    + StorageLimits.MAX_OBJECT_BYTES + " bytes, was " + length, null);
        }
        if (options.hasPrecondition() && !supports(Capability.CONDITIONAL_WRITE)) {
            throw unsupported(StorageOperation.PUT, key, Capability.CONDITIONAL_WRITE);
        }
        if (!options.metadata().isEmpty() && !supports(Capability.USER_METADATA)) {
            throw unsupported(StorageOperation.PUT, key, Capability.USER_METADATA);
        }
        checkClassAndEncryption(StorageOperation.PUT, key, options);
        InputStream checked = length == UNKNOWN_LENGTH ? body : new LengthCheckingInputStream(body, length);
        try {
            return doPut(key, checked, length, options);
        } catch (RuntimeException e) {
            LengthCheckingInputStream.LengthMismatchException mismatch = findMismatch(e);
            if (mismatch != null) {
                throw new InvalidRequestException(name, StorageOperation.PUT, key, mismatch.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public final StorageObject get(String key, GetOptions options) {
        ensureOpen();
        Keys.validate(name, StorageOperation.GET, key, KeyPolicy.STORE);
        Objects.requireNonNull(options, "options is null");
        return doGet(key, options);
    }

    @Override
    public final Optional<ObjectInfo> head(String key) {
        ensureOpen();
        Keys.validate(name, StorageOperation.HEAD, key, KeyPolicy.STORE);
        return doHead(key);
    }

    @Override
    public final Optional<ObjectInfo> head(String key, GetOptions options) {
        ensureOpen();
        Keys.validate(name, StorageOperation.HEAD, key, KeyPolicy.STORE);
        Objects.requireNonNull(options, "options is null");
        return doHead(key, options);
    }

    /**
     * Head with options (an SSE-C key); the default ignores them and calls {@link #doHead(String)}, right for a backend
     * without {@link Capability#SERVER_SIDE_ENCRYPTION}.
     */
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        return doHead(key);
    }

    /** Refuses a storage class or an encryption this backend lacks the capability for. */
    private void checkClassAndEncryption(StorageOperation operation, String key, PutOptions options) {
        if (options.storageClass().isPresent() && !supports(Capability.STORAGE_CLASS)) {
            throw unsupported(operation, key, Capability.STORAGE_CLASS);
        }
        if (options.encryption().isPresent() && !supports(Capability.SERVER_SIDE_ENCRYPTION)) {
            throw unsupported(operation, key, Capability.SERVER_SIDE_ENCRYPTION);
        }
    }

    @Override
    public final void delete(String key) {
        ensureOpen();
        Keys.validate(name, StorageOperation.DELETE, key, KeyPolicy.STORE);
        doDelete(key);
    }

    @Override
    public final DeleteResult deleteAll(Collection<String> keys) {
        ensureOpen();
        Set<String> distinct = DeleteResult.checkBatch(name, keys);
        return doDeleteAll(distinct);
    }

    @Override
    public final ListPage listPage(ListOptions options) {
        ensureOpen();
        Objects.requireNonNull(options, "options is null");
        Keys.validatePrefix(name, StorageOperation.LIST, options.prefix(), KeyPolicy.STORE);
        if (options.delimiter().isPresent() && !supports(Capability.DELIMITER_LISTING)) {
            throw unsupported(StorageOperation.LIST, null, Capability.DELIMITER_LISTING);
        }
        return doListPage(options);
    }

    @Override
    public final ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        ensureOpen();
        Objects.requireNonNull(sourceKey, "sourceKey is null");
        Objects.requireNonNull(targetKey, "targetKey is null");
        Keys.validate(name, StorageOperation.COPY, sourceKey, KeyPolicy.STORE);
        Keys.validate(name, StorageOperation.COPY, targetKey, writeKeys);
        Objects.requireNonNull(options, "options is null");
        if (options.replacement().filter(r -> !r.metadata().isEmpty()).isPresent() && !supports(Capability.USER_METADATA)) {
            throw unsupported(StorageOperation.COPY, targetKey, Capability.USER_METADATA);
        }
        if (options.replacement().isPresent()) {
            checkClassAndEncryption(StorageOperation.COPY, targetKey, options.replacement().get());
        }
        return doCopy(sourceKey, targetKey, options);
    }

    /**
     * The backend's presigner, which checks every argument as the operations do (a download's key under
     * {@link KeyPolicy#STORE}, an upload's key or prefix under {@link #writeKeys()}, and that the chosen
     * {@link UploadMethod} can enforce the whole policy) before calling {@link #doPresignDownload} or
     * {@link #doPresignUpload}.
     *
     * @throws InvalidRequestException if this backend lacks {@link Capability#PRESIGNED_URLS}
     */
    @Override
    public final Presigner presigner() {
        ensureOpen();
        if (!supports(Capability.PRESIGNED_URLS)) {
            throw unsupported(StorageOperation.PRESIGN, null, Capability.PRESIGNED_URLS);
        }
        return checkedPresigner;
    }

    private final Presigner checkedPresigner = new Presigner() {
        @Override
        public PresignedRequest download(String key, DownloadOptions options) {
            ensureOpen();
            Objects.requireNonNull(key, "key is null");
            Objects.requireNonNull(options, "options is null");
            Keys.validate(name, StorageOperation.PRESIGN, key, KeyPolicy.STORE);
            return doPresignDownload(key, options);
        }

        @Override
        public PresignedRequest upload(UploadMethod method, UploadPolicy policy) {
            ensureOpen();
            Objects.requireNonNull(method, "method is null");
            Objects.requireNonNull(policy, "policy is null");
            String key = policy.key().orElse(null);
            if (key != null) {
                Keys.validate(name, StorageOperation.PRESIGN, key, writeKeys);
            } else {
                Keys.validatePrefix(name, StorageOperation.PRESIGN, policy.keyPrefix().orElseThrow(), writeKeys);
            }
            if (!policy.metadata().isEmpty() && !supports(Capability.USER_METADATA)) {
                throw unsupported(StorageOperation.PRESIGN, key, Capability.USER_METADATA);
            }
            String unenforceable = method.unenforceable(policy).orElse(null);
            if (unenforceable != null) {
                throw new InvalidRequestException(name, StorageOperation.PRESIGN, key, unenforceable, null);
            }
            return doPresignUpload(method, policy);
        }
    };

    /**
     * Signs a GET of {@code key} (valid) with {@code options}. The default refuses: a backend that declares
     * {@link Capability#PRESIGNED_URLS} overrides it.
     */
    protected PresignedRequest doPresignDownload(String key, DownloadOptions options) {
        throw unsupported(StorageOperation.PRESIGN, key, Capability.PRESIGNED_URLS);
    }

    /**
     * Signs an upload by {@code method} of a valid policy that {@code method} can enforce whole. The default refuses:
     * a backend that declares {@link Capability#PRESIGNED_URLS} overrides it.
     */
    protected PresignedRequest doPresignUpload(UploadMethod method, UploadPolicy policy) {
        throw unsupported(StorageOperation.PRESIGN, policy.key().orElse(null), Capability.PRESIGNED_URLS);
    }

    /** Closes the backend once; later calls do nothing. */
    @Override
    public final void close() {
        if (closed.compareAndSet(false, true)) {
            doClose();
        }
    }

    /** Whether {@link #close()} was called. */
    protected final boolean isClosed() {
        return closed.get();
    }

    /**
     * Fails with {@link IllegalStateException} if the backend is closed. Called by every public method; call it from
     * long-running work (a stream) that must stop once the backend is closed.
     */
    protected final void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("[" + name + "] backend is closed");
        }
    }

    /**
     * Stores the object. The body yields exactly {@code length} bytes when the length is known: reading past a
     * mismatch throws an {@code IOException} that this class turns into {@link InvalidRequestException}, so wrap it
     * as a cause and nothing stored must change.
     */
    protected abstract ObjectInfo doPut(String key, InputStream body, long length, PutOptions options);

    /** Opens the object; see {@link StorageBackend#get(String, GetOptions)}. */
    protected abstract StorageObject doGet(String key, GetOptions options);

    /** See {@link StorageBackend#head(String)}. */
    protected abstract Optional<ObjectInfo> doHead(String key);

    /** See {@link StorageBackend#delete(String)}. */
    protected abstract void doDelete(String key);

    /**
     * Deletes distinct, valid keys (at most {@value StorageLimits#MAX_BATCH_DELETE_KEYS}). The default deletes one at a
     * time.
     */
    protected DeleteResult doDeleteAll(Set<String> keys) {
        return StorageBackend.super.deleteAll(keys);
    }

    /** See {@link StorageBackend#listPage(ListOptions)}; the prefix is valid. */
    protected abstract ListPage doListPage(ListOptions options);

    /** Copies; the default streams through this client. */
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        return StorageBackend.super.copy(sourceKey, targetKey, options);
    }

    /** Releases resources; called once. */
    protected abstract void doClose();

    /** An {@link InvalidRequestException} saying this backend lacks {@code capability}. */
    protected final InvalidRequestException unsupported(StorageOperation operation, String key, Capability capability) {
        return new InvalidRequestException(name, operation, key, "backend does not support " + capability, null);
    }

    private static LengthCheckingInputStream.LengthMismatchException findMismatch(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LengthCheckingInputStream.LengthMismatchException) {
                return (LengthCheckingInputStream.LengthMismatchException) t;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (suppressed instanceof LengthCheckingInputStream.LengthMismatchException) {
                    return (LengthCheckingInputStream.LengthMismatchException) suppressed;
                }
            }
        }
        return null;
    }
}
