package studio.sselfie.storage.minio;

import java.util.LinkedHashMap;
import java.util.Map;

import okhttp3.Headers;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.s3protocol.KmsContext;
import studio.sselfie.storage.s3protocol.S3Protections;

/**
 * Storage class and server-side encryption as the S3 headers the MinIO client sends. They go as plain headers rather
 * than through the client's {@code sse(...)} arguments, which refuse SSE-KMS and SSE-C on a plain-HTTP endpoint: the
 * S3 backend's client does not, and both backends must behave alike (a real S3 endpoint is HTTPS and refuses SSE-C
 * over HTTP itself). The SSE-C key goes only into these request headers, never into a message.
 */
final class MinioProtection {
    static final String STORAGE_CLASS = "x-amz-storage-class";
    static final String SSE = "x-amz-server-side-encryption";
    static final String KMS_KEY_ID = "x-amz-server-side-encryption-aws-kms-key-id";
    static final String KMS_CONTEXT = "x-amz-server-side-encryption-context";
    static final String CUSTOMER_ALGORITHM = "x-amz-server-side-encryption-customer-algorithm";
    static final String CUSTOMER_KEY = "x-amz-server-side-encryption-customer-key";
    static final String CUSTOMER_KEY_MD5 = "x-amz-server-side-encryption-customer-key-MD5";
    private static final String COPY_SOURCE = "x-amz-copy-source-";

    private MinioProtection() {
    }

    /** The class and encryption headers of a put, a CreateMultipartUpload or a copy target. */
    static Map<String, String> writeHeaders(PutOptions options) {
        Map<String, String> headers = new LinkedHashMap<>();
        options.storageClass().ifPresent(c -> headers.put(STORAGE_CLASS, c.name()));
        options.encryption().ifPresent(e -> {
            if (e.type() == EncryptionType.SSE_C) {
                headers.putAll(customerKeyHeaders(e.customerKey().orElseThrow()));
            } else {
                headers.put(SSE, e.type().algorithm());
                e.kmsKeyId().ifPresent(id -> headers.put(KMS_KEY_ID, id));
                if (!e.kmsContext().isEmpty()) {
                    headers.put(KMS_CONTEXT, context(e.kmsContext()));
                }
            }
        });
        return headers;
    }

    /** The SSE-C headers of a part, a completion, a get or a head; none without a key. */
    static Map<String, String> customerKeyHeaders(SseCustomerKey key) {
        if (key == null) {
            return Map.of();
        }
        return Map.of(CUSTOMER_ALGORITHM, EncryptionType.SSE_C.algorithm(), CUSTOMER_KEY, key.base64(),
                CUSTOMER_KEY_MD5, key.md5Base64());
    }

    /** The SSE-C headers of a write's parts and completion: each carries the key again. */
    static Map<String, String> customerKeyHeaders(PutOptions options) {
        return customerKeyHeaders(options == null ? null
                : options.encryption().flatMap(ServerSideEncryption::customerKey).orElse(null));
    }

    /** The SSE-C headers that open a copy's source. */
    static Map<String, String> copySourceKeyHeaders(SseCustomerKey key) {
        Map<String, String> headers = new LinkedHashMap<>();
        customerKeyHeaders(key).forEach((name, value) -> headers.put(COPY_SOURCE + name.substring("x-amz-".length()), value));
        return headers;
    }

    /** The class and encryption a HEAD or GET reply names (see {@link S3Protections#read}). */
    static ObjectInfo.Builder read(Headers headers, ObjectInfo.Builder info) {
        return S3Protections.read(headers.get(STORAGE_CLASS), headers.get(SSE), headers.get(CUSTOMER_ALGORITHM),
                headers.get(KMS_KEY_ID), info);
    }

    /** S3 takes the KMS context as base64 of a JSON object of strings. */
    static String context(Map<String, String> context) {
        return KmsContext.headerValue(context);
    }
}
