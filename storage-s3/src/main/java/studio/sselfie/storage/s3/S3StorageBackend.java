package studio.sselfie.storage.s3;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;
import studio.sselfie.storage.s3protocol.ContinuationTokens;
import studio.sselfie.storage.s3protocol.S3Protections;

/**
 * A {@link studio.sselfie.storage.StorageBackend} over one bucket of AWS S3 or any S3-compatible store, through the
 * AWS SDK for Java v2. Thread-safe; close it to release its connections and threads.
 *
 * <ul>
 *   <li>Puts of known length up to {@link S3StorageConfig#partSize()} are streamed in one request; longer or
 *       unknown-length bodies go up as multipart uploads from a bounded pool of parts (memory at most
 *       {@code partSize x maxPartsInFlight} for the whole backend), aborted on any failure.</li>
 *   <li>Gets stream; closing a stream early drains a small rest (up to 64 KiB) or aborts the connection.</li>
 *   <li>ETags are kept as S3 gives them (quoted) and passed back verbatim in {@code ifMatch}.</li>
 *   <li>Copies run inside the store (CopyObject up to 5 GiB, UploadPartCopy above), keeping content type and
 *       metadata.</li>
 *   <li>Retries: the SDK's, as {@link S3StorageConfig} says; with a client of the caller's
 *       ({@link #create(S3StorageConfig, S3Client)}), that client's.</li>
 *   <li>Closing the backend closes the client and default credentials chain it built, never a client or
 *       credentials provider it was given.</li>
 * </ul>
 */
