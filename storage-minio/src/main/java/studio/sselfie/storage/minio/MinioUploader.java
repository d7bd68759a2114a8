package studio.sselfie.storage.minio;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import java.util.concurrent.Semaphore;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectAPIArgs;
import io.minio.UploadPartArgs;
import io.minio.UploadPartResponse;
import io.minio.messages.Part;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Streams a put body to the store. A body that fits in one part goes up in one PUT; a longer one (or one whose length
 * is unknown and turns out longer) goes up as a multipart upload, driven here rather than by the SDK's
 * {@code putObject} so that parts upload in parallel from a bounded pool of buffers shared by all the backend's puts: at
 * most {@code maxPartsInFlight} buffers of {@code partSize} bytes, the ones being filled included, whatever the size
 * and number of the objects. A multipart upload that fails for any reason (the body, the store, an interrupt) is
 * aborted once its parts in flight have settled, so no parts are left behind. Preconditions go on the single PUT or on
 * the completing request, so nothing becomes visible unless they hold.
 *
 * <p>Each part is held in a {@link PartBuffer}, an array of at most the part size that the SDK streams to the socket.
 */
final class MinioUploader {
    /** S3's most parts per upload. */
    static final int MAX_PARTS = 10_000;
    private static final int COPY_CHUNK_BYTES = 64 * 1024;
    private static final long FIRST_BUFFER_BYTES = 64 * 1024;

    private final MinioAsyncClient client;
    private final String backend;
    private final String bucket;
    private final String region;
    private final long partSize;
    /**
     * The backend's part buffers: at most {@code maxPartsInFlight} exist at once across all its puts, so memory is at
     * most {@code partSize x maxPartsInFlight} whatever the object sizes and the number of concurrent puts, as in the S3
     * backend. A put holds at most one buffer while it reads its body; every other buffer it holds is being uploaded and
     * comes back when that request ends, so a put waiting here never blocks one another put needs: no deadlock. Fair,
     * so a waiting put is not starved.
     */
    private final Semaphore partPermits;
    /**
     * Buffers of ended parts, reused by later ones: a new buffer is made only when none is free, so the backend never
     * has more than {@code maxPartsInFlight} part buffers (reuse also spares the collector arrays of a part's size,
     * which the OkHttp call can hold on to a little after its part is done). Kept while the backend lives.
     */
    private final Queue<PartBuffer> freeParts = new ConcurrentLinkedQueue<>();

    MinioUploader(MinioAsyncClient client, String backend, MinioStorageConfig config) {
        this.client = client;
        this.backend = backend;
        this.bucket = config.bucket();
        this.region = config.region();
        this.partSize = config.partSize();
        this.partPermits = new Semaphore(config.maxPartsInFlight(), true);
    }

    /** What the store answered for a completed upload. */
    static final class Uploaded {
        final String etag;
        final long size;
        /** The {@code Date} of the store's answer: the object's last-modified time, to the second. */
        final Instant lastModified;

        Uploaded(ObjectWriteResponse response, long size) {
            this.etag = MinioObjects.etag(response.etag());
            this.size = size;
            this.lastModified = MinioObjects.answerDate(response);
        }
    }

    /**
     * Uploads {@code body} ({@code length} bytes, or -1 when unknown) to {@code key}. A known length is enforced by
     * the stream the body comes wrapped in; either way the body's end decides between one PUT and a multipart upload.
     *
     * @throws StorageException typed: the body failing is a non-retryable {@link StorageException} whose cause is the
     *                          body's {@link IOException}; a store failure is mapped by {@link MinioErrors}
     * @throws java.util.concurrent.CompletionException wrapping what the SDK threw; the caller maps it
     */
    Uploaded upload(String key, InputStream body, long length, PutOptions options) {
        if (length > partSize * MAX_PARTS) {
            throw tooLong(key);
        }
        Reader reader = new Reader(key, body);
        // A body of known length up to one part is buffered at its own size, outside the pool (as the S3 backend
        // streams it unbuffered); anything that may need a whole part takes one of the pool's first.
        boolean pooled = length < 0 || length > partSize;
        if (pooled) {
            acquirePart(key);
        }
        boolean handedOver = false;
        try {
            // Sized for the body when its length is known; otherwise small at first, grown only as the body needs.
            PartBuffer first = pooled ? pooledBuffer(length >= 0 ? partSize : FIRST_BUFFER_BYTES)
                    : new PartBuffer(length, partSize);
            long firstLength = reader.fill(first);
            if (!reader.hasMore()) {
                try {
                    return putSingle(key, first, firstLength, options);
                } finally {
                    if (pooled) {
                        freeParts.add(first);
                    }
                }
            }
            handedOver = true; // from here on, the multipart upload gives the first part's permit back
            return putMultipart(key, reader, first, options);
        } finally {
            if (pooled && !handedOver) {
                partPermits.release();
            }
        }
    }

