package studio.sselfie.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A customer-provided 256-bit key for SSE-C. The store keeps only the key's MD5, so every request that reads or
 * copies the object must carry the key again ({@link GetOptions#customerKey(SseCustomerKey)},
 * {@link CopyOptions#sourceKey(SseCustomerKey)}).
 *
 * <p>The key is a secret: {@link #toString()} shows only its MD5 (which S3 itself returns in replies), and no
 * exception of the SDK quotes it. Equality compares the MD5, so two instances of one key are equal.
 */
public final class SseCustomerKey {
    /** The key length SSE-C takes: 256 bits. */
    public static final int KEY_BYTES = 32;

    private final byte[] key;
    private final String md5Base64;

    private SseCustomerKey(byte[] key) {
        this.key = key;
        this.md5Base64 = Base64.getEncoder().encodeToString(md5(key));
    }

    /**
     * The key made of {@code key} (copied).
     *
     * @throws IllegalArgumentException if it is not {@value #KEY_BYTES} bytes (the message names the length only)
     */
    public static SseCustomerKey of(byte[] key) {
        Objects.requireNonNull(key, "key is null");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an SSE-C key is " + KEY_BYTES + " bytes (256 bits), not " + key.length);
        }
        return new SseCustomerKey(key.clone());
    }

    /**
     * The key a base64 string encodes.
     *
     * @throws IllegalArgumentException if it is no base64 of {@value #KEY_BYTES} bytes (the message never quotes it)
     */
    public static SseCustomerKey ofBase64(String base64) {
        Objects.requireNonNull(base64, "base64 is null");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            // Not chained: the decoder's message may quote the offending characters of the secret.
            throw new IllegalArgumentException("the SSE-C key is not valid base64");
        }
        return of(decoded);
    }

    /** The key in base64, as S3 takes it in {@code x-amz-server-side-encryption-customer-key}. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** The key's raw bytes (a copy). */
    public byte[] bytes() {
        return key.clone();
    }

    /** The base64 MD5 of the key, as in {@code x-amz-server-side-encryption-customer-key-MD5}. */
    public String md5Base64() {
        return md5Base64;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseCustomerKey && Arrays.equals(((SseCustomerKey) o).key, key);
    }

    @Override
    public int hashCode() {
        return md5Base64.hashCode();
    }

    /** Only the key's MD5, never the key. */
    @Override
    public String toString() {
        return "SSE-C key (MD5 " + md5Base64 + ")";
    }
}