public final class S3StorageBackend extends AbstractStorageBackend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CONDITIONAL_WRITE,
            Capability.RANGE_READ, Capability.SERVER_SIDE_COPY, Capability.BATCH_DELETE, Capability.USER_METADATA,
            Capability.DELIMITER_LISTING, Capability.MULTIPART_UPLOAD, Capability.STORAGE_CLASS,
            Capability.SERVER_SIDE_ENCRYPTION, Capability.PRESIGNED_URLS);

    /** A source replaced between its head and its copy is copied again, up to this many times in all. */
    private static final int MAX_COPY_ATTEMPTS = 3;
    private static final ContinuationTokens TOKENS = new ContinuationTokens("s3.");

    private final S3StorageConfig config;
    /** What {@link #doClose()} closes besides the upload threads: the client and chain this backend built, if any. */
    private final List<SdkAutoCloseable> owned;
    private final S3Client client;
    private final String bucket;
    private final S3Errors errors;
    private final ExecutorService uploadThreads;
    private final S3Uploads uploads;
    private final S3Copies copies;
    private final S3Presigning presigning;

    /**
     * Opens a backend over {@code config}'s bucket. No request is sent: a missing bucket or bad credentials show on
     * the first call.
     *
     * @throws IllegalArgumentException if no region is configured and the SDK's region chain finds none
     */
    public S3StorageBackend(S3StorageConfig config) {
        this(config, overrides -> { }, S3Copies.MAX_SINGLE_COPY_BYTES);
    }

    /**
     * @param overrides          last changes to the SDK client's override configuration (tests add interceptors)
     * @param maxSingleCopyBytes largest source copied with one CopyObject (tests lower it to reach UploadPartCopy)
     */
    S3StorageBackend(S3StorageConfig config, Consumer<ClientOverrideConfiguration.Builder> overrides,
            long maxSingleCopyBytes) {
        this(config, ownClient(config, requireNonNull(overrides, "overrides is null")), maxSingleCopyBytes);
    }

    private S3StorageBackend(S3StorageConfig config, OwnedClient opened, long maxSingleCopyBytes) {
        super("s3://" + config.bucket(), CAPABILITIES, config.writeKeys());
        this.config = config;
        this.bucket = config.bucket();
        this.client = opened.client();
        this.owned = opened.owned();
        this.errors = new S3Errors(name());
        this.uploadThreads = uploadThreads(config.maxPartsInFlight(), name());
        this.uploads = new S3Uploads(client, bucket, name(), errors, config.partSize(),
                new PartPool(config.maxPartsInFlight()), uploadThreads);
        this.copies = new S3Copies(client, bucket, name(), errors, maxSingleCopyBytes);
        this.presigning = new S3Presigning(client, bucket);
    }

    /** Opens a backend over {@code config}'s bucket, as {@code MinioStorageBackend.create} does. See {@link #S3StorageBackend(S3StorageConfig)}. */
    public static S3StorageBackend create(S3StorageConfig config) {
        return new S3StorageBackend(config);
    }

    /**
     * Opens a backend over {@code config}'s bucket that sends every request through {@code client}, an SDK client the
     * caller built, owns and closes (after this backend): closing the backend never closes it. Makes no request.
     *
     * <p>Of {@code config}, only {@link S3StorageConfig#bucket() bucket}, {@link S3StorageConfig#partSize() partSize}
     * and {@link S3StorageConfig#maxPartsInFlight() maxPartsInFlight} apply. The endpoint, region, path style,
     * credentials, connection pool and timeouts, {@code apiCallTimeout} and {@code sdkRetries} are the client's: in
     * particular its retries are the one SDK retry layer, so a client under the resilience decorator should be built
     * with {@code AwsRetryStrategy.doNotRetry()}. The backend's own client asks for checksums only where required and
     * sends Content-MD5 on DeleteObjects ({@code LegacyMd5Plugin}); many S3-compatible stores need both: build
     * {@code client} so for such a store.
     *
     * @throws NullPointerException if either is null
     */
    public static S3StorageBackend create(S3StorageConfig config, S3Client client) {
        requireNonNull(config, "config is null");
        requireNonNull(client, "client is null");
        return new S3StorageBackend(config, new OwnedClient(client, List.of()), S3Copies.MAX_SINGLE_COPY_BYTES);
    }

    /** Opens a backend over {@code bucket} with every other setting at its default. See {@link #S3StorageBackend(S3StorageConfig)}. */
    public static S3StorageBackend of(String bucket) {
        return new S3StorageBackend(S3StorageConfig.of(bucket));
    }

    /** The configuration this backend was opened with. */
    public S3StorageConfig config() {
        return config;
    }

    // One PutObject (or one multipart upload), as the raw client sends: the answer carries the ETag and its Date, and
    // the rest of the info is what this write sent. No HEAD (see ObjectInfo#lastModified for the date's precision).
    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        S3Uploads.Stored stored = uploads.put(key, body, length, options);
        return S3Protections.written(key, stored.size(), stored.etag(), stored.lastModified(), options);
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(bucket).key(key);
        ByteRange range = options.byteRange().orElse(null);
        if (range != null) {
            request.range(range.toHttpHeader());
        }
        S3Protection.applyCustomerKey(options.customerKey().orElse(null), request);
        ResponseInputStream<GetObjectResponse> in;
        try {
            in = client.getObject(request.build());
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(StorageOperation.GET, key, e);
            if (mapped instanceof RangeNotSatisfiableException && range != null && range.isSuffix()) {
                return emptySuffix(key, range, mapped);
            }
            throw mapped;
        }
        GetObjectResponse response = in.response();
        if (response.eTag() == null || response.contentLength() == null) {
            in.abort();
            throw new ObjectNotFoundException(name(), StorageOperation.GET, key,
                    "the store answered without ETag or length: the object is still being written", null);
        }
        long length = response.contentLength();
        long size = range == null ? length : sizeFromContentRange(response.contentRange(), length);
        ObjectInfo.Builder info = ObjectInfo.builder().key(key).size(size).etag(response.eTag())
                .lastModified(response.lastModified()).contentType(response.contentType())
                .headers(S3Headers.of(response)).metadata(response.metadata());
        S3Protection.read(response, info);
        return new StorageObject(info.build(), new S3ObjectStream(in, length), length, range);
    }

    // S3 answers 416 to a suffix range of an empty object; the contract gives an empty body there.
    private StorageObject emptySuffix(String key, ByteRange range, StorageException rejection) {
        ObjectInfo info = doHead(key).orElseThrow(() -> rejection);
        if (info.size() != 0) {
            throw rejection;
        }
        return new StorageObject(info, InputStream.nullInputStream(), 0, range);
    }

    private static long sizeFromContentRange(String contentRange, long fallback) {
        // "bytes 0-99/1234"
        if (contentRange != null) {
            int slash = contentRange.lastIndexOf('/');
            if (slash >= 0 && !contentRange.endsWith("*")) {
                return Long.parseLong(contentRange.substring(slash + 1).strip());
            }
        }
        return fallback;
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return headInfo(StorageOperation.HEAD, key, null);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        return headInfo(StorageOperation.HEAD, key, options.customerKey().orElse(null));
    }

    private Optional<ObjectInfo> headInfo(StorageOperation operation, String key, SseCustomerKey customerKey) {
        HeadObjectResponse response;
        try {
            response = client.headObject(request -> S3Protection.applyCustomerKey(customerKey, request.bucket(bucket).key(key)));
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(operation, key, e);
            if (mapped instanceof ObjectNotFoundException) {
                return Optional.empty();
            }
            throw mapped;
        }
        if (response.eTag() == null) {
            return Optional.empty(); // still being written, on a store that shows it already (see doListPage)
        }
        ObjectInfo.Builder info = ObjectInfo.builder().key(key).size(response.contentLength()).etag(response.eTag())
                .lastModified(response.lastModified()).contentType(response.contentType())
                .headers(S3Headers.of(response)).metadata(response.metadata());
        S3Protection.read(response, info);
        return Optional.of(info.build());
    }

    @Override
    protected void doDelete(String key) {
        try {
            client.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(StorageOperation.DELETE, key, e);
            if (!(mapped instanceof ObjectNotFoundException)) {
                throw mapped;
            }
        }
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        if (keys.isEmpty()) {
            return new DeleteResult(List.of(), Map.of());
        }
        List<ObjectIdentifier> identifiers = new ArrayList<>(keys.size());
        for (String key : keys) {
            identifiers.add(ObjectIdentifier.builder().key(key).build());
        }
        Map<String, StorageException> failures = new LinkedHashMap<>();
        DeleteObjectsResponse response;
        try {
            response = client.deleteObjects(request -> request.bucket(bucket)
                    .delete(delete -> delete.objects(identifiers).quiet(false)));
        } catch (RuntimeException e) {
            // The whole batch failed: every key reports it, as the one-by-one default would.
            for (String key : keys) {
                failures.put(key, errors.map(StorageOperation.DELETE_ALL, key, e));
            }
            return new DeleteResult(List.of(), failures);
        }
        Set<String> reported = new HashSet<>();
        for (DeletedObject deleted : response.deleted()) {
            reported.add(deleted.key());
        }
        for (S3Error error : response.errors()) {
            failures.put(error.key(), S3Errors.forBatchEntry(name(), error));
        }
        List<String> deleted = new ArrayList<>();
        for (String key : keys) {
            if (failures.containsKey(key)) {
                continue;
            }
            if (reported.contains(key)) {
                deleted.add(key);
            } else {
                failures.put(key, new StorageUnavailableException(name(), StorageOperation.DELETE_ALL, key,
                        "the store did not report the outcome of this key", null));
            }
        }
        return new DeleteResult(deleted, failures);
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).maxKeys(options.pageSize());
        if (!options.prefix().isEmpty()) {
            request.prefix(options.prefix());
        }
        options.delimiter().ifPresent(request::delimiter);
        options.startAfter().ifPresent(request::startAfter);
        options.continuationToken().ifPresent(token -> request.continuationToken(TOKENS.decode(name(), token)));
        ListObjectsV2Response response;
        try {
            response = client.listObjectsV2(request.build());
        } catch (RuntimeException e) {
            throw errors.map(StorageOperation.LIST, null, e);
        }
        List<ObjectInfo> objects = new ArrayList<>(response.contents().size());
        for (S3Object object : response.contents()) {
            if (object.eTag() == null || object.eTag().isEmpty() || object.size() == null) {
                // A complete object always has both. Some S3-compatible stores (S3Proxy's file-based ones) list an
                // object still being written without them: it is not there yet, so it is not listed.
                continue;
            }
            objects.add(ObjectInfo.builder().key(object.key()).size(object.size()).etag(object.eTag())
                    .lastModified(object.lastModified() == null ? Instant.EPOCH : object.lastModified()).build());
        }
        List<String> prefixes = new ArrayList<>(response.commonPrefixes().size());
        for (CommonPrefix prefix : response.commonPrefixes()) {
            prefixes.add(prefix.prefix());
        }
        String next = TOKENS.next(name(), Boolean.TRUE.equals(response.isTruncated()), response.nextContinuationToken());
        return new ListPage(objects, prefixes, next);
    }

    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        for (int attempt = 1; ; attempt++) {
            SseCustomerKey sourceCustomerKey = options.sourceKey().orElse(null);
            ObjectInfo source = headInfo(StorageOperation.COPY, sourceKey, sourceCustomerKey).orElseThrow(() -> new ObjectNotFoundException(
                    name(), StorageOperation.COPY, sourceKey, "no such source object", null));
            PutOptions replacement = options.replacement().orElse(null);
            if (sourceKey.equals(targetKey) && replacement == null) {
                return source;
            }
            PutOptions protection = replacement != null ? replacement : S3Protections.keptFrom(source, sourceCustomerKey);
            Optional<S3Copies.Copied> copied = copies.copy(source, targetKey, replacement, protection, sourceCustomerKey);
            if (copied.isPresent()) {
                S3Copies.Copied result = copied.get();
                ObjectInfo.Builder target = source.toBuilder().key(targetKey).etag(result.etag()).lastModified(result.lastModified());
                if (replacement != null) {
                    target.contentType(replacement.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                            .headers(replacement.headers()).metadata(replacement.metadata());
                }
                S3Protections.asked(protection, target);
                return target.build();
            }
            if (attempt == MAX_COPY_ATTEMPTS) {
                throw new StorageUnavailableException(name(), StorageOperation.COPY, sourceKey, "the source object "
                        + "changed during each of " + MAX_COPY_ATTEMPTS + " copy attempts", null);
            }
        }
    }

    @Override
    protected PresignedRequest doPresignDownload(String key, DownloadOptions options) {
        return presigning.download(key, options);
    }

    @Override
    protected PresignedRequest doPresignUpload(UploadMethod method, UploadPolicy policy) {
        return presigning.upload(method, policy);
    }

    @Override
    protected void doClose() {
        presigning.close();
        uploadThreads.shutdownNow();
        owned.forEach(SdkAutoCloseable::close);
    }

    /** A client, and what of it this backend built and so closes. */
    private record OwnedClient(S3Client client, List<SdkAutoCloseable> owned) {
    }

    // A provider given in the config is the caller's; only the default chain built here is closed with the client.
    private static OwnedClient ownClient(S3StorageConfig config, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        AwsCredentialsProvider credentials = S3Clients.credentials(config);
        S3Client client = S3Clients.create(config, credentials, overrides);
        boolean ownCredentials = config.credentialsProvider().isEmpty() && credentials instanceof SdkAutoCloseable;
        return new OwnedClient(client, ownCredentials ? List.of(client, (SdkAutoCloseable) credentials) : List.of(client));
    }

    /** Names the bucket and endpoint; never the credentials. */
    @Override
    public String toString() {
        return "S3StorageBackend{" + name() + config.endpoint().map(endpoint -> " at " + endpoint).orElse("") + '}';
    }

    private static ExecutorService uploadThreads(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, name + "-upload-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // As many threads as parts may be in flight; the part pool keeps the queue short.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
