package studio.sselfie.storage.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.minio.MinioStorageBackend;
import studio.sselfie.storage.minio.MinioStorageConfig;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.s3server.EmbeddedS3Server;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The stores a benchmark runs on, by name: {@code mem}, or {@code s3} / {@code minio} over a new bucket of an S3
 * endpoint, through the real client over HTTP. The endpoint is the one the environment names
 * ({@code STORAGE_TEST_S3_ENDPOINT} and its keys, as for the conformance suites: benchmark your own store that way),
 * else an embedded server in this JVM. {@link #close()} deletes the buckets it created.
 */
final class BenchmarkStores {
    private final S3TestEndpoint endpoint;
    private final EmbeddedS3Server server;
    private final S3Client admin;
    private final List<String> buckets = new CopyOnWriteArrayList<>();

    private BenchmarkStores(S3TestEndpoint endpoint, EmbeddedS3Server server) {
        this.endpoint = endpoint;
        this.server = server;
        this.admin = S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .forcePathStyle(endpoint.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .build();
    }

    /** The environment's endpoint, else the shared embedded server (S3Proxy's in-memory store). */
    static BenchmarkStores onTestEndpoint() {
        return new BenchmarkStores(S3TestEndpoint.get(), null);
    }

    /**
     * The environment's endpoint, else an embedded server of its own (S3Proxy's in-memory store) that {@link #close()}
     * stops: a forked benchmark JVM then exits at once instead of JMH waiting 30 s for the shared server's threads.
     */
    static BenchmarkStores onOwnServer() {
        if (System.getenv(S3TestEndpoint.ENV_ENDPOINT) != null) {
            return onTestEndpoint();
        }
        EmbeddedS3Server server = EmbeddedS3Server.start();
        return new BenchmarkStores(server.toEndpoint(), server);
    }

    /**
     * The environment's endpoint, else an embedded server of its own over S3Proxy's filesystem store in
     * {@code directory}: objects too large for the heap live on disk.
     */
    static BenchmarkStores onDisk(Path directory) {
        if (System.getenv(S3TestEndpoint.ENV_ENDPOINT) != null) {
            return onTestEndpoint();
        }
        EmbeddedS3Server server = EmbeddedS3Server.startOnFilesystem(directory);
        return new BenchmarkStores(server.toEndpoint(), server);
    }

    /** A backend of kind {@code mem}, {@code s3} or {@code minio}; the S3 kinds over a new, empty bucket. */
    StorageBackend open(String kind) {
        switch (kind) {
            case "mem":
                return InMemoryStorageBackend.create();
            case "s3":
                return new S3StorageBackend(s3Config());
            case "minio":
                return MinioStorageBackend.create(minioConfig());
            default:
                throw new IllegalArgumentException("unknown store '" + kind + "': mem, s3 or minio");
        }
    }

    /**
     * A store of kind {@code s3} or {@code minio} (the backends) or {@code s3-raw} or {@code minio-raw} (the SDK
     * clients the backends use, configured as the backends configure them, see {@link RawClients}), over a new, empty
     * bucket.
     */
    BaselineStore openBaseline(String kind) {
        switch (kind) {
            case "s3":
            case "minio":
                return BaselineStore.of(open(kind));
            case "s3-raw": {
                S3StorageConfig config = s3Config();
                return BaselineStore.of(RawClients.s3(config, endpoint.accessKey(), endpoint.secretKey()), config.bucket());
            }
            case "minio-raw":
                return BaselineStore.of(minioConfig());
            default:
                throw new IllegalArgumentException("unknown store '" + kind + "': s3, s3-raw, minio or minio-raw");
        }
    }

    /** The config the {@code s3} store is opened with, over a new bucket: every setting at its default. */
    private S3StorageConfig s3Config() {
        return S3StorageConfig.builder()
                .bucket(newBucket())
                .endpoint(endpoint.endpoint())
                .region(endpoint.region())
                .pathStyle(endpoint.pathStyle())
                .credentials(endpoint.accessKey(), endpoint.secretKey())
                .build();
    }

    /** The config the {@code minio} store is opened with, over a new bucket: every setting at its default. */
    private MinioStorageConfig minioConfig() {
        return MinioStorageConfig.builder()
                .bucket(newBucket())
                .endpoint(endpoint.endpoint())
                .region(endpoint.region())
                .credentials(endpoint.accessKey(), endpoint.secretKey())
                .build();
    }

    private String newBucket() {
        String bucket = S3TestEndpoint.newBucketName("bench");
        admin.createBucket(request -> {
            request.bucket(bucket);
            // AWS wants the region named for any bucket outside us-east-1; other stores accept it.
            if (!endpoint.region().equals("us-east-1")) {
                request.createBucketConfiguration(config -> config.locationConstraint(endpoint.region()));
            }
        });
        buckets.add(bucket);
        return bucket;
    }

    /** Empties and deletes the buckets this object created, closes the admin client, and the server if it started one. */
    void close() {
        for (String bucket : buckets) {
            // One DeleteObjects request per listed page (at most 1,000 keys, as S3 allows).
            admin.listObjectsV2Paginator(request -> request.bucket(bucket)).stream()
                    .filter(page -> !page.contents().isEmpty())
                    .forEach(page -> admin.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete
                            .objects(page.contents().stream().map(object -> ObjectIdentifier.builder().key(object.key())
                                    .build()).toList()))));
            admin.deleteBucket(request -> request.bucket(bucket));
        }
        admin.close();
        if (server != null) {
            server.close();
        }
    }
}
