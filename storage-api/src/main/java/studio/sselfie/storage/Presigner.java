package studio.sselfie.storage;

import java.time.Duration;

/**
 * Signs requests that a client (a phone, a browser) sends to the store directly, so that an app hands out a
 * short-lived, constrained permission instead of streaming the bytes through its own servers. Reached through
 * {@link StorageBackend#presigner()} on a backend with {@link Capability#PRESIGNED_URLS}. Signing sends no request to
 * the store; thread-safe.
 *
 * <p>Every constraint of an {@link UploadPolicy} is enforced by the store's signature check, never by trust in the
 * client: a constraint the chosen {@link UploadMethod} cannot make the store enforce is refused with
 * {@link InvalidRequestException} before anything is signed (the table is on {@link UploadMethod}). After an upload
 * lands, an app still checks what arrived (a head, the first bytes): the store enforces the declared type and size,
 * not that the bytes are the image they claim to be.
 *
 * <p>A signed request carries the access key id and a signature, by design, and never the secret key. It is a bearer
 * credential until it expires: hand it to its client only, and do not log it ({@link PresignedRequest#toString()}
 * hides the signature).
 */
public interface Presigner {
    /** The longest validity SigV4 allows a signed request: 7 days. */
    Duration MAX_EXPIRY = Duration.ofDays(7);
    /** The validity of a signed request when none is given: 15 minutes. */
    Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    /**
     * A signed GET of the object at {@code key}, valid for {@code options.expiry()}, with the response overrides of
     * {@code options}. The object need not exist when signing.
     *
     * @throws InvalidKeyException     if the key is no key a store can hold ({@link KeyPolicy#STORE})
     * @throws IllegalStateException   if the backend is closed
     */
    PresignedRequest download(String key, DownloadOptions options);

    /** A signed GET of {@code key} valid for {@code expiry}; see {@link #download(String, DownloadOptions)}. */
    default PresignedRequest download(String key, Duration expiry) {
        return download(key, DownloadOptions.builder().expiry(expiry).build());
    }

    /**
     * A signed upload by {@code method} whose every constraint the store enforces.
     *
     * @throws InvalidRequestException if {@code method} cannot make the store enforce a constraint of the policy (the
     *                                 message names it and the method that can; see {@link UploadMethod})
     * @throws InvalidKeyException     if the policy's key or key prefix breaks the backend's write rules
     * @throws IllegalStateException   if the backend is closed
     */
    PresignedRequest upload(UploadMethod method, UploadPolicy policy);
}
