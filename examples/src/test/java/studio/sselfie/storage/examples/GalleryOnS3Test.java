package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The apps, unchanged, on an {@code s3://} URI: the test kit's embedded S3 server (or the endpoint of
 * {@code STORAGE_TEST_S3_ENDPOINT}), reached over HTTP by the S3 backend, which {@link StorageBackends#open} finds on
 * the class path. Credentials reach the backend the way they reach an app: through the AWS default chain (here its
 * system properties), never through the URI.
 */
class GalleryOnS3Test {
    private static final String ACCESS_KEY_PROPERTY = "aws.accessKeyId";
    private static final String SECRET_KEY_PROPERTY = "aws.secretAccessKey";

    private static S3TestEndpoint endpoint;
    private static S3Client admin;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private String bucket;
    private StorageBackend backend;

    @BeforeAll
    static void startServer() {
        endpoint = S3TestEndpoint.get();
        admin = S3Client.builder()
                .endpointOverride(endpoint.endpoint())
                .region(Region.of(endpoint.region()))
                .forcePathStyle(endpoint.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(endpoint.accessKey(), endpoint.secretKey())))
                .httpClientBuilder(Apache5HttpClient.builder())
                .build();
        System.setProperty(ACCESS_KEY_PROPERTY, endpoint.accessKey());
        System.setProperty(SECRET_KEY_PROPERTY, endpoint.secretKey());
    }

    @AfterAll
    static void stopClient() {
        System.clearProperty(ACCESS_KEY_PROPERTY);
        System.clearProperty(SECRET_KEY_PROPERTY);
        admin.close();
    }

    @BeforeEach
    void openBucket() {
        bucket = S3TestEndpoint.newBucketName("examples");
        admin.createBucket(request -> request.bucket(bucket));
        backend = StorageBackends.open(URI.create("s3://" + bucket + "?endpoint=" + endpoint.endpoint()
                + "&region=" + endpoint.region() + "&pathStyle=" + endpoint.pathStyle()));
    }

    @AfterEach
    void deleteBucket() {
        backend.close();
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

    @Test
    void selfieGalleryApp_onS3Uri_storesAThumbnail160PixelsWide() throws IOException {
        SelfieGalleryApp.run(backend, out);

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(backend.getBytes("users/ana/thumbnails/1.jpg")));
        assertThat(thumbnail.getWidth()).isEqualTo(160);
    }

    @Test
    void selfieGalleryApp_onS3Uri_printsNoCredential() {
        SelfieGalleryApp.run(backend, out);

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("users/ben/originals/1.jpg")
                .doesNotContain(endpoint.secretKey())
                .doesNotContain(endpoint.accessKey());
    }

    @Test
    void selfieGalleryApp_onS3Uri_storesThePhonesUploadAndItsThumbnail() {
        SelfieGalleryApp.run(backend, out);

        List<ObjectInfo> cleo = backend.list("users/cleo/").toList();
        assertThat(cleo).extracting(ObjectInfo::key).hasSize(2)
                .anyMatch(key -> key.matches("users/cleo/originals/[0-9a-f-]{36}\\.jpg"))
                .anyMatch(key -> key.matches("users/cleo/thumbnails/[0-9a-f-]{36}\\.jpg"));
        ObjectInfo original = cleo.stream().filter(info -> info.key().contains("/originals/")).findFirst().orElseThrow();
        assertThat(backend.head(original.key()).orElseThrow().metadata()).containsEntry("user", "cleo");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Phone downloaded " + original.key() + " by a signed GET");
    }

    @Test
    void directUploads_uploadThatIsNoJpeg_isDeletedWhenConfirmed() {
        DirectUploads uploads = new DirectUploads(backend);
        DirectUploads.Grant grant = uploads.issue("mallory", Images.JPEG);
        byte[] notAnImage = "<html>not a photo</html>".repeat(100).getBytes(StandardCharsets.UTF_8);
        assertThat(Phone.http().send(grant.request(), notAnImage, java.util.Map.of()).accepted())
                .as("the store checks the declared type and the size, not the bytes").isTrue();

        assertThatThrownBy(() -> uploads.confirm(grant.key())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("deleted");
        assertThat(backend.head(grant.key())).isEmpty();
    }

    @Test
    void directUploads_typeOtherThanJpegOrPng_isNotSigned() {
        assertThatThrownBy(() -> new DirectUploads(backend).issue("mallory", "image/svg+xml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("image/svg+xml");
    }

    @Test
    void migrateGalleryApp_onS3Uri_appliesTheThreeVersions() {
        List<MigrationInfo> ran = MigrateGalleryApp.run(backend, out);

        assertThat(ran).extracting(info -> info.version().toString()).containsExactly("1", "2", "3");
        assertThat(backend.head("users/chloe/originals/studio.jpg").orElseThrow().metadata())
                .containsEntry("format", "jpeg");
    }

    @Test
    void undoToZero_onS3Uri_givesBackTheSeedByteForByte() {
        GalleryFixtures.seedOldLayout(backend);
        StoreSnapshot seed = StoreSnapshot.of(backend);
        Migrator migrator = Migrator.builder().backend(backend).migrations(MigrateGalleryApp.migrations()).build();
        migrator.migrate();

        migrator.undo(MigrationVersion.ZERO);

        assertThat(StoreSnapshot.of(backend)).isEqualTo(seed);
    }
}
