package studio.sselfie.storage.s3;

import java.util.Map;
import java.util.function.Consumer;

import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageClass;
import studio.sselfie.storage.s3protocol.KmsContext;

/**
 * Storage class and server-side encryption between the SDK's options and the S3 client's requests and responses. The
 * SSE-C key goes only into the request builders (the S3 client sends it as a header and never logs it); nothing here
 * puts it into a message.
 */
final class S3Protection {
    private S3Protection() {
    }

    static void apply(PutOptions options, PutObjectRequest.Builder request) {
        apply(options, new Target(request::storageClass, request::serverSideEncryption, request::ssekmsKeyId,
                request::ssekmsEncryptionContext,
                (algorithm, key, md5) -> request.sseCustomerAlgorithm(algorithm).sseCustomerKey(key).sseCustomerKeyMD5(md5)));
    }

    static void apply(PutOptions options, CreateMultipartUploadRequest.Builder request) {
        apply(options, new Target(request::storageClass, request::serverSideEncryption, request::ssekmsKeyId,
                request::ssekmsEncryptionContext,
                (algorithm, key, md5) -> request.sseCustomerAlgorithm(algorithm).sseCustomerKey(key).sseCustomerKeyMD5(md5)));
    }

    static void apply(PutOptions options, CopyObjectRequest.Builder request) {
        apply(options, new Target(request::storageClass, request::serverSideEncryption, request::ssekmsKeyId,
                request::ssekmsEncryptionContext,
                (algorithm, key, md5) -> request.sseCustomerAlgorithm(algorithm).sseCustomerKey(key).sseCustomerKeyMD5(md5)));
    }

    /** The class and encryption setters of one request builder: the SDK's builders share no interface for them. */
    private record Target(Consumer<String> storageClass, Consumer<String> serverSideEncryption,
            Consumer<String> kmsKeyId, Consumer<String> kmsContext, CustomerKeySetter customerKey) {
    }

    /** Sets algorithm, base64 key and base64 key MD5 of an SSE-C key on one request builder. */
    @FunctionalInterface
    private interface CustomerKeySetter {
        void set(String algorithm, String key, String md5);
    }

    private static void apply(PutOptions options, Target target) {
        options.storageClass().ifPresent(storageClass -> target.storageClass().accept(storageClass.name()));
        options.encryption().ifPresent(encryption -> {
            if (encryption.type() == EncryptionType.SSE_C) {
                SseCustomerKey key = encryption.customerKey().orElseThrow();
                target.customerKey().set(encryption.type().algorithm(), key.base64(), key.md5Base64());
            } else {
                target.serverSideEncryption().accept(encryption.type().algorithm());
                target.kmsKeyId().accept(encryption.kmsKeyId().orElse(null));
                target.kmsContext().accept(context(encryption));
            }
        });
    }

    /** Every part of an SSE-C upload carries the key again: S3 encrypts each part as it arrives. */
    static void applyCustomerKey(PutOptions options, UploadPartRequest.Builder request) {
        SseCustomerKey key = customerKey(options);
        if (key != null) {
            request.sseCustomerAlgorithm(EncryptionType.SSE_C.algorithm()).sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5Base64());
        }
    }

    /** S3 (and S3Proxy) refuse to complete an SSE-C upload whose completion does not carry the key again. */
    static void applyCustomerKey(PutOptions options, CompleteMultipartUploadRequest.Builder request) {
        SseCustomerKey key = customerKey(options);
        if (key != null) {
            request.sseCustomerAlgorithm(EncryptionType.SSE_C.algorithm()).sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5Base64());
        }
    }

    static void applyCopySourceKey(SseCustomerKey key, CopyObjectRequest.Builder request) {
        if (key != null) {
            request.copySourceSSECustomerAlgorithm(EncryptionType.SSE_C.algorithm()).copySourceSSECustomerKey(key.base64())
                    .copySourceSSECustomerKeyMD5(key.md5Base64());
        }
    }

    static void applyCopyKeys(SseCustomerKey sourceKey, PutOptions target, UploadPartCopyRequest.Builder request) {
        if (sourceKey != null) {
            request.copySourceSSECustomerAlgorithm(EncryptionType.SSE_C.algorithm()).copySourceSSECustomerKey(sourceKey.base64())
                    .copySourceSSECustomerKeyMD5(sourceKey.md5Base64());
        }
        SseCustomerKey targetKey = customerKey(target);
        if (targetKey != null) {
            request.sseCustomerAlgorithm(EncryptionType.SSE_C.algorithm()).sseCustomerKey(targetKey.base64())
                    .sseCustomerKeyMD5(targetKey.md5Base64());
        }
    }

    static void applyCustomerKey(SseCustomerKey key, GetObjectRequest.Builder request) {
        if (key != null) {
            request.sseCustomerAlgorithm(EncryptionType.SSE_C.algorithm()).sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5Base64());
        }
    }

    static void applyCustomerKey(SseCustomerKey key, HeadObjectRequest.Builder request) {
        if (key != null) {
            request.sseCustomerAlgorithm(EncryptionType.SSE_C.algorithm()).sseCustomerKey(key.base64()).sseCustomerKeyMD5(key.md5Base64());
        }
    }

    /**
     * What a copy with the COPY directive must send for the target to keep the source's class and encryption: S3 gives
     * a copy target the STANDARD class and the bucket's default encryption unless told otherwise. An SSE-C source
     * keeps its key ({@code sourceKey}); an SSE-KMS source whose head named no key id falls back to the bucket default.
     */
    static PutOptions keptFrom(ObjectInfo source, SseCustomerKey sourceKey) {
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

    static void read(GetObjectResponse response, ObjectInfo.Builder info) {
        read(response.storageClassAsString(), response.serverSideEncryptionAsString(), response.sseCustomerAlgorithm(),
                response.ssekmsKeyId(), info);
    }

    static void read(HeadObjectResponse response, ObjectInfo.Builder info) {
        read(response.storageClassAsString(), response.serverSideEncryptionAsString(), response.sseCustomerAlgorithm(),
                response.ssekmsKeyId(), info);
    }

    /** The class and encryption a reply names; an absent {@code x-amz-storage-class} is STANDARD (S3 omits it so). */
    private static void read(String storageClass, String sse, String customerAlgorithm, String kmsKeyId, ObjectInfo.Builder info) {
        info.storageClass(storageClass == null || storageClass.isBlank() ? StorageClass.STANDARD : StorageClass.of(storageClass));
        if (customerAlgorithm != null) {
            info.encryption(EncryptionType.SSE_C);
        } else if ("aws:kms".equals(sse) || "aws:kms:dsse".equals(sse)) {
            info.encryption(EncryptionType.SSE_KMS).kmsKeyId(kmsKeyId);
        } else if ("AES256".equals(sse)) {
            info.encryption(EncryptionType.SSE_S3);
        }
    }

    private static SseCustomerKey customerKey(PutOptions options) {
        return options == null ? null : options.encryption().flatMap(ServerSideEncryption::customerKey).orElse(null);
    }

    /** S3 takes the KMS context as base64 of a JSON object of strings; none when the context is empty. */
    private static String context(ServerSideEncryption encryption) {
        return encryption.kmsContext().isEmpty() ? null : KmsContext.headerValue(encryption.kmsContext());
    }

    /** For tests: the context header value for {@code context}. */
    static String contextHeader(Map<String, String> context) {
        return context(ServerSideEncryption.sseKms("k", context));
    }
}
