package studio.sselfie.storage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An object store bound to one namespace (an S3 bucket, a map in memory). Thread-safe.
 *
 * <p><b>Keep this interface small</b>: a new backend implements the abstract methods (best by extending
 * {@link AbstractStorageBackend}, which checks every argument for it); everything else is a default method over them,
 * which a backend overrides only when it can do better (a server-side copy, a batch delete).
 *
 * <p>Contract, proven for every backend by the conformance kit:
 * <ul>
 *   <li>Keys follow {@link Keys}: a bad key fails with {@link InvalidKeyException} before any I/O.</li>
 *   <li>Read-after-write: a completed put is seen by every later get, head and list.</li>
 *   <li>An overwrite is atomic: a reader sees the old or the new object, never a mix; a failed put leaves the old
 *       object intact and no partial object visible.</li>
 *   <li>Every failure is a {@link StorageException} subtype naming backend, operation and key.</li>
 *   <li>After {@link #close()} every operation (put, get, head, delete, deleteAll, listPage, copy and the default
 *       methods over them) fails with {@link IllegalStateException}; {@link #name()} and {@link #capabilities()} still
 *       answer.</li>
 * </ul>
 */
public interface StorageBackend extends AutoCloseable {

    /** Passed as the length of a put whose length is not known in advance. */
    long UNKNOWN_LENGTH = -1;

    /** A name for messages and logs, e.g. {@code mem://photos} or {@code s3://bucket}; never contains a secret. */
    String name();

    /** What this backend supports beyond the core operations. */
    Set<Capability> capabilities();

    /** Whether this backend supports {@code capability}. */
    default boolean supports(Capability capability) {
        return capabilities().contains(Objects.requireNonNull(capability, "capability is null"));
    }

    /**
     * Stores the bytes of {@code body} at {@code key}, replacing any object there atomically. The body is read to its
     * end but not closed: the caller owns it.
     *
     * @param length the exact number of bytes the body yields, or {@link #UNKNOWN_LENGTH}
     * @return the info of the stored object
     * @throws InvalidKeyException          if the key breaks a rule of {@link Keys}
     * @throws InvalidRequestException      if the body yields more or fewer bytes than {@code length}, if length is
     *                                      below -1 or above {@link StorageLimits#MAX_OBJECT_BYTES}, or if the options
     *                                      ask for a capability this backend lacks; nothing is stored
     * @throws PreconditionFailedException  if a precondition of {@code options} does not hold; nothing is stored
     * @throws StorageException             (not retryable, the body is consumed) if reading the body throws an
     *                                      {@code IOException}, kept as the cause; nothing stored changes
     * @throws StorageUnavailableException  if the store could not be reached (retryable)
     */
    ObjectInfo put(String key, InputStream body, long length, PutOptions options);

    /** Stores {@code bytes} at {@code key} with default options. See {@link #put(String, InputStream, long, PutOptions)}. */
    default ObjectInfo put(String key, byte[] bytes) {
        return put(key, bytes, PutOptions.defaults());
    }

    /** Stores {@code bytes} at {@code key}. See {@link #put(String, InputStream, long, PutOptions)}. */
    default ObjectInfo put(String key, byte[] bytes, PutOptions options) {
        Objects.requireNonNull(bytes, "bytes is null");
        return put(key, new ByteArrayInputStream(bytes), bytes.length, options);
    }

    /**
     * Stores {@code text} as UTF-8 at {@code key}, with content type {@code text/plain; charset=utf-8}.
     * See {@link #put(String, InputStream, long, PutOptions)}.
     */
    default ObjectInfo put(String key, String text) {
        Objects.requireNonNull(text, "text is null");
        return put(key, text.getBytes(StandardCharsets.UTF_8), PutOptions.builder().contentType("text/plain; charset=utf-8").build());
    }

    /**
     * Stores the file at {@code file}, streamed. See {@link #put(String, InputStream, long, PutOptions)}.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    default ObjectInfo put(String key, Path file, PutOptions options) {
        Objects.requireNonNull(file, "file is null");
        try (InputStream in = Files.newInputStream(file)) {
            return put(key, in, Files.size(file), options);
        } catch (IOException e) {
            throw new UncheckedIOException("reading file " + file + " failed", e);
        }
    }

    /**
     * Opens the object at {@code key}, whole or a range of it. The caller must close the result.
     *
     * @throws InvalidKeyException          if the key breaks a rule of {@link Keys}
     * @throws ObjectNotFoundException      if there is no object at the key
     * @throws RangeNotSatisfiableException if the range starts at or past the end of the object
     * @throws StorageUnavailableException  if the store could not be reached (retryable)
     */
    StorageObject get(String key, GetOptions options);

    /** Opens the whole object at {@code key}. See {@link #get(String, GetOptions)}. */
    default StorageObject get(String key) {
        return get(key, GetOptions.whole());
    }

    /**
     * Reads the whole object at {@code key} into memory: only for objects known to be small.
     * See {@link #get(String, GetOptions)}.
     *
     * @throws StorageUnavailableException if reading the body fails midway (retryable)
     */
    default byte[] getBytes(String key) {
        try (StorageObject object = get(key)) {
            return object.stream().readAllBytes();
        } catch (IOException e) {
            throw new StorageUnavailableException(name(), StorageOperation.GET, key, "reading the body failed", e);
        }
    }

    /** Reads the object at {@code key} as UTF-8 text. See {@link #getBytes(String)}. */
    default String getString(String key) {
        return new String(getBytes(key), StandardCharsets.UTF_8);
    }

    /**
     * Streams the object at {@code key} into {@code target}, replacing it; returns the object's info.
     * See {@link #get(String, GetOptions)}.
     *
     * @throws StorageUnavailableException if reading the body fails midway (retryable); an existing target file is
     *                                     left as it was (the download goes to a temporary file first)
     * @throws UncheckedIOException        if the file cannot be written
     */
    default ObjectInfo download(String key, Path target) {
        Objects.requireNonNull(target, "target is null");
        try (StorageObject object = get(key)) {
            Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".download-", ".part");
            try {
                try (OutputStream out = Files.newOutputStream(temp)) {
                    object.stream().transferTo(out);
                } catch (IOException e) {
                    throw new StorageUnavailableException(name(), StorageOperation.GET, key, "reading the body failed", e);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return object.info();
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " failed", e);
        }
    }

    /**
     * The info of the object at {@code key}, or empty if there is none.
     *
     * @throws InvalidKeyException         if the key breaks a rule of {@link Keys}
     * @throws StorageUnavailableException if the store could not be reached (retryable)
     */
    Optional<ObjectInfo> head(String key);

    /**
     * The info of the object at {@code key}, asked with {@code options}: an object stored with SSE-C is known to S3
     * only to a head that carries its key ({@link GetOptions#customerKey()}); the range is ignored. The default asks
     * {@link #head(String)}, which is right for every backend without {@link Capability#SERVER_SIDE_ENCRYPTION}: it
     * holds no SSE-C object.
     *
     * @throws InvalidKeyException         if the key breaks a rule of {@link Keys}
     * @throws AccessDeniedException       if the object is SSE-C encrypted and the key is missing or another
     * @throws StorageUnavailableException if the store could not be reached (retryable)
     */
    default Optional<ObjectInfo> head(String key, GetOptions options) {
        Objects.requireNonNull(options, "options is null");
        return head(key);
    }

    /** Whether an object exists at {@code key}. See {@link #head(String)}. */
    default boolean exists(String key) {
        return head(key).isPresent();
    }

    /**
     * Deletes the object at {@code key}; does nothing if there is none (idempotent).
     *
     * @throws InvalidKeyException         if the key breaks a rule of {@link Keys}
     * @throws StorageUnavailableException if the store could not be reached (retryable)
     */
    void delete(String key);

    /**
     * Deletes every key given (at most {@value StorageLimits#MAX_BATCH_DELETE_KEYS}); duplicates and missing keys are
     * fine. Every key is checked before any is deleted. The default deletes one key at a time; backends with
     * {@link Capability#BATCH_DELETE} send batches.
     *
     * @return each distinct key as deleted or failed
     * @throws InvalidKeyException     if any key breaks a rule of {@link Keys}; nothing is deleted
     * @throws InvalidRequestException if more than {@value StorageLimits#MAX_BATCH_DELETE_KEYS} keys are given; nothing
     *                                 is deleted
     */
    default DeleteResult deleteAll(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys is null");
        Set<String> distinct = DeleteResult.checkBatch(name(), keys);
        List<String> deleted = new ArrayList<>();
        Map<String, StorageException> failures = new LinkedHashMap<>();
        for (String key : distinct) {
            try {
                delete(key);
                deleted.add(key);
            } catch (StorageException e) {
                failures.put(key, e);
            }
        }
        return new DeleteResult(deleted, failures);
    }

    /**
     * Lists one page. Keys are in ascending UTF-8 byte order; with a delimiter, keys whose rest after the prefix
     * contains it are rolled up into common prefixes, and objects plus common prefixes together fill at most
     * {@link ListOptions#pageSize()} entries.
     *
     * @throws InvalidKeyException         if the prefix breaks a rule of {@link Keys#validatePrefix}
     * @throws InvalidRequestException     if the continuation token is not one this backend gave out, or a delimiter is
     *                                     asked of a backend without {@link Capability#DELIMITER_LISTING}
     * @throws StorageUnavailableException if the store could not be reached (retryable)
     */
    ListPage listPage(ListOptions options);

    /**
     * All pages of a listing, fetched lazily one at a time: the first when this is called (so a bad argument or a
     * closed backend fails here), each later one only when the stream is advanced past the page before it, never
     * ahead. A consumer that stops after page N (as {@code findFirst} or {@code limit} do) has caused N fetches.
     * See {@link #listPage(ListOptions)}.
     */
    default Stream<ListPage> listPages(ListOptions options) {
        Objects.requireNonNull(options, "options is null");
        ListPage first = listPage(options);
        Spliterator<ListPage> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private ListPage handedOut;

            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super ListPage> action) {
                // The next page is fetched here, when asked for, not when the page before it is handed out.
                ListPage next;
                if (handedOut == null) {
                    next = first;
                } else {
                    Optional<String> token = handedOut.nextToken();
                    if (token.isEmpty()) {
                        return false;
                    }
                    next = listPage(options.toBuilder().continuationToken(token.get()).build());
                }
                handedOut = next;
                action.accept(next);
                return true;
            }
        };
        return StreamSupport.stream(pages, false);
    }

    /** Every object under {@code prefix}, flat, fetched lazily page by page. See {@link #listPage(ListOptions)}. */
    default Stream<ObjectInfo> list(String prefix) {
        return list(ListOptions.prefix(prefix));
    }

    /** Every object the options select, fetched lazily page by page; common prefixes are left out. */
    default Stream<ObjectInfo> list(ListOptions options) {
        return listPages(options).flatMap(page -> page.objects().stream());
    }

    /**
     * Copies the object at {@code sourceKey} to {@code targetKey}, with its content type, HTTP headers and user
     * metadata. See {@link #copy(String, String, CopyOptions)}.
     */
    default ObjectInfo copy(String sourceKey, String targetKey) {
        return copy(sourceKey, targetKey, CopyOptions.keep());
    }

    /**
     * Copies the object at {@code sourceKey} to {@code targetKey}, replacing any object at the target; the target's
     * content type, HTTP headers and user metadata are the source's or the replacement {@code options} give (see
     * {@link CopyOptions}). Copying a key to itself with {@link CopyOptions#keep()} leaves the object unchanged. The
     * default streams the bytes through this client; backends with {@link Capability#SERVER_SIDE_COPY} copy inside
     * the store.
     *
     * @return the info of the new object
     * @throws InvalidKeyException         if the source key is no key a store can hold ({@link KeyPolicy#STORE}) or the
     *                                     target breaks a rule of {@link Keys} (a write)
     * @throws InvalidRequestException     if the replacement asks for a capability this backend lacks
     * @throws ObjectNotFoundException     if there is no object at {@code sourceKey}; the target is untouched
     * @throws StorageUnavailableException if the store could not be reached (retryable)
     */
    default ObjectInfo copy(String sourceKey, String targetKey, CopyOptions options) {
        Objects.requireNonNull(sourceKey, "sourceKey is null");
        Objects.requireNonNull(targetKey, "targetKey is null");
        Objects.requireNonNull(options, "options is null");
        Keys.validate(name(), StorageOperation.COPY, sourceKey, KeyPolicy.STORE);
        // What no store holds is refused here; the backend's own write rules are applied by the put below.
        Keys.validate(name(), StorageOperation.COPY, targetKey, KeyPolicy.STORE);
        StorageObject source;
        try {
            source = get(sourceKey, options.sourceKey().map(GetOptions::withCustomerKey).orElse(GetOptions.whole()));
        } catch (ObjectNotFoundException e) {
            throw new ObjectNotFoundException(name(), StorageOperation.COPY, sourceKey, "source object not found", e);
        }
        try (source) {
            return put(targetKey, source.stream(), source.contentLength(), options.replacement().orElseGet(() -> attributesOf(source.info())));
        }
    }

    /**
     * The put options that store an object with the content type, headers, metadata, storage class and SSE-S3 or
     * SSE-KMS encryption {@code info} has (an SSE-C key is not in the info: a copy names it in its replacement).
     */
    static PutOptions attributesOf(ObjectInfo info) {
        PutOptions.Builder options = PutOptions.builder().headers(info.headers()).metadata(info.metadata());
        info.contentType().ifPresent(options::contentType);
        if (!info.storageClass().equals(StorageClass.STANDARD)) {
            options.storageClass(info.storageClass());
        }
        if (info.encryption().orElse(null) == EncryptionType.SSE_S3) {
            options.encryption(ServerSideEncryption.sseS3());
        } else if (info.encryption().orElse(null) == EncryptionType.SSE_KMS && info.kmsKeyId().isPresent()) {
            options.encryption(ServerSideEncryption.sseKms(info.kmsKeyId().get()));
        }
        return options.build();
    }

    /**
     * Signs requests that a client (a phone, a browser) sends to the store directly: downloads, and uploads whose
     * constraints the store enforces. Signing sends no request to the store.
     *
     * @throws InvalidRequestException if this backend lacks {@link Capability#PRESIGNED_URLS}
     * @throws IllegalStateException   if the backend is closed
     */
    default Presigner presigner() {
        throw new InvalidRequestException(name(), StorageOperation.PRESIGN, null,
                "backend does not support " + Capability.PRESIGNED_URLS, null);
    }

    /**
     * Releases the backend's resources. Idempotent. Every later call fails with {@link IllegalStateException}; streams
     * already handed out may fail too.
     */
    @Override
    void close();
}
