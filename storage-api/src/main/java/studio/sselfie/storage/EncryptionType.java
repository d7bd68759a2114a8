package studio.sselfie.storage;

/** Which server-side encryption protects an object (S3's {@code x-amz-server-side-encryption}). */
public enum EncryptionType {
    /** Keys managed by the store: {@code AES256}. */
    SSE_S3("AES256"),
    /** Keys in a key management service: {@code aws:kms}, with a key id. */
    SSE_KMS("aws:kms"),
    /** A key the customer holds and sends with every request that touches the object's bytes. */
    SSE_C("AES256");

    private final String algorithm;

    EncryptionType(String algorithm) {
        this.algorithm = algorithm;
    }

    /** The S3 algorithm name sent for this type. */
    public String algorithm() {
        return algorithm;
    }
}
