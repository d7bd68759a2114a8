package studio.sselfie.storage.resilience;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Buckets on the embedded S3 server, made with a plain AWS client straight to the server (never through a fault
 * proxy): the storage API has no bucket operations.
 */
final class S3TestBuckets {
    private static S3Client admin;

    private S3TestBuckets() {
    }

    private static synchronized S3Client admin() {
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

    /** Creates a new, empty bucket and returns its name. */
    static String create(String hint) {
        String bucket = S3TestEndpoint.newBucketName(hint);
        admin().createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** Config of an S3 backend on {@code bucket}, reached through {@code endpoint}, with no SDK retries. */
    static S3StorageConfig through(URI endpoint, String bucket) {
        S3TestEndpoint server = S3TestEndpoint.get();
        return S3StorageConfig.builder()
                .bucket(bucket)
                .endpoint(endpoint)
                .region(server.region())
                .pathStyle(true)
                .credentials(server.accessKey(), server.secretKey())
                .sdkRetries(1)
                .build();
    }
}
