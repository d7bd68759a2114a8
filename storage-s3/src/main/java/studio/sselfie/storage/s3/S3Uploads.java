package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Response;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.s3protocol.HttpDates;

/**
 * The put path: a body of known length up to one part is streamed in one PutObject; anything longer, or of unknown
 * length, is read part by part into the backend's {@link PartPool} and sent as a multipart upload whose parts go up in
 * parallel. A multipart upload that fails or is interrupted is aborted after its in-flight parts have ended, so no
 * part is left behind on the store.
 */
final class S3Uploads {
    /** S3 allows at most this many parts in one upload. */
    static final int MAX_PARTS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(S3Uploads.class);

    private final S3Client client;
    private final String bucket;
    private final String backend;
    private final S3Errors errors;
    private final long partSize;
    private final PartPool pool;
    private final ExecutorService executor;

    S3Uploads(S3Client client, String bucket, String backend, S3Errors errors, long partSize, PartPool pool,
            ExecutorService executor) {
        this.client = client;
        this.bucket = bucket;
        this.backend = backend;
        this.errors = errors;
        this.partSize = partSize;
        this.pool = pool;
        this.executor = executor;
    }

    /** What a put stored: the ETag S3 gave the object, its size, and the {@code Date} of the store's answer. */
    record Stored(String etag, long size, Instant lastModified) {
    }

    private static Stored stored(S3Response response, String etag, long size) {
        return new Stored(etag, size, answerDate(response));
    }

    /** The {@code Date} of the store's answer (the local clock where it has none): a write's last-modified time. */
    static Instant answerDate(S3Response response) {
        return HttpDates.parseOrNow(response.sdkHttpResponse().firstMatchingHeader("Date").orElse(null),
                Clock.systemUTC());
    }

    /** Stores the body. */
    Stored put(String key, InputStream body, long length, PutOptions options) {
        if (length >= 0 && length <= partSize) {
            RequestBody streamed = RequestBody.fromContentProvider(new ReplayableBody(body), length, PutOptions.DEFAULT_CONTENT_TYPE);
            PutObjectResponse response = putObject(key, streamed, options);
            return stored(response, response.eTag(), length);
        }
        // Above 10,000 parts of the configured size a known length needs larger parts (more memory, said in the config).
        long capacity = length < 0 ? partSize : Math.max(partSize, ceilDiv(length, MAX_PARTS));
        PushbackInputStream in = new PushbackInputStream(body, 1);
        PartBuffer first = acquire(key, capacity);
        boolean ended;
        try {
            ended = first.fill(in);
        } catch (IOException | RuntimeException e) {
            pool.release();
            throw errors.map(StorageOperation.PUT, key, e);
        }
        if (ended) {
            try {
                PutObjectResponse response = putObject(key, first.requestBody(), options);
                return stored(response, response.eTag(), first.size());
            } finally {
                pool.release();
            }
        }
        return new MultipartUpload(key, options).run(first, in, capacity);
    }

    private PutObjectResponse putObject(String key, RequestBody body, PutOptions options) {
        PutObjectRequest.Builder request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .metadata(options.metadata());
        S3Headers.apply(options.headers(), request);
        S3Protection.apply(options, request);
        if (options.ifNoneMatchAny()) {
            request.ifNoneMatch("*");
        }
        options.ifMatch().ifPresent(request::ifMatch);
        try {
            return client.putObject(request.build(), body);
        } catch (RuntimeException e) {
            throw mapPutFailure(key, options, e);
        }
    }

    // S3 answers If-Match on a missing key with 404 NoSuchKey; the contract calls that a failed precondition.
    private StorageException mapPutFailure(String key, PutOptions options, Throwable e) {
        StorageException mapped = errors.map(StorageOperation.PUT, key, e);
        if (mapped instanceof ObjectNotFoundException && options.ifMatch().isPresent()) {
            return new PreconditionFailedException(backend, StorageOperation.PUT, key,
                    "ifMatch " + options.ifMatch().get() + " given but no object exists", e);
        }
        return mapped;
    }

