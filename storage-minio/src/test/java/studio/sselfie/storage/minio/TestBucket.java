package studio.sselfie.storage.minio;

import java.util.ArrayList;
import java.util.List;

import io.minio.AbortMultipartUploadArgs;
import io.minio.ListMultipartUploadsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.minio.messages.ListMultipartUploadsResult;
import okhttp3.OkHttpClient;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * A bucket of its own for one test class, on the test endpoint ({@link S3TestEndpoint#get()}: the embedded server,
 * or the external store the environment names). Created with the MinIO client, emptied and deleted on close, with
 * any multipart upload left behind aborted. Backends of the class share one HTTP client, shut down on close.
 */
final class TestBucket implements AutoCloseable {
    private final S3TestEndpoint endpoint;
    private final String name;
    private final OkHttpClient httpClient;
    private final MinioAsyncClient admin;

    private TestBucket(S3TestEndpoint endpoint, String name) {
        this.endpoint = endpoint;
        this.name = name;
        this.httpClient = new OkHttpClient();
        this.admin = MinioAsyncClient.builder().endpoint(endpoint.endpoint().toString()).region(endpoint.region())
                .credentials(endpoint.accessKey(), endpoint.secretKey()).httpClient(httpClient, false).build();
    }

    /** Creates a new bucket named after {@code hint}. */
    static TestBucket create(String hint) {
        TestBucket bucket = new TestBucket(S3TestEndpoint.get(), S3TestEndpoint.newBucketName(hint));
        bucket.admin.makeBucket(MakeBucketArgs.builder().bucket(bucket.name).region(bucket.endpoint.region()).build()).join();
        return bucket;
    }

    String name() {
        return name;
    }

    S3TestEndpoint endpoint() {
        return endpoint;
    }

    OkHttpClient httpClient() {
        return httpClient;
    }

    /** A config for this bucket, sharing this bucket's HTTP client. */
    MinioStorageConfig.Builder config() {
        return MinioStorageConfig.builder()
                .endpoint(endpoint.endpoint())
                .bucket(name)
                .region(endpoint.region())
                .credentials(endpoint.accessKey(), endpoint.secretKey())
                .httpClient(httpClient);
    }

    /** A backend over this bucket with the defaults. */
    MinioStorageBackend backend() {
        return MinioStorageBackend.create(config().build());
    }

    /** The multipart uploads in progress under {@code prefix}. */
    List<ListMultipartUploadsResult.Upload> multipartUploads(String prefix) {
        return admin.listMultipartUploads(ListMultipartUploadsArgs.builder().bucket(name).region(endpoint.region())
                .prefix(prefix).build()).join().result().uploads();
    }

    /**
     * Aborts leftover multipart uploads, empties and deletes the bucket.
     *
     * @throws IllegalStateException if the store refuses
     */
    @Override
    public void close() {
        try {
            for (ListMultipartUploadsResult.Upload upload : multipartUploads("")) {
                admin.abortMultipartUpload(AbortMultipartUploadArgs.builder().bucket(name).region(endpoint.region())
                        .object(upload.objectName()).uploadId(upload.uploadId()).build()).join();
            }
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : admin.listObjects(ListObjectsArgs.builder().bucket(name).region(endpoint.region())
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            for (String key : keys) {
                admin.removeObject(RemoveObjectArgs.builder().bucket(name).region(endpoint.region()).object(key).build()).join();
            }
            admin.removeBucket(RemoveBucketArgs.builder().bucket(name).region(endpoint.region()).build()).join();
        } catch (MinioException e) {
            throw new IllegalStateException("listing bucket " + name + " to empty it failed", e);
        } finally {
            admin.close();
            HttpClients.shutDown(httpClient);
        }
    }
}