    /** A free buffer of the pool, emptied, or a new one of {@code capacity} bytes; the caller holds a permit. */
    private PartBuffer pooledBuffer(long capacity) {
        PartBuffer buffer = freeParts.poll();
        if (buffer == null) {
            return new PartBuffer(capacity, partSize);
        }
        buffer.reset();
        return buffer;
    }

    private void acquirePart(String key) {
        try {
            partPermits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(backend, StorageOperation.PUT, key, "interrupted while waiting for an upload buffer", e);
        }
    }

    private Uploaded putSingle(String key, PartBuffer bytes, long length, PutOptions options) {
        Http.Headers headers = MinioObjects.metadataHeaders(options);
        MinioObjects.putObjectHeaders(options.headers(), headers::put);
        headers.putAll(MinioObjects.preconditionHeaders(options));
        headers.putAll(MinioProtection.writeHeaders(options));
        PutObjectAPIArgs args = PutObjectAPIArgs.builder().bucket(bucket).region(region).object(key)
                .buffer(bytes)
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(headers)
                .build();
        return new Uploaded(MinioObjects.join(client.putObject(args)), length);
    }

    private Uploaded putMultipart(String key, Reader reader, PartBuffer first, PutOptions options) {
        Http.Headers createHeaders = MinioObjects.metadataHeaders(options);
        createHeaders.put("Content-Type", options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE));
        MinioObjects.putObjectHeaders(options.headers(), createHeaders::put);
        createHeaders.putAll(MinioProtection.writeHeaders(options));
        String uploadId;
        try {
            uploadId = MinioObjects.join(client.createMultipartUpload(CreateMultipartUploadArgs.builder()
                    .bucket(bucket).region(region).object(key).headers(createHeaders).build())).result().uploadId();
        } catch (RuntimeException | Error e) {
            freeParts.add(first); // the first part's buffer, and its permit
            partPermits.release();
            throw e;
        }
        List<CompletableFuture<Part>> parts = new ArrayList<>();
        try {
            long size = uploadParts(key, reader, uploadId, first, parts, MinioProtection.customerKeyHeaders(options));
            Part[] uploaded = new Part[parts.size()];
            for (int i = 0; i < uploaded.length; i++) {
                uploaded[i] = MinioObjects.join(parts.get(i));
            }
            CompleteMultipartUploadArgs complete = CompleteMultipartUploadArgs.builder()
                    .bucket(bucket).region(region).object(key).uploadId(uploadId).parts(uploaded)
                    // The SDK retries a failed completion itself by default: one retry layer only (see the config).
                    .maxRetries(1)
                    .extraHeaders(completionHeaders(options))
                    .build();
            return new Uploaded(MinioObjects.join(client.completeMultipartUpload(complete)), size);
        } catch (RuntimeException | Error e) {
            abort(key, uploadId, parts, e);
            throw e;
        }
    }

    /**
     * Reads parts into buffers of the backend's pool and starts their uploads; returns the size. {@code first} holds a
     * permit of the pool; each part's permit goes back when its upload ends (or fails to start).
     */
    private long uploadParts(String key, Reader reader, String uploadId, PartBuffer first,
            List<CompletableFuture<Part>> uploads, Map<String, String> partHeaders) {
        PartBuffer buffer = first;
        long size = 0;
        for (int partNumber = 1; ; partNumber++) {
            try {
                if (partNumber > MAX_PARTS) {
                    throw tooLong(key);
                }
                failFast(uploads);
            } catch (RuntimeException e) {
                freeParts.add(buffer); // the buffer not sent, and its permit
                partPermits.release();
                throw e;
            }
            size += buffer.length();
            uploads.add(uploadPart(key, uploadId, partNumber, buffer, partHeaders));
            if (!reader.hasMore()) {
                return size;
            }
            acquirePart(key);
            buffer = pooledBuffer(partSize);
            try {
                reader.fill(buffer);
            } catch (RuntimeException | Error e) {
                freeParts.add(buffer);
                partPermits.release();
                throw e;
            }
        }
    }

    private CompletableFuture<Part> uploadPart(String key, String uploadId, int partNumber, PartBuffer data,
                                            Map<String, String> partHeaders) {
        CompletableFuture<UploadPartResponse> upload;
        try {
            upload = client.uploadPart(UploadPartArgs.builder().bucket(bucket).region(region).object(key)
                    .uploadId(uploadId).partNumber(partNumber).buffer(data).extraHeaders(partHeaders).build());
        } catch (RuntimeException | Error e) {
            freeParts.add(data);
            partPermits.release();
            throw e;
        }
        return upload.thenApply(UploadPartResponse::part).whenComplete((part, failure) -> {
            freeParts.add(data);
            partPermits.release();
        });
    }

    // An SSE-C upload is completed only by a request that carries the key again (S3 and S3Proxy refuse it otherwise).
    private static Map<String, String> completionHeaders(PutOptions options) {
        Map<String, String> headers = new LinkedHashMap<>(MinioObjects.preconditionHeaders(options));
        headers.putAll(MinioProtection.customerKeyHeaders(options));
        return headers;
    }

    private InvalidRequestException tooLong(String key) {
        return new InvalidRequestException(backend, StorageOperation.PUT, key, "the body is longer than " + MAX_PARTS
                + " parts of partSize " + partSize + " bytes, the most one upload can have; raise partSize", null);
    }

    /** Rethrows the failure of a part that already failed, so a broken upload stops reading the body. */
    private static void failFast(List<CompletableFuture<Part>> parts) {
        for (CompletableFuture<Part> part : parts) {
            if (part.isCompletedExceptionally()) {
                MinioObjects.join(part);
            }
        }
    }

    private void abort(String key, String uploadId, List<CompletableFuture<Part>> parts, Throwable failure) {
        // Parts still uploading would outlive an abort on some stores: let them settle first.
        try {
            CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).handle((ignored, e) -> null).join();
            MinioObjects.join(client.abortMultipartUpload(AbortMultipartUploadArgs.builder()
                    .bucket(bucket).region(region).object(key).uploadId(uploadId).build()));
        } catch (RuntimeException e) {
            failure.addSuppressed(MinioErrors.map(backend, StorageOperation.PUT, key, e));
        }
    }

    /**
     * Reads the body into part buffers through one small array, and peeks one byte ahead to tell whether more follows,
     * so a body of unknown length never needs a second buffer to find its end.
     */
    private final class Reader {
        private final String key;
        private final PushbackInputStream in;
        private final byte[] chunk = new byte[COPY_CHUNK_BYTES];

        Reader(String key, InputStream body) {
            this.key = key;
            this.in = new PushbackInputStream(body, 1);
        }

        /** Fills {@code buffer} up to the part size or the end of the body; returns how many bytes it holds. */
        long fill(PartBuffer buffer) {
            while (buffer.length() < partSize) {
                int read = read((int) Math.min(chunk.length, partSize - buffer.length()));
                if (read < 0) {
                    break;
                }
                buffer.append(chunk, read);
            }
            return buffer.length();
        }

        boolean hasMore() {
            try {
                int next = in.read();
                if (next < 0) {
                    return false;
                }
                in.unread(next);
                return true;
            } catch (IOException e) {
                throw bodyFailed(e);
            }
        }

        private int read(int length) {
            try {
                return in.read(chunk, 0, length);
            } catch (IOException e) {
                throw bodyFailed(e);
            }
        }

        private StorageException bodyFailed(IOException e) {
            // The caller's stream failed, not the store: repeating the call cannot replay the body, so not retryable.
            return new StorageException(backend, StorageOperation.PUT, key, "reading the body failed: " + e.getMessage(), e);
        }
    }
}
