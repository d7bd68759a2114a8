package studio.sselfie.storage.examples;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.testkit.s3server.EmbeddedS3Server;

/**
 * What {@code mvn -q -pl examples -am -DskipTests -Prun-example verify} starts: the app named by the first argument
 * ({@code SelfieGalleryApp} or {@code MigrateGalleryApp}) on the store {@code STORAGE_URI} names or, when it names
 * none, on the test kit's embedded S3 server, started here in this JVM with a bucket {@code gallery}: a real
 * {@code s3://} store over HTTP, which signs requests, so the gallery's direct-upload flow runs too. The apps get the
 * server's credentials as every S3 app gets them, from the AWS default chain (here its system properties), never from
 * the URI.
 *
 * <p>A test source, because it starts the embedded server, which is a test-kit part: no main source depends on it.
 */
public final class ExampleLauncher {
    private ExampleLauncher() {
    }

    /** Runs {@code args[0]} (default {@code SelfieGalleryApp}) on {@code STORAGE_URI} or the embedded server. */
    public static void main(String[] args) throws Exception {
        String app = args.length > 0 && !args[0].isBlank() ? args[0] : "SelfieGalleryApp";
        if (System.getProperty(ExampleConfig.STORAGE_URI, "").isBlank()
                && (System.getenv(ExampleConfig.STORAGE_URI) == null || System.getenv(ExampleConfig.STORAGE_URI).isBlank())) {
            try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
                createBucket(server, "gallery");
                System.setProperty("aws.accessKeyId", server.accessKey());
                System.setProperty("aws.secretAccessKey", server.secretKey());
                System.setProperty(ExampleConfig.STORAGE_URI, "s3://gallery?endpoint=" + server.endpoint()
                        + "&region=" + server.region() + "&pathStyle=true");
                System.out.println("Store: the embedded S3 server at " + server.endpoint() + " (set STORAGE_URI for another)");
                run(app);
            }
        } else {
            run(app);
        }
    }

    private static void run(String app) throws Exception {
        switch (app) {
            case "SelfieGalleryApp" -> SelfieGalleryApp.main(new String[0]);
            case "MigrateGalleryApp" -> MigrateGalleryApp.main(new String[0]);
            default -> throw new IllegalArgumentException("no example named " + app
                    + ": use SelfieGalleryApp or MigrateGalleryApp");
        }
    }

    private static void createBucket(EmbeddedS3Server server, String bucket) {
        try (S3Client admin = S3Client.builder().endpointOverride(server.endpoint()).region(Region.of(server.region()))
                .forcePathStyle(true).httpClientBuilder(Apache5HttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(server.accessKey(), server.secretKey())))
                .build()) {
            admin.createBucket(request -> request.bucket(bucket));
        }
    }
}
