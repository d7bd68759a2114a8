package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;

/**
 * No signed request carries the secret key (that signing sends no request is the conformance kit's). What the store enforces is the conformance kit's PresignedRequests category.
 */
class S3PresignTest {
    private static S3TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("presign");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void presignedRequests_neverCarryTheSecretKey() {
        try (StorageBackend backend = new S3StorageBackend(bucket.config())) {
            for (PresignedRequest request : signEverything(backend)) {
                assertThat(request.url().toString() + request.headers() + request.formFields() + request)
                        .doesNotContain(bucket.endpoint().secretKey());
            }
        }
    }

    static List<PresignedRequest> signEverything(StorageBackend backend) {
        return List.of(
                backend.presigner().download("a/selfie.jpg", DownloadOptions.builder().expiry(Duration.ofMinutes(1))
                        .responseContentDisposition(ContentDisposition.attachment("selfie.jpg")).build()),
                backend.presigner().upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("a/selfie.jpg")
                        .contentType("image/jpeg").size(1000).noOverwrite().metadata("user-id", "1"))),
                backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("a/")
                        .contentTypePrefix("image/").sizeRange(1, 1000))));
    }
}