    private PartBuffer acquire(String key, long capacity) {
        try {
            return pool.acquire(capacity);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(backend, StorageOperation.PUT, key, "interrupted while waiting for an upload buffer", e);
        }
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** One multipart upload: created, fed part by part, completed, or aborted on any failure. */
    private final class MultipartUpload {
        private final String key;
        private final PutOptions options;
        private final List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
        private volatile boolean aborting;
        private String uploadId;
        private long size;

        MultipartUpload(String key, PutOptions options) {
            this.key = key;
            this.options = options;
        }

        Stored run(PartBuffer first, PushbackInputStream in, long partCapacity) {
            try {
                uploadId = client.createMultipartUpload(request -> {
                    S3Headers.apply(options.headers(), request.bucket(bucket).key(key)
                            .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                            .metadata(options.metadata()));
                    S3Protection.apply(options, request);
                }).uploadId();
            } catch (RuntimeException e) {
                pool.release();
                throw errors.map(StorageOperation.PUT, key, e);
            }
            try {
                submit(first);
                boolean ended = false;
                while (!ended) {
                    failFast();
                    if (parts.size() == MAX_PARTS) {
                        throw new InvalidRequestException(backend, StorageOperation.PUT, key, "the body needs more than "
                                + MAX_PARTS + " parts of " + partCapacity + " bytes; raise partSize", null);
                    }
                    PartBuffer part = acquire(key, partCapacity);
                    try {
                        ended = part.fill(in);
                    } catch (IOException | RuntimeException e) {
                        pool.release();
                        throw e;
                    }
                    submit(part);
                }
                CompleteMultipartUploadResponse response = complete();
                return stored(response, response.eTag(), size);
            } catch (Throwable e) {
                abort(e);
                if (e instanceof Error) {
                    throw (Error) e;
                }
                throw mapPutFailure(key, options, e instanceof CompletionException ? e.getCause() : e);
            }
        }

        // The part was taken from the pool; the task gives it back when its request ends, whatever the outcome.
        private void submit(PartBuffer part) {
            int number = parts.size() + 1;
            size += part.size();
            try {
                parts.add(CompletableFuture.supplyAsync(() -> uploadPart(number, part), executor));
            } catch (RuntimeException e) {
                pool.release();
                throw e;
            }
        }

        private CompletedPart uploadPart(int number, PartBuffer part) {
            try {
                if (aborting) {
                    throw new IllegalStateException("upload aborted before part " + number + " was sent");
                }
                String etag = client.uploadPart(request -> S3Protection.applyCustomerKey(options, request.bucket(bucket).key(key)
                        .uploadId(uploadId).partNumber(number).contentLength(part.size())), part.requestBody()).eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                pool.release();
            }
        }

        // A failed part stops the reading of the body at the next part boundary rather than at its end.
        private void failFast() {
            for (CompletableFuture<CompletedPart> part : parts) {
                if (part.isCompletedExceptionally()) {
                    part.join();
                }
            }
        }

        private CompleteMultipartUploadResponse complete() {
            List<CompletedPart> completed = new ArrayList<>(parts.size());
            for (CompletableFuture<CompletedPart> part : parts) {
                completed.add(part.join());
            }
            CompleteMultipartUploadRequest.Builder request = CompleteMultipartUploadRequest.builder()
                    .bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(completed));
            if (options.ifNoneMatchAny()) {
                request.ifNoneMatch("*");
            }
            options.ifMatch().ifPresent(request::ifMatch);
            S3Protection.applyCustomerKey(options, request);
            return client.completeMultipartUpload(request.build());
        }

        // Parts still in flight could land after an abort and linger, so wait for every part task to end first.
        private void abort(Throwable cause) {
            aborting = true;
            boolean interrupted = Thread.interrupted();
            for (CompletableFuture<CompletedPart> part : parts) {
                try {
                    part.join();
                } catch (RuntimeException ignored) {
                    // The first failure is reported; the others are its consequences.
                }
            }
            try {
                client.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException e) {
                cause.addSuppressed(e);
                LOG.warn("[{}] aborting the multipart upload of '{}' failed; its parts may remain until a lifecycle rule "
                        + "removes them", backend, key, e);
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
