package studio.sselfie.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the store encrypts an object it is given ({@link PutOptions.Builder#encryption(ServerSideEncryption)}): SSE-S3,
 * SSE-KMS with a key id and an optional encryption context, or SSE-C with a customer key. Immutable; the customer key
 * never appears in {@link #toString()}.
 */
public final class ServerSideEncryption {
    private static final ServerSideEncryption SSE_S3 = new ServerSideEncryption(EncryptionType.SSE_S3, null, Map.of(), null);

    private final EncryptionType type;
    private final String kmsKeyId;
    private final Map<String, String> kmsContext;
    private final SseCustomerKey customerKey;

    private ServerSideEncryption(EncryptionType type, String kmsKeyId, Map<String, String> kmsContext, SseCustomerKey customerKey) {
        this.type = type;
        this.kmsKeyId = kmsKeyId;
        this.kmsContext = kmsContext;
        this.customerKey = customerKey;
    }

    /** SSE-S3: keys managed by the store ({@code AES256}). */
    public static ServerSideEncryption sseS3() {
        return SSE_S3;
    }

    /**
     * SSE-KMS with the key {@code keyId} (an id, ARN or alias) and no encryption context.
     *
     * @throws IllegalArgumentException if {@code keyId} is blank
     */
    public static ServerSideEncryption sseKms(String keyId) {
        return sseKms(keyId, Map.of());
    }

    /**
     * SSE-KMS with the key {@code keyId} and an encryption context (sent as base64 JSON in
     * {@code x-amz-server-side-encryption-context}); an empty context sends none.
     *
     * @throws IllegalArgumentException if {@code keyId} is blank
     */
    public static ServerSideEncryption sseKms(String keyId, Map<String, String> context) {
        Objects.requireNonNull(keyId, "keyId is null");
        Objects.requireNonNull(context, "context is null");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("the KMS key id must not be blank");
        }
        return new ServerSideEncryption(EncryptionType.SSE_KMS, keyId, Map.copyOf(new LinkedHashMap<>(context)), null);
    }

    /** SSE-C with {@code key}; reads and copies of the object need the key again. */
    public static ServerSideEncryption sseC(SseCustomerKey key) {
        return new ServerSideEncryption(EncryptionType.SSE_C, null, Map.of(), Objects.requireNonNull(key, "key is null"));
    }

    /** The kind of encryption. */
    public EncryptionType type() {
        return type;
    }

    /** The KMS key id, for {@link EncryptionType#SSE_KMS}. */
    public Optional<String> kmsKeyId() {
        return Optional.ofNullable(kmsKeyId);
    }

    /** The KMS encryption context (empty unless given). */
    public Map<String, String> kmsContext() {
        return kmsContext;
    }

    /** The customer key, for {@link EncryptionType#SSE_C}. */
    public Optional<SseCustomerKey> customerKey() {
        return Optional.ofNullable(customerKey);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ServerSideEncryption)) {
            return false;
        }
        ServerSideEncryption that = (ServerSideEncryption) o;
        return type == that.type && Objects.equals(kmsKeyId, that.kmsKeyId) && kmsContext.equals(that.kmsContext)
                && Objects.equals(customerKey, that.customerKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, kmsKeyId, kmsContext, customerKey);
    }

    @Override
    public String toString() {
        switch (type) {
            case SSE_KMS:
                return "SSE-KMS{keyId=" + kmsKeyId + (kmsContext.isEmpty() ? "" : ", context=" + kmsContext) + '}';
            case SSE_C:
                return "SSE-C{" + customerKey + '}';
            default:
                return "SSE-S3";
        }
    }
}
