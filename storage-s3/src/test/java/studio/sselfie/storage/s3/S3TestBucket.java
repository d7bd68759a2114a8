package studio.sselfie.storage.s3;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * A bucket of its own for a test class (or test), on the shared embedded server or the external endpoint of
 * {@link S3TestEndpoint}: created on {@link #create(String)}, emptied and deleted on {@link #close()}. The admin
 * client, one for the JVM, sees what the backend under test cannot (multipart uploads in progress).
 */
final class S3TestBucket implements AutoCloseable {
    private static S3Client sharedAdmin;

    private final S3TestEndpoint endpoint;
    private final S3StorageConfig config;
    private final S3Client admin;

    private S3TestBucket(S3TestEndpoint endpoint, S3StorageConfig config) {
        this.endpoint = endpoint;
        this.config = config;
        this.admin = admin(config);
    }

    // The client does not depend on the bucket; it lives as long as the JVM, like the shared server.
    private static synchronized S3Client admin(S3StorageConfig config) {
        if (sharedAdmin == null) {
            sharedAdmin = S3Clients.create(config, overrides -> { });
        }
        return sharedAdmin;
    }

    static S3TestBucket create(String hint) {
        S3TestEndpoint endpoint = S3TestEndpoint.get();
        S3StorageConfig config = S3StorageConfig.builder()
                .bucket(S3TestEndpoint.newBucketName(hint))
                .endpoint(endpoint.endpoint())
                .region(endpoint.region())
                .pathStyle(endpoint.pathStyle())
                .credentials(endpoint.accessKey(), endpoint.secretKey())
                .build();
        S3TestBucket bucket = new S3TestBucket(endpoint, config);
        bucket.admin.createBucket(request -> {
            request.bucket(config.bucket());
            // AWS wants the region named for any bucket outside us-east-1; other stores accept it.
            if (!endpoint.region().equals("us-east-1")) {
                request.createBucketConfiguration(bucketConfig -> bucketConfig.locationConstraint(endpoint.region()));
            }
        });
        return bucket;
    }

    /** The config of a backend over this bucket. */
    S3StorageConfig config() {
        return config;
    }

    /** The config of a backend over this bucket, changed by {@code change}. */
    S3StorageConfig config(Consumer<S3StorageConfig.Builder> change) {
        return config.with(change);
    }

    S3TestEndpoint endpoint() {
        return endpoint;
    }

    String name() {
        return config.bucket();
    }

    S3Client admin() {
        return admin;
    }

    /** The multipart uploads started and neither completed nor aborted. */
    List<MultipartUpload> uploadsInProgress() {
        return admin.listMultipartUploads(request -> request.bucket(name())).uploads();
    }

    /** Aborts every upload in progress and deletes every object. */
    void empty() {
        for (MultipartUpload upload : uploadsInProgress()) {
            admin.abortMultipartUpload(request -> request.bucket(name()).key(upload.key()).uploadId(upload.uploadId()));
        }
        List<S3Object> objects;
        do {
            objects = admin.listObjectsV2(request -> request.bucket(name()).maxKeys(1000)).contents();
            if (!objects.isEmpty()) {
                List<ObjectIdentifier> ids = objects.stream().map(o -> ObjectIdentifier.builder().key(o.key()).build())
                        .collect(Collectors.toList());
                admin.deleteObjects(request -> request.bucket(name()).delete(delete -> delete.objects(ids)));
            }
        } while (!objects.isEmpty());
    }

    /**
     * Like {@link #close()}, for the embedded server: S3Proxy's store can keep empty directories that fail the bucket's
     * deletion; they go with the server.
     */
    void closeQuietly() {
        try {
            close();
        } catch (RuntimeException leftOverDirectories) {
            // see above
        }
    }

    @Override
    public void close() {
        empty();
        admin.deleteBucket(request -> request.bucket(name()));
    }
}
