package studio.sselfie.storage;

/**
 * Which keys a backend accepts for a new write (put, copy target). Whatever the policy, every operation that names an
 * existing object (get, head, delete, the source of a copy) accepts the {@link #STORE} keys, and deleteAll and a
 * listing prefix every key a listing can return: real buckets hold keys nobody here wrote.
 */
public enum KeyPolicy {
    /**
     * The default: keys that are valid on every backend, a filesystem included (see {@link Keys}): no leading or
     * trailing {@code /}, no empty, {@code .} or {@code ..} segment, segments of at most
     * {@value Keys#MAX_SEGMENT_BYTES} UTF-8 bytes, no control character. An app tested in memory under this policy
     * does not fail on S3 or on disk for a key reason.
     */
    PORTABLE,
    /**
     * Any key an S3-protocol store holds and serves one by one: 1 to {@value StorageLimits#MAX_KEY_BYTES} UTF-8 bytes
     * of well-formed Unicode without a {@code .} or {@code ..} segment, anything else allowed (console "folder"
     * markers {@code photos/}, {@code a//b}, a leading {@code /}, long segments, control characters). For apps that
     * must write keys such as those (a migration keeping a bucket's folder markers); such keys may not be valid on a
     * filesystem backend.
     *
     * <p>Why not dot segments: a single-object request names its key in the URL path, and HTTP servers and clients
     * resolve {@code .} and {@code ..} there, so a request for {@code a/../b} can reach {@code b} (the embedded S3
     * server deletes {@code b}; S3 refuses the request with 400). Objects a bucket holds under such keys are still
     * listed, and deleted by {@link StorageBackend#deleteAll}, which names keys in its request body.
     */
    STORE
}
