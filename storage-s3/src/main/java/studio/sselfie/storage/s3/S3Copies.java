package studio.sselfie.storage.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Server-side copies. CopyObject takes sources up to 5 GiB; larger ones are copied as a multipart upload of
 * UploadPartCopy ranges. Either way the copy is pinned to the source's ETag (copy-source-if-match), so the target gets
 * exactly the object the caller's head saw, with its content type, HTTP headers and metadata, or with those of a
 * replacement. A multipart upload copies none of them from its source: CreateMultipartUpload is given them.
 */
final class S3Copies {
    /** CopyObject's limit on the source size: 5 GiB. */
    static final long MAX_SINGLE_COPY_BYTES = 5L * 1024 * 1024 * 1024;
    private static final long MAX_COPY_PART_BYTES = 512L * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String backend;
    private final S3Errors errors;
    private final long maxSingleCopyBytes;

    /** What a copy stored: the copy result's ETag and LastModified (a multipart copy's: the Date of its completion). */
    record Copied(String etag, Instant lastModified) {
    }

    S3Copies(S3Client client, String bucket, String backend, S3Errors errors, long maxSingleCopyBytes) {
        this.client = client;
        this.bucket = bucket;
        this.backend = backend;
        this.errors = errors;
        this.maxSingleCopyBytes = maxSingleCopyBytes;
    }

    /**
     * Copies {@code source} to {@code targetKey}.
     *
     * @param replacement the target's content type, headers and metadata, or {@code null} to keep the source's
     * @param protection  the target's storage class and encryption (the replacement's, or what keeps the source's)
     * @param sourceKey   the source's SSE-C key, or {@code null}
     * @return what was stored, or empty if the source changed since {@code source} was read (nothing was stored)
     */
    Optional<Copied> copy(ObjectInfo source, String targetKey, PutOptions replacement, PutOptions protection, SseCustomerKey sourceKey) {
        try {
            return Optional.of(source.size() > maxSingleCopyBytes ? copyInParts(source, targetKey, replacement, protection, sourceKey)
                    : copyObject(source, targetKey, replacement, protection, sourceKey));
        } catch (PreconditionFailedException sourceChanged) {
            return Optional.empty();
        }
    }

    private Copied copyObject(ObjectInfo source, String targetKey, PutOptions replacement, PutOptions protection,
                              SseCustomerKey sourceKey) {
        try {
            CopyObjectResponse response = client.copyObject(request -> {
                request.sourceBucket(bucket).sourceKey(source.key())
                        .destinationBucket(bucket).destinationKey(targetKey)
                        .copySourceIfMatch(source.etag());
                if (replacement == null) {
                    request.metadataDirective(MetadataDirective.COPY);
                } else {
                    request.metadataDirective(MetadataDirective.REPLACE)
                            .contentType(replacement.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                            .metadata(replacement.metadata());
                    S3Headers.apply(replacement.headers(), request);
                }
                S3Protection.apply(protection, request);
                S3Protection.applyCopySourceKey(sourceKey, request);
            });
            CopyObjectResult result = response.copyObjectResult();
            return new Copied(result.eTag(),
                    result.lastModified() != null ? result.lastModified() : S3Uploads.answerDate(response));
        } catch (RuntimeException e) {
            throw errors.map(StorageOperation.COPY, source.key(), e);
        }
    }

    private Copied copyInParts(ObjectInfo source, String targetKey, PutOptions replacement, PutOptions protection,
                               SseCustomerKey sourceKey) {
        // An upload keeps nothing of the parts' source: it is given what a COPY directive would keep (the head's info).
        String contentType = replacement != null ? replacement.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE)
                : source.contentType().orElse(null);
        ObjectHeaders headers = replacement != null ? replacement.headers() : source.headers();
        Map<String, String> metadata = replacement != null ? replacement.metadata() : source.metadata();
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(request -> {
                S3Headers.apply(headers, request.bucket(bucket).key(targetKey).contentType(contentType).metadata(metadata));
                S3Protection.apply(protection, request);
            }).uploadId();
        } catch (RuntimeException e) {
            throw errors.map(StorageOperation.COPY, source.key(), e);
        }
        try {
            long partBytes = Math.max(Math.max(S3StorageConfig.MIN_PART_SIZE, Math.min(MAX_COPY_PART_BYTES, maxSingleCopyBytes)),
                    (source.size() + S3Uploads.MAX_PARTS - 1) / S3Uploads.MAX_PARTS);
            List<CompletedPart> parts = new ArrayList<>();
            for (long first = 0; first < source.size(); first += partBytes) {
                int number = parts.size() + 1;
                String range = "bytes=" + first + "-" + (Math.min(first + partBytes, source.size()) - 1);
                String etag = client.uploadPartCopy(request -> S3Protection.applyCopyKeys(sourceKey, protection, request
                        .sourceBucket(bucket).sourceKey(source.key())
                        .destinationBucket(bucket).destinationKey(targetKey)
                        .uploadId(uploadId).partNumber(number).copySourceRange(range)
                        .copySourceIfMatch(source.etag()))).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            CompleteMultipartUploadResponse completed = client.completeMultipartUpload(request -> S3Protection.applyCustomerKey(
                    protection, request.bucket(bucket).key(targetKey).uploadId(uploadId).multipartUpload(upload -> upload.parts(parts))));
            return new Copied(completed.eTag(), S3Uploads.answerDate(completed));
        } catch (RuntimeException e) {
            StorageException mapped = errors.map(StorageOperation.COPY, source.key(), e);
            try {
                client.abortMultipartUpload(request -> request.bucket(bucket).key(targetKey).uploadId(uploadId));
            } catch (RuntimeException abortFailed) {
                mapped.addSuppressed(abortFailed);
            }
            throw mapped;
        }
    }

    @Override
    public String toString() {
        return "S3Copies{" + backend + '}';
    }
}
