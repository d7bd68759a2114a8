package studio.sselfie.storage.s3;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Server-side copies. CopyObject takes sources up to 5 GiB; larger ones are copied as a multipart upload of
 * UploadPartCopy ranges. Either way the copy is pinned to the source's ETag (copy-source-if-match), so the target gets
 * exactly the object the caller's head saw, with its content type and metadata.
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
     * @return what was stored, or empty if the source changed since {@code source} was read (nothing was stored)
     */
    Optional<Copied> copy(ObjectInfo source, String targetKey) {
        try {
            return Optional.of(source.size() > maxSingleCopyBytes ? copyInParts(source, targetKey) : copyObject(source, targetKey));
        } catch (PreconditionFailedException sourceChanged) {
            return Optional.empty();
        }
    }

    private Copied copyObject(ObjectInfo source, String targetKey) {
        try {
            CopyObjectResponse response = client.copyObject(request -> request
                    .sourceBucket(bucket).sourceKey(source.key())
                    .destinationBucket(bucket).destinationKey(targetKey)
                    .metadataDirective(MetadataDirective.COPY)
                    .copySourceIfMatch(source.etag()));
            CopyObjectResult result = response.copyObjectResult();
            return new Copied(result.eTag(),
                    result.lastModified() != null ? result.lastModified() : S3Uploads.answerDate(response));
        } catch (RuntimeException e) {
            throw errors.map(StorageOperation.COPY, source.key(), e);
        }
    }

    private Copied copyInParts(ObjectInfo source, String targetKey) {
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(targetKey)
                    .contentType(source.contentType().orElse(null)).metadata(source.metadata())).uploadId();
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
                String etag = client.uploadPartCopy(request -> request
                        .sourceBucket(bucket).sourceKey(source.key())
                        .destinationBucket(bucket).destinationKey(targetKey)
                        .uploadId(uploadId).partNumber(number).copySourceRange(range)
                        .copySourceIfMatch(source.etag())).copyPartResult().eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            CompleteMultipartUploadResponse completed = client.completeMultipartUpload(request -> request
                    .bucket(bucket).key(targetKey).uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
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
