package studio.sselfie.storage.minio;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.minio.CopyObjectArgs;
import io.minio.DeleteObjectsArgs;
import io.minio.Directive;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.RemoveObjectArgs;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.messages.DeleteRequest;
import okhttp3.OkHttpClient;
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
import studio.sselfie.storage.PreconditionFailedException;
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
import studio.sselfie.storage.s3protocol.S3Protections;

/**
 * A {@link studio.sselfie.storage.StorageBackend} over one bucket of any S3-compatible store (MinIO, Ceph RGW, Garage,
 * R2, AWS S3...), through the MinIO Java SDK. Named {@code minio://<bucket>}; opened with {@link #create} or by URI
 * through {@link MinioStorageProvider}. Thread-safe; closing it shuts down the HTTP client it built.
 *
 * <p>Capabilities: {@link Capability#CONDITIONAL_WRITE} ({@code If-None-Match: *} and {@code If-Match} on the PUT or
 * on the request completing a multipart upload), {@link Capability#RANGE_READ}, {@link Capability#SERVER_SIDE_COPY}
 * (content type and metadata kept), {@link Capability#BATCH_DELETE} (one DeleteObjects request per call),
 * {@link Capability#USER_METADATA}, {@link Capability#DELIMITER_LISTING} (one ListObjectsV2 request per page) and
 * {@link Capability#MULTIPART_UPLOAD}. Not {@link Capability#CONTENT_SHA256}: S3 keeps no SHA-256 of every object.
 *
 * <p>Uploads stream: memory is {@code partSize x maxPartsInFlight}, never the object's size (see
 * {@link MinioStorageConfig}); a failed multipart upload is aborted. Downloads stream; closing one early releases its
 * connection (a short rest is drained, a long one cut). ETags are quoted, as S3 sends them. Retries: as the S3
 * backend's, unless {@code clientRetries} is off (see {@link MinioStorageConfig}). Errors: the shared S3 error table,
 * so the same answer gives the same exception on both backends.
 */
