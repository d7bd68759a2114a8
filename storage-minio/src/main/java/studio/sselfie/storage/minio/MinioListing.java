package studio.sselfie.storage.minio;

import java.util.ArrayList;
import java.util.List;

import io.minio.ListObjectsV2Args;
import io.minio.MinioAsyncClient;
import io.minio.messages.Contents;
import io.minio.messages.ListBucketResultV2;
import io.minio.messages.ListObjectsResult;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.s3protocol.ContinuationTokens;

/**
 * One page of a listing per ListObjectsV2 request. The SDK's {@code listObjects} iterable pages on its own; the
 * contract wants exactly one page and a token for the next, so this calls the single-request {@code listObjectsV2}.
 *
 * <p>The store's continuation token is handed out wrapped ({@code minio1.} and base64url), so a token this
 * backend never gave out is refused before any request, whatever the server would make of it.
 */
final class MinioListing {
    private static final ContinuationTokens TOKENS = new ContinuationTokens("minio1.");

    private final MinioAsyncClient client;
    private final String backend;
    private final String bucket;
    private final String region;

    MinioListing(MinioAsyncClient client, String backend, MinioStorageConfig config) {
        this.client = client;
        this.backend = backend;
        this.bucket = config.bucket();
        this.region = config.region();
    }

    ListPage page(ListOptions options) {
        ListObjectsV2Args.Builder args = ListObjectsV2Args.builder().bucket(bucket).region(region)
                .prefix(options.prefix())
                .maxKeys(options.pageSize());
        options.delimiter().ifPresent(args::delimiter);
        options.startAfter().filter(startAfter -> !startAfter.isEmpty()).ifPresent(args::startAfter);
        options.continuationToken().ifPresent(token -> args.continuationToken(TOKENS.decode(backend, token)));
        ListBucketResultV2 result;
        try {
            result = MinioObjects.join(client.listObjectsV2(args.build())).result();
        } catch (RuntimeException e) {
            throw MinioErrors.map(backend, StorageOperation.LIST, null, e);
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (Contents item : result.contents()) {
            if (!MinioObjects.hasEtag(item.etag())) {
                continue; // still being written (see MinioObjects.hasEtag): not listed until it is complete
            }
            objects.add(MinioObjects.fromItem(item));
        }
        List<String> prefixes = new ArrayList<>();
        for (ListObjectsResult.Prefix prefix : result.commonPrefixes()) {
            prefixes.add(prefix.toItem().objectName());
        }
        String next = TOKENS.next(backend, result.isTruncated(), result.nextContinuationToken());
        return new ListPage(objects, prefixes, next);
    }
}
