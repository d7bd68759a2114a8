package studio.sselfie.storage.s3protocol;

import java.time.Instant;

import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageClass;

/**
 * Storage class and server-side encryption as every S3-protocol backend reads and keeps them, whatever its client:
 * what a reply's headers name, what a write asked for (and so the info of what a put stored), and what a copy must
 * send to keep its source's.
 */
public final class S3Protections {
    private S3Protections() {
    }

    /**
     * Sets on {@code info} the class and encryption a HEAD or GET reply names, from its headers (each may be null):
     * {@code x-amz-storage-class} (absent means STANDARD: S3 omits it so), {@code x-amz-server-side-encryption},
     * {@code x-amz-server-side-encryption-customer-algorithm} and {@code x-amz-server-side-encryption-aws-kms-key-id}.
     */
    public static ObjectInfo.Builder read(String storageClass, String sse, String customerAlgorithm, String kmsKeyId,
            ObjectInfo.Builder info) {
        info.storageClass(storageClass == null || storageClass.isBlank() ? StorageClass.STANDARD : StorageClass.of(storageClass));
        if (customerAlgorithm != null) {
            info.encryption(EncryptionType.SSE_C);
        } else if ("aws:kms".equals(sse) || "aws:kms:dsse".equals(sse)) {
            info.encryption(EncryptionType.SSE_KMS).kmsKeyId(kmsKeyId);
        } else if ("AES256".equals(sse)) {
            info.encryption(EncryptionType.SSE_S3);
        }
        return info;
    }

    /**
     * The info of the object a put stored, built without a HEAD: what the write sent (content type, headers, metadata,
     * class and encryption) with the ETag and the {@code Date} of the store's answer (see
     * {@code ObjectInfo#lastModified} for that date's precision).
     */
    public static ObjectInfo written(String key, long size, String etag, Instant answerDate, PutOptions options) {
        return asked(options, ObjectInfo.builder().key(key).size(size).etag(etag).lastModified(answerDate)
                .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                .headers(options.headers()).metadata(options.metadata())).build();
    }

    /** Sets on {@code info} the class and encryption a write asked for, as the info of what it stored says them. */
    public static ObjectInfo.Builder asked(PutOptions options, ObjectInfo.Builder info) {
        info.storageClass(options.storageClass().orElse(StorageClass.STANDARD)).encryption(null).kmsKeyId(null);
        options.encryption().ifPresent(e -> info.encryption(e.type()).kmsKeyId(e.kmsKeyId().orElse(null)));
        return info;
    }

    /**
     * What a copy with the COPY directive must send for the target to keep the source's class and encryption: S3 gives
     * a copy target the STANDARD class and the bucket's default encryption unless told otherwise. An SSE-C source
     * keeps its key ({@code sourceKey}, may be null); an SSE-KMS source whose head named no key id falls back to the
     * bucket default.
     */
    public static PutOptions keptFrom(ObjectInfo source, SseCustomerKey sourceKey) {
        PutOptions.Builder kept = PutOptions.builder();
        if (!source.storageClass().equals(StorageClass.STANDARD)) {
            kept.storageClass(source.storageClass());
        }
        EncryptionType type = source.encryption().orElse(null);
        if (type == EncryptionType.SSE_C && sourceKey != null) {
            kept.encryption(ServerSideEncryption.sseC(sourceKey));
        } else if (type == EncryptionType.SSE_S3) {
            kept.encryption(ServerSideEncryption.sseS3());
        } else if (type == EncryptionType.SSE_KMS && source.kmsKeyId().isPresent()) {
            kept.encryption(ServerSideEncryption.sseKms(source.kmsKeyId().get()));
        }
        return kept.build();
    }
}
