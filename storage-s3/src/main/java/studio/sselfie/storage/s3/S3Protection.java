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
import studio.sselfie.storage.s3protocol.KmsContext;
import studio.sselfie.storage.s3protocol.S3Protections;

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

    static void read(GetObjectResponse response, ObjectInfo.Builder info) {
        S3Protections.read(response.storageClassAsString(), response.serverSideEncryptionAsString(),
                response.sseCustomerAlgorithm(), response.ssekmsKeyId(), info);
    }

    static void read(HeadObjectResponse response, ObjectInfo.Builder info) {
        S3Protections.read(response.storageClassAsString(), response.serverSideEncryptionAsString(),
                response.sseCustomerAlgorithm(), response.ssekmsKeyId(), info);
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
