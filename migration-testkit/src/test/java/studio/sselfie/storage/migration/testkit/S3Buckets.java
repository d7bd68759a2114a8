package studio.sselfie.storage.migration.testkit;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Buckets on the embedded S3 server (or the external endpoint of {@link S3TestEndpoint}), created and deleted with a
 * plain AWS client: the storage API has no bucket operations. One admin client per JVM, like the shared server.
 */
final class S3Buckets {
    private static S3Client admin;

    private S3Buckets() {
    }

    static synchronized S3Client admin() {
        if (admin == null) {
            S3TestEndpoint endpoint = S3TestEndpoint.get();
            admin = S3Client.builder()
                    .endpointOverride(endpoint.endpoint())
                    .region(Region.of(endpoint.region()))
                    .forcePathStyle(endpoint.pathStyle())
                    .credentialsProvider(StaticCredentialsProvider.create(
                            AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                    .build();
        }
        return admin;
    }

    /** The config of a new, empty bucket whose name starts with {@code hint}. */
    static S3StorageConfig newBucket(String hint) {
        S3TestEndpoint endpoint = S3TestEndpoint.get();
        String bucket = S3TestEndpoint.newBucketName(hint);
        admin().createBucket(request -> {
            request.bucket(bucket);
            // AWS wants the region named for any bucket outside us-east-1; other stores accept it.
            if (!endpoint.region().equals("us-east-1")) {
                request.createBucketConfiguration(config -> config.locationConstraint(endpoint.region()));
            }
        });
        return S3StorageConfig.builder()
                .bucket(bucket)
                .endpoint(endpoint.endpoint())
                .region(endpoint.region())
                .pathStyle(endpoint.pathStyle())
                .credentials(endpoint.accessKey(), endpoint.secretKey())
                .build();
    }

    /** A backend over a new, empty bucket. */
    static S3StorageBackend newBackend(String hint) {
        return new S3StorageBackend(newBucket(hint));
    }

    /**
     * Deletes an (emptied) bucket. Failures are ignored: the embedded server's store can keep empty directories that
     * fail the deletion, and they go with the server.
     */
    static void deleteQuietly(String bucket) {
        try {
            admin().deleteBucket(request -> request.bucket(bucket));
        } catch (RuntimeException leftOverDirectories) {
            // see above
        }
    }
}
