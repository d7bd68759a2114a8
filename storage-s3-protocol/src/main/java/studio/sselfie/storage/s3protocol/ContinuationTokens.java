package studio.sselfie.storage.s3protocol;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Listing continuation tokens as an S3-protocol backend hands them out: the store's ListObjectsV2 token,
 * base64url-encoded behind a prefix of the backend's own. Some S3-compatible stores take any string as a token (as a
 * key to start after); the wrapping lets a backend reject a token it never gave out, before any I/O, whatever the store
 * does. Immutable and thread-safe.
 */
public final class ContinuationTokens {
    private final String prefix;

    /** Tokens that start with {@code prefix} (e.g. {@code "s3."}). */
    public ContinuationTokens(String prefix) {
        this.prefix = requireNonNull(prefix, "prefix is null");
    }

    /**
     * The token of the page after one the store answered: {@code null} when the listing is complete.
     *
     * @param truncated  the answer's {@code IsTruncated}
     * @param storeToken the answer's {@code NextContinuationToken}, possibly null
     * @throws StorageException (not retryable) naming the fault when the store cut the listing short without a token
     *                          to go on with: S3 always gives one, and going on from the last key instead could skip
     *                          or repeat keys on a store this broken
     */
    public String next(String backend, boolean truncated, String storeToken) {
        if (!truncated) {
            return null;
        }
        if (storeToken == null || storeToken.isEmpty()) {
            throw new StorageException(backend, StorageOperation.LIST, null,
                    "the store cut the listing short (IsTruncated) but gave no NextContinuationToken", null);
        }
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(storeToken.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The store's token inside {@code token}.
     *
     * @throws InvalidRequestException if {@code token} is not one {@link #next} made
     */
    public String decode(String backend, String token) {
        if (token.startsWith(prefix) && token.length() > prefix.length()) {
            try {
                return new String(Base64.getUrlDecoder().decode(token.substring(prefix.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                // Falls through to the refusal below.
            }
        }
        throw new InvalidRequestException(backend, StorageOperation.LIST, null,
                "continuation token '" + token + "' was not given out by this backend", null);
    }
}
