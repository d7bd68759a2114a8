package studio.sselfie.storage.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * Buckets on the test kit's S3 endpoint (the embedded server, or {@code STORAGE_TEST_S3_ENDPOINT}) for the command's
 * tests, created and emptied with the raw AWS client; and the command run in this JVM with its output captured. The
 * command gets its credentials as a user's shell gives them, from the AWS default chain (here its system properties).
 */
final class CliStores implements AutoCloseable {
    final S3TestEndpoint endpoint = S3TestEndpoint.get();
    final S3Client admin;

    CliStores() {
        admin = S3Client.builder().endpointOverride(endpoint.endpoint()).region(Region.of(endpoint.region()))
                .forcePathStyle(endpoint.pathStyle()).httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .build();
        System.setProperty("aws.accessKeyId", endpoint.accessKey());
        System.setProperty("aws.secretAccessKey", endpoint.secretKey());
    }

    /** A new, empty bucket's name. */
    String bucket(String hint) {
        String bucket = S3TestEndpoint.newBucketName(hint);
        admin.createBucket(request -> request.bucket(bucket));
        return bucket;
    }

    /** The location of {@code key} in {@code bucket}, as a user writes it. */
    String uri(String bucket, String key) {
        return "s3://" + bucket + "/" + key + "?endpoint=" + endpoint.endpoint() + "&region=" + endpoint.region()
                + "&pathStyle=" + endpoint.pathStyle();
    }

    void put(String bucket, String key, byte[] bytes) {
        admin.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    void deleteBucket(String bucket) {
        List<S3Object> objects;
        do {
            objects = admin.listObjectsV2(request -> request.bucket(bucket)).contents();
            if (!objects.isEmpty()) {
                List<ObjectIdentifier> ids = objects.stream()
                        .map(object -> ObjectIdentifier.builder().key(object.key()).build()).toList();
                admin.deleteObjects(request -> request.bucket(bucket).delete(delete -> delete.objects(ids)));
            }
        } while (!objects.isEmpty());
        admin.deleteBucket(request -> request.bucket(bucket));
    }

    /** As {@link #deleteBucket}, for a finally block whose test may have failed: a failure here must not hide it. */
    void deleteBucketQuietly(String bucket) {
        try {
            deleteBucket(bucket);
        } catch (RuntimeException e) {
            System.err.println("could not delete test bucket " + bucket + ": " + e.getMessage());
        }
    }

    /** What a run of the command printed and returned. */
    record Run(int exitCode, String out, byte[] outBytes, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = StorageCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(code, out.toString(StandardCharsets.UTF_8), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        admin.close();
    }
}
