package studio.sselfie.storage.minio;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;

/**
 * The whole conformance suite through the real MinIO client over HTTP, against the embedded S3 server (S3Proxy) or the
 * external store {@code STORAGE_TEST_S3_ENDPOINT} names, in a bucket of this class's own.
 */
class MinioConformanceTest extends StorageBackendConformanceSuite {
    private static final String PATHS = "S3Proxy's transient store keeps keys as paths of a file system: it cannot"
            + " hold a key and another key below it ('a' and 'a/b'); the second put fails with HTTP 500"
            + " (DirectoryNotEmptyException)";

    /** What the embedded server (S3Proxy 4.1, transient store) lacks, by "Category.test"; S3 itself has none of it. */
    private static final Map<String, String> EMBEDDED_SERVER_LIMITATIONS = Map.of(
            "Listing.list_mixedKeys_areInAscendingUtf8ByteOrder", PATHS,
            "Listing.list_prefixEqualToKey_returnsThatKeyAndKeysStartingWithIt", PATHS,
            "Listing.list_separatorsAndDigits_sortByByteValueNotBySegment", PATHS,
            "Listing.list_supplementaryCharacter_sortsAfterEveryBmpCharacter", "S3Proxy lists keys in UTF-16 order"
                    + " (Java String order), not in S3's UTF-8 byte order: a supplementary character sorts before U+E000",
            "KeyRules.list_prefixEndingInPartialDotSegment_isAccepted", "S3Proxy's transient store normalises a"
                    + " listing prefix as a file-system path: prefix 'photos/.' lists everything under 'photos/'",
            "ConditionalWrites.put_racingIfMatchOnSameEtag_exactlyOneWriterWinsPerKey", "S3Proxy checks If-Match and"
                    + " then writes, not atomically: two racing puts with the same current ETag can both succeed",
            "Concurrency.putAndDelete_racingOnOneKey_leaveObjectWholeOrAbsent", "S3Proxy's transient store lets a put race"
                    + " a concurrent delete of the same key: the put fails now and then with HTTP 500"
                    + " (NoSuchFileException on its temporary file)");

    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-conformance");
    }

    @AfterAll
    static void deleteBucket() {
        if (bucket != null) {
            bucket.close();
        }
    }

    @Override
    protected StorageBackend createBackend() {
        return bucket.backend();
    }

    @Override
    protected String knownLimitation(String category, String test) {
        if (bucket.endpoint().isExternal()) {
            return null;
        }
        return EMBEDDED_SERVER_LIMITATIONS.get(category + "." + test);
    }
}
