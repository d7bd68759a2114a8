package studio.sselfie.storage.minio;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import io.minio.AbortMultipartUploadArgs;
import io.minio.CompleteMultipartUploadArgs;
import io.minio.CreateMultipartUploadArgs;
import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectAPIArgs;
import io.minio.UploadPartArgs;
import io.minio.messages.Part;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Streams a put body to the store. A body that fits in one part goes up in one PUT; a longer one (or one whose length
 * is unknown and turns out longer) goes up as a multipart upload, driven here rather than by the SDK's
 * {@code putObject} so that parts upload in parallel from a bounded set of buffers: at most
 * {@code maxPartsInFlight} buffers of {@code partSize} bytes, the one being filled included, whatever the size of the
 * object. A multipart upload that fails for any reason (the body, the store, an interrupt) is aborted once its parts in
 * flight have settled, so no parts are left behind. Preconditions go on the single PUT or on the completing request,
 * so nothing becomes visible unless they hold.
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
    private final int maxPartsInFlight;

    MinioUploader(MinioAsyncClient client, String backend, MinioStorageConfig config) {
        this.client = client;
        this.backend = backend;
        this.bucket = config.bucket();
        this.region = config.region();
        this.partSize = config.partSize();
        this.maxPartsInFlight = config.maxPartsInFlight();
    }

    /** What the store answered for a completed upload. */
    static final class Uploaded {
        final String etag;
        final long size;

        Uploaded(String etag, long size) {
            this.etag = etag;
            this.size = size;
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
        // Sized for the body when its length is known; otherwise small at first, grown only as the body needs.
        PartBuffer first = new PartBuffer(length >= 0 ? length : FIRST_BUFFER_BYTES, partSize);
        long firstLength = reader.fill(first);
        if (!reader.hasMore()) {
            return putSingle(key, first, firstLength, options);
        }
        return putMultipart(key, reader, first, options);
    }

    private Uploaded putSingle(String key, PartBuffer bytes, long length, PutOptions options) {
        Http.Headers headers = MinioObjects.metadataHeaders(options);
        headers.putAll(MinioObjects.preconditionHeaders(options));
        PutObjectAPIArgs args = PutObjectAPIArgs.builder().bucket(bucket).region(region).object(key)
                .buffer(bytes)
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(headers)
                .build();
        String etag = MinioObjects.join(client.putObject(args)).etag();
        return new Uploaded(MinioObjects.etag(etag), length);
    }

    private Uploaded putMultipart(String key, Reader reader, PartBuffer first, PutOptions options) {
        Http.Headers createHeaders = MinioObjects.metadataHeaders(options);
        createHeaders.put("Content-Type", options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE));
        String uploadId = MinioObjects.join(client.createMultipartUpload(CreateMultipartUploadArgs.builder()
                .bucket(bucket).region(region).object(key).headers(createHeaders).build())).result().uploadId();
        List<CompletableFuture<Part>> parts = new ArrayList<>();
        try {
            long size = uploadParts(key, reader, uploadId, first, parts);
            Part[] uploaded = new Part[parts.size()];
            for (int i = 0; i < uploaded.length; i++) {
                uploaded[i] = MinioObjects.join(parts.get(i));
            }
            CompleteMultipartUploadArgs complete = CompleteMultipartUploadArgs.builder()
                    .bucket(bucket).region(region).object(key).uploadId(uploadId).parts(uploaded)
                    // The SDK retries a failed completion itself by default: one retry layer only (see the config).
                    .maxRetries(1)
                    .extraHeaders(MinioObjects.preconditionHeaders(options))
                    .build();
            String etag = MinioObjects.join(client.completeMultipartUpload(complete)).etag();
            return new Uploaded(MinioObjects.etag(etag), size);
        } catch (RuntimeException | Error e) {
            abort(key, uploadId, parts, e);
            throw e;
        }
    }

    /** Reads parts into at most {@code maxPartsInFlight} buffers and starts their uploads; returns the size. */
    private long uploadParts(String key, Reader reader, String uploadId, PartBuffer first,
            List<CompletableFuture<Part>> parts) {
        Semaphore buffers = new Semaphore(maxPartsInFlight - 1); // the first part's buffer is already taken
        Queue<PartBuffer> free = new ConcurrentLinkedQueue<>();
        PartBuffer buffer = first;
        long size = 0;
        for (int partNumber = 1; ; partNumber++) {
            if (partNumber > MAX_PARTS) {
                throw tooLong(key);
            }
            failFast(parts);
            PartBuffer data = buffer;
            size += data.length();
            parts.add(client.uploadPart(UploadPartArgs.builder().bucket(bucket).region(region).object(key)
                    .uploadId(uploadId).partNumber(partNumber).buffer(data).build())
                    .thenApply(response -> response.part())
                    .whenComplete((part, failure) -> {
                        free.add(data);
                        buffers.release();
                    }));
            if (!reader.hasMore()) {
                return size;
            }
            try {
                buffers.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException(backend, StorageOperation.PUT, key, "interrupted while uploading", e);
            }
            buffer = free.poll();
            if (buffer == null) {
                buffer = new PartBuffer(partSize, partSize);
            } else {
                buffer.reset();
            }
            reader.fill(buffer);
        }
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
