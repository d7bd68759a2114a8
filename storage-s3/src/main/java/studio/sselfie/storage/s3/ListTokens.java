package studio.sselfie.storage.s3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.StorageOperation;

/**
 * Continuation tokens as this backend hands them out: S3's token, base64url-encoded behind a prefix. Some
 * S3-compatible stores take any string as a token (as a key to start after); the wrapping lets the backend reject a
 * token it never gave out, before any I/O, whatever the store does.
 */
final class ListTokens {
    private static final String PREFIX = "s3.";

    private ListTokens() {
    }

    static String encode(String storeToken) {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(storeToken.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidRequestException if {@code token} is not one {@link #encode(String)} made */
    static String decode(String backend, String token) {
        if (token.startsWith(PREFIX) && token.length() > PREFIX.length()) {
            try {
                return new String(Base64.getUrlDecoder().decode(token.substring(PREFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                // fall through to the rejection below
            }
        }
        throw new InvalidRequestException(backend, StorageOperation.LIST, null,
                "continuation token '" + token + "' was not given out by this backend", null);
    }
}