public final class MinioStorageBackend extends AbstractStorageBackend {
    private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.CONDITIONAL_WRITE, Capability.RANGE_READ,
            Capability.SERVER_SIDE_COPY, Capability.BATCH_DELETE, Capability.USER_METADATA,
            Capability.DELIMITER_LISTING, Capability.MULTIPART_UPLOAD, Capability.STORAGE_CLASS,
            Capability.SERVER_SIDE_ENCRYPTION, Capability.PRESIGNED_URLS);

    /** A source replaced between its head and its copy is copied again, up to this many times in all. */
    private static final int MAX_COPY_ATTEMPTS = 3;
    /** S3's largest CopyObject source; the MinIO SDK copies larger ones in parts. */
    private static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;

    private final MinioStorageConfig config;
    private final OkHttpClient httpClient;
    private final MinioAsyncClient client;
    private final MinioUploader uploader;
    private final MinioListing listing;
    private final MinioPresigning presigning;

    private MinioStorageBackend(MinioStorageConfig config) {
        super("minio://" + config.bucket(), CAPABILITIES, config.writeKeys());
        this.config = config;
        this.httpClient = HttpClients.create(config);
        this.client = MinioAsyncClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentialsProvider(config.signingCredentials())
                .httpClient(httpClient, false)
                .build();
        this.uploader = new MinioUploader(client, name(), config);
        this.listing = new MinioListing(client, name(), config);
        this.presigning = new MinioPresigning(client, name(), config);
    }

    /**
     * A backend over the bucket {@code config} names. Makes no request: a missing bucket or wrong credentials show on
     * the first call.
     */
    public static MinioStorageBackend create(MinioStorageConfig config) {
        return new MinioStorageBackend(requireNonNull(config, "config is null"));
    }

    /** The config this backend was created with. */
    public MinioStorageConfig config() {
        return config;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        MinioUploader.Uploaded uploaded;
        try {
            uploaded = uploader.upload(key, body, length, options);
        } catch (RuntimeException e) {
            if (options.ifMatch().isPresent() && MinioErrors.isNotFound(e)) {
                // If-Match on a missing key: S3 says 404 or 412 depending on the server; the contract says 412.
                throw new PreconditionFailedException(name(), StorageOperation.PUT, key, "no object at this key to match",
                        RedactedSdkException.of(e));
            }
            throw MinioErrors.map(name(), StorageOperation.PUT, key, e);
        }
        // One PutObject (or one multipart upload), as the raw client sends: the answer carries the ETag and its Date,
        // the rest is what this write sent. No HEAD (see ObjectInfo#lastModified for the date's precision).
        return S3Protections.written(key, uploaded.size, uploaded.etag, uploaded.lastModified, options);
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        ByteRange range = options.byteRange().orElse(null);
        GetObjectArgs.Builder args = GetObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key);
        Map<String, String> extra = new LinkedHashMap<>(MinioProtection.customerKeyHeaders(options.customerKey().orElse(null)));
        if (range != null) {
            extra.put("Range", range.toHttpHeader());
        }
        args.extraHeaders(extra);
        GetObjectResponse response;
        try {
            response = MinioObjects.join(client.getObject(args.build()));
        } catch (RuntimeException e) {
            if (range != null && range.isSuffix() && MinioErrors.isRangeNotSatisfiable(e)) {
                return emptySuffix(key, range, e);
            }
            throw MinioErrors.map(name(), StorageOperation.GET, key, e);
        }
        try {
            return toStorageObject(key, range, response);
        } catch (RuntimeException e) {
            closeQuietly(response, e);
            throw e;
        }
    }

    private StorageObject toStorageObject(String key, ByteRange range, GetObjectResponse response) {
        String contentLength = response.headers().get("Content-Length");
        if (contentLength == null) {
            throw new StorageException(name(), StorageOperation.GET, key, "the store sent no Content-Length", null);
        }
        if (!MinioObjects.hasEtag(response.headers().get("ETag"))) {
            throw new ObjectNotFoundException(name(), StorageOperation.GET, key,
                    "the store answered without ETag: the object is still being written", null);
        }
        long length = Long.parseLong(contentLength.strip());
        long size = MinioObjects.sizeFromContentRange(response.headers().get("Content-Range"));
        if (range == null || size >= 0) {
            ObjectInfo info = MinioObjects.fromHeaders(key, response.headers(), size >= 0 ? size : length);
            return new StorageObject(info, response, length, range);
        }
        // The store ignored the Range header and sent the whole object: cut the range out here.
        ObjectInfo info = MinioObjects.fromHeaders(key, response.headers(), length);
        if (!range.isSatisfiable(length)) {
            throw new RangeNotSatisfiableException(name(), StorageOperation.GET, key,
                    "range " + range + " starts at or past the end of the " + length + "-byte object", null);
        }
        try {
            response.skipNBytes(range.firstByte(length));
        } catch (IOException e) {
            throw MinioErrors.map(name(), StorageOperation.GET, key, e);
        }
        long rangeLength = range.length(length);
        return new StorageObject(info, new BoundedInputStream(response, rangeLength), rangeLength, range);
    }

    /** A suffix range of an empty object selects no byte; S3 answers 416, the contract an empty read. */
    private StorageObject emptySuffix(String key, ByteRange range, RuntimeException rangeFailure) {
        ObjectInfo info = head(StorageOperation.GET, key, null).orElseThrow(() ->
                new ObjectNotFoundException(name(), StorageOperation.GET, key, "no object at this key", rangeFailure));
        if (info.size() != 0) {
            throw MinioErrors.map(name(), StorageOperation.GET, key, rangeFailure);
        }
        return new StorageObject(info, InputStream.nullInputStream(), 0, range);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        return head(StorageOperation.HEAD, key, null);
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key, GetOptions options) {
        return head(StorageOperation.HEAD, key, options.customerKey().orElse(null));
    }

    private Optional<ObjectInfo> head(StorageOperation operation, String key, SseCustomerKey customerKey) {
        try {
            StatObjectResponse response = MinioObjects.join(client.statObject(
                    StatObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key)
                            .extraHeaders(MinioProtection.customerKeyHeaders(customerKey)).build()));
            if (!MinioObjects.hasEtag(response.headers().get("ETag"))) {
                return Optional.empty(); // still being written (see MinioObjects.hasEtag)
            }
            return Optional.of(MinioObjects.fromHeaders(key, response.headers(), response.size()));
        } catch (RuntimeException e) {
            if (MinioErrors.isNotFound(e)) {
                return Optional.empty();
            }
            throw MinioErrors.map(name(), operation, key, e);
        }
    }

    @Override
    protected void doDelete(String key) {
        try {
            MinioObjects.join(client.removeObject(
                    RemoveObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key).build()));
        } catch (RuntimeException e) {
            if (!MinioErrors.isNotFound(e)) {
                throw MinioErrors.map(name(), StorageOperation.DELETE, key, e);
            }
        }
    }

    @Override
    protected DeleteResult doDeleteAll(Set<String> keys) {
        if (keys.isEmpty()) {
            return new DeleteResult(List.of(), Map.of());
        }
        List<DeleteRequest.Object> objects = new ArrayList<>(keys.size());
        keys.forEach(key -> objects.add(new DeleteRequest.Object(key)));
        Map<String, StorageException> failures = new LinkedHashMap<>();
        try {
            // Quiet mode: the answer lists only the keys that failed.
            List<io.minio.messages.DeleteResult.Error> errors = MinioObjects.join(client.deleteObjects(
                    DeleteObjectsArgs.builder().bucket(config.bucket()).region(config.region()).objects(objects)
                            .quiet(true).build())).result().errors();
            for (io.minio.messages.DeleteResult.Error error : errors) {
                StorageException failure = MinioErrors.fromBatchError(name(), error.objectName(), error.code(), null);
                if (!(failure instanceof ObjectNotFoundException) && keys.contains(error.objectName())) {
                    failures.put(error.objectName(), failure);
                }
            }
        } catch (RuntimeException e) {
            // The request as a whole failed: no key is known to be deleted.
            keys.forEach(key -> failures.put(key, MinioErrors.map(name(), StorageOperation.DELETE_ALL, key, e)));
        }
        List<String> deleted = new ArrayList<>();
        keys.forEach(key -> {
            if (!failures.containsKey(key)) {
                deleted.add(key);
            }
        });
        return new DeleteResult(deleted, failures);
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        return listing.page(options);
    }

    /**
     * A HEAD of the source and one CopyObject pinned to the ETag that HEAD saw ({@code x-amz-copy-source-if-match}), as
     * the S3 backend copies: the info returned is the source's (size, content type, metadata) with the copy result's
     * ETag and LastModified, and a source replaced between the two is copied again (up to {@value #MAX_COPY_ATTEMPTS}
     * times in all) rather than reported with another object's info.
     */
    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        PutOptions replacement = options.replacement().orElse(null);
        for (int attempt = 1; ; attempt++) {
            ObjectInfo source = head(StorageOperation.COPY, sourceKey, options.sourceKey().orElse(null)).orElseThrow(() -> new ObjectNotFoundException(
                    name(), StorageOperation.COPY, sourceKey, "no object at the source key", null));
            if (sourceKey.equals(targetKey) && replacement == null) {
                // S3 refuses a copy onto itself that changes nothing; the contract makes it a no-op.
                return source;
            }
            SseCustomerKey sourceCustomerKey = options.sourceKey().orElse(null);
            PutOptions protection = replacement != null ? replacement : S3Protections.keptFrom(source, sourceCustomerKey);
            ObjectWriteResponse copied;
            try {
                copied = MinioObjects.join(client.copyObject(copyArgs(source, targetKey, replacement, protection, sourceCustomerKey)));
            } catch (RuntimeException e) {
                StorageException mapped = MinioErrors.map(name(), StorageOperation.COPY, sourceKey, e);
                if (!(mapped instanceof PreconditionFailedException) && !(mapped instanceof ObjectNotFoundException)) {
                    throw mapped;
                }
                // The source was replaced or deleted since the head: head it again.
                if (attempt == MAX_COPY_ATTEMPTS) {
                    throw new StorageUnavailableException(name(), StorageOperation.COPY, sourceKey, "the source object"
                            + " changed during each of " + MAX_COPY_ATTEMPTS + " copy attempts", mapped);
                }
                continue;
            }
            Instant lastModified = copied.lastModified() != null ? copied.lastModified().toInstant()
                    : MinioObjects.answerDate(copied);
            ObjectInfo.Builder target = source.toBuilder().key(targetKey).etag(MinioObjects.etag(copied.etag()))
                    .lastModified(lastModified);
            if (replacement != null) {
                target.contentType(replacement.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                        .headers(replacement.headers()).metadata(replacement.metadata());
            }
            return S3Protections.asked(protection, target).build();
        }
    }

    // Given the source's size and ETag, the SDK sends no HEAD of its own: one CopyObject with
    // x-amz-copy-source-if-match up to 5 GiB, a multipart copy (UploadPartCopy, each pinned the same way) above, which
    // S3 does not copy content type, headers and metadata for: they are sent along then. A replacement is sent along
    // always, with x-amz-metadata-directive REPLACE on a CopyObject (CreateMultipartUpload takes no directive).
    private CopyObjectArgs copyArgs(ObjectInfo source, String targetKey, PutOptions replacement, PutOptions protection,
                                    SseCustomerKey sourceKey) {
        SourceObject sourceObject = SourceObject.builder().bucket(config.bucket()).region(config.region())
                .object(source.key()).build();
        CopyObjectArgs.Builder args = CopyObjectArgs.builder().bucket(config.bucket()).region(config.region())
                .object(targetKey).source(new SourceObject(sourceObject, source.size(), source.etag()));
        boolean multipart = source.size() > MAX_SINGLE_COPY_BYTES;
        if (replacement != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            replacement.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
            headers.put("Content-Type", replacement.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE));
            MinioObjects.putObjectHeaders(replacement.headers(), headers::put);
            args.headers(headers);
            if (!multipart) {
                args.metadataDirective(Directive.REPLACE);
            }
        } else if (multipart) {
            Map<String, String> headers = new LinkedHashMap<>();
            source.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
            source.contentType().ifPresent(type -> headers.put("Content-Type", type));
            MinioObjects.putObjectHeaders(source.headers(), headers::put);
            args.headers(headers);
        }
        // The class and encryption go with either directive: S3 gives a copy target STANDARD and the bucket default.
        Map<String, String> protectionHeaders = new LinkedHashMap<>(MinioProtection.writeHeaders(protection));
        protectionHeaders.putAll(MinioProtection.copySourceKeyHeaders(sourceKey));
        if (!protectionHeaders.isEmpty()) {
            args.extraHeaders(protectionHeaders);
        }
        return args.build();
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
        client.close();
        if (config.httpClient().isEmpty()) {
            HttpClients.shutDown(httpClient);
        }
    }

    private static void closeQuietly(InputStream stream, Throwable failure) {
        try {
            stream.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    /** Names the bucket and endpoint, never the credentials. */
    @Override
    public String toString() {
        return "MinioStorageBackend{" + name() + ", endpoint=" + config.endpoint() + ", region=" + config.region() + '}';
    }
}
