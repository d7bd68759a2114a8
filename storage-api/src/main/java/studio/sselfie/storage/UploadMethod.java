package studio.sselfie.storage;

import java.util.Objects;
import java.util.Optional;

/**
 * How a client sends a presigned upload, and so what the store can enforce of an {@link UploadPolicy}. A PUT signs
 * its URL and a set of headers: the store refuses any request whose key or signed headers differ. A POST (an HTML
 * form, {@code multipart/form-data}) carries a signed policy of conditions that the store checks against the form's
 * fields and the file's length.
 *
 * <table>
 *   <caption>Which constraint each method makes the store enforce</caption>
 *   <tr><th>constraint</th><th>PUT</th><th>POST</th></tr>
 *   <tr><td>exact key</td><td>yes: the key is in the signed URL</td><td>yes: {@code ["eq", "$key", ...]}</td></tr>
 *   <tr><td>key prefix</td><td>refused: a URL names one key</td><td>yes: {@code ["starts-with", "$key", ...]}</td></tr>
 *   <tr><td>exact content type</td><td>yes: signed {@code Content-Type}</td><td>yes: {@code ["eq", "$Content-Type", ...]}</td></tr>
 *   <tr><td>content type prefix ({@code image/})</td><td>refused: a header is signed whole</td><td>yes: {@code ["starts-with", "$Content-Type", ...]}</td></tr>
 *   <tr><td>exact size</td><td>yes: signed {@code Content-Length}</td><td>yes: {@code content-length-range} n..n</td></tr>
 *   <tr><td>size range (min..max)</td><td>refused: one length is signed</td><td>yes: {@code content-length-range}</td></tr>
 *   <tr><td>no overwrite</td><td>yes: signed {@code If-None-Match: *}</td><td>refused: S3's POST has no conditional write</td></tr>
 *   <tr><td>fixed metadata and headers</td><td>yes: signed {@code x-amz-meta-*}, {@code Cache-Control}, ...</td><td>yes: an {@code eq} condition each; {@code Content-Language} refused (no such POST field)</td></tr>
 *   <tr><td>expiry (at most 7 days)</td><td>yes: {@code X-Amz-Expires}</td><td>yes: the policy's {@code expiration}</td></tr>
 * </table>
 *
 * <p>Without a size constraint either method takes up to 5 GiB, S3's limit for one request. Where a POST must also
 * not overwrite, give each upload a fresh key (a UUID) and check after the upload that it is new to the app.
 */
public enum UploadMethod {
    /** One {@code PUT} of the body to a signed URL, with the signed headers. */
    PUT,
    /** One {@code POST} of an HTML form: the signed fields, then the file as the last part. */
    POST;

    /**
     * The first constraint of {@code policy} this method cannot make the store enforce, as a sentence naming it and
     * what to do instead; empty if the store enforces every one.
     */
    public Optional<String> unenforceable(UploadPolicy policy) {
        Objects.requireNonNull(policy, "policy is null");
        if (this == PUT) {
            if (policy.keyPrefix().isPresent()) {
                return Optional.of("a PUT cannot enforce a key prefix (its URL names one key): use POST or an exact key");
            }
            if (policy.contentTypePrefix().isPresent()) {
                return Optional.of("a PUT cannot enforce a content type prefix (it signs one exact Content-Type): use "
                        + "POST or an exact content type");
            }
            if (policy.size().filter(range -> range.min() != range.max()).isPresent()) {
                return Optional.of("a PUT cannot enforce a size range (it signs one exact Content-Length): use POST or "
                        + "an exact size");
            }
        } else if (policy.noOverwrite()) {
            return Optional.of("a POST cannot forbid overwriting an existing object (S3's POST has no conditional "
                    + "write): use PUT, or a fresh key per upload without noOverwrite");
        } else if (policy.headers().contentLanguage().isPresent()) {
            return Optional.of("a POST cannot set Content-Language (S3's POST takes Cache-Control, Content-Disposition, "
                    + "Content-Encoding and Expires only): use PUT");
        }
        return Optional.empty();
    }
}
