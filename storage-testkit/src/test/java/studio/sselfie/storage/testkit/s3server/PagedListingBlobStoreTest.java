package studio.sselfie.storage.testkit.s3server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** The paged listing answers what S3Proxy's own file store answers, page for page, over keys whose order is subtle. */
class PagedListingBlobStoreTest {
    private static final String BUCKET = "bucket";
    // A directory sorts as its name and '/': "a-b" and "a.txt" before the keys under "a/", "a0" after them.
    private static final List<String> KEYS = List.of("a-b", "a.txt", "a/x", "a/y/z", "a/y-z", "a0", "ab/c", "b",
            "dir-marker/", "dir-marker/inside", "empty-marker/", "p!q", "p/q", "photos/0001.jpg", "photos/0002.jpg",
            "photos/2024/03/x.jpg", "sp ace", "\u00fc/\u00e9", "x.txt", "x/y.txt");
    private static final List<String> PREFIXES = List.of("", "a", "a/", "a-", "a/y", "dir-marker/", "dir-marker",
            "empty-marker/", "p", "photos/", "photos/2", "nothing/", "\u00fc");

    @TempDir
    Path directory;

    private BlobStore plain;
    private BlobStore paged;

    @BeforeEach
    void fillStore() {
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toString());
        plain = BlobStores.create("filesystem", properties);
        paged = new PagedListingBlobStore(BlobStores.create("filesystem", properties), directory);
        plain.createContainer(CreateBucketRequest.builder().bucket(BUCKET).build());
        for (String key : KEYS) {
            byte[] body = key.endsWith("/") ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
            plain.putBlob(PutObjectRequest.builder().bucket(BUCKET).key(key).contentLength((long) body.length).build(),
                    new ByteArrayInputStream(body));
        }
    }

    @AfterEach
    void closeStores() {
        plain.close();
        paged.close();
    }

    @Test
    void list_everyPrefixAndPageSize_sameObjectsAndTokensAsS3Proxy() {
        for (String prefix : PREFIXES) {
            for (int pageSize : new int[] {1, 2, 3, 1000}) {
                assertThat(pages(paged, prefix, null, pageSize)).as("prefix '%s', pages of %d", prefix, pageSize)
                        .isEqualTo(pages(plain, prefix, null, pageSize)).isNotNull();
            }
        }
    }

    @Test
    void list_startAfterEveryKeyAndBetweenKeys_sameObjectsAsS3Proxy() {
        List<String> markers = new ArrayList<>(KEYS);
        markers.addAll(List.of("a", "a/", "a/y", "a/y/", "dir-marker", "p", "photos/0001", "z", "0"));
        for (String prefix : List.of("", "a", "photos/")) {
            for (String marker : markers) {
                assertThat(pages(paged, prefix, marker, 2)).as("prefix '%s' after '%s'", prefix, marker)
                        .isEqualTo(pages(plain, prefix, marker, 2));
            }
        }
    }

    @Test
    void list_withDelimiter_isS3ProxysOwnAnswer() {
        assertThat(pages(paged, "a/", null, 1000, "/")).isEqualTo(pages(plain, "a/", null, 1000, "/"));
    }

    @Test
    void list_wholeBucket_hasEveryKeyOnceInOrderButNotThePlainDirectories() {
        List<String> keys = new ArrayList<>();
        for (String page : pages(paged, "", null, 1000)) {
            keys.add(page);
        }

        assertThat(String.join("\n", keys)).contains("key=dir-marker/ ", "key=empty-marker/ ").doesNotContain("key=a/ ");
    }

    private static List<String> pages(BlobStore store, String prefix, String startAfter, int pageSize) {
        return pages(store, prefix, startAfter, pageSize, null);
    }

    /** Every page of a listing, each as its objects (key, ETag, size, date, class), prefixes and next token. */
    private static List<String> pages(BlobStore store, String prefix, String startAfter, int pageSize, String delimiter) {
        List<String> pages = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = store.list(ListObjectsV2Request.builder().bucket(BUCKET).prefix(prefix)
                    .startAfter(token == null ? startAfter : null).continuationToken(token).maxKeys(pageSize)
                    .delimiter(delimiter).build());
            StringBuilder text = new StringBuilder();
            page.contents().forEach(object -> text.append("key=").append(object.key()).append(" etag=")
                    .append(object.eTag()).append(" size=").append(object.size()).append(" modified=")
                    .append(object.lastModified()).append(" class=").append(object.storageClassAsString()).append('\n'));
            page.commonPrefixes().forEach(common -> text.append("prefix=").append(common.prefix()).append('\n'));
            text.append("next=").append(page.nextContinuationToken());
            pages.add(text.toString());
            token = page.nextContinuationToken();
        } while (token != null);
        return pages;
    }
}
