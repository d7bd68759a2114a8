package studio.sselfie.storage;

/**
 * The limits every backend enforces, chosen so that code tested on the in-memory backend does not fail on S3 later.
 * They are S3's own limits where S3 has one.
 */
public final class StorageLimits {
    /** Longest key, in UTF-8 bytes: 1024 (S3's limit). */
    public static final int MAX_KEY_BYTES = 1024;
    /** Most keys in one {@link StorageBackend#deleteAll(java.util.Collection)} call: 1000 (S3's DeleteObjects). */
    public static final int MAX_BATCH_DELETE_KEYS = 1000;
    /** Largest page of a listing: 1000 (S3's ListObjectsV2 max-keys). */
    public static final int MAX_PAGE_SIZE = 1000;
    /** Largest user metadata: 2048 bytes, the sum of the UTF-8 lengths of all names and values (S3's limit). */
    public static final int MAX_METADATA_BYTES = 2048;
    /** Largest object one put accepts: 5 TiB (S3's limit). */
    public static final long MAX_OBJECT_BYTES = 5L * 1024 * 1024 * 1024 * 1024;

    private StorageLimits() {
    }
}
