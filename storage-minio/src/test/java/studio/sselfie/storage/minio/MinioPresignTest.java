package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.minio.Signer;
import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;
import studio.sselfie.storage.s3protocol.PostPolicies;

/**
 * No signed request carries the secret key (that signing sends no request is the conformance kit's); and the POST signature the S3 backend computes itself agrees with the MinIO SDK's
 * signer. What the store enforces is the conformance kit's PresignedRequests category.
 */
class MinioPresignTest {
    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-presign");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @Test
    void presignedRequests_neverCarryTheSecretKey() {
        try (StorageBackend backend = MinioStorageBackend.create(bucket.config().build())) {
            for (PresignedRequest request : signEverything(backend)) {
                assertThat(request.url().toString() + request.headers() + request.formFields() + request)
                        .doesNotContain(bucket.endpoint().secretKey());
            }
        }
    }

    @Test
    void postPolicySignature_ofTheS3Backend_agreesWithTheMinioSdkSigner() throws Exception {
        Instant now = Instant.parse("2026-12-02T08:30:05Z");
        Map<String, String> fields = PostPolicies.signV4("photos", PostPolicies.form(UploadPolicy.of(p -> p.key("a.jpg"))),
                now.plusSeconds(600), now, "eu-central-1", "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null);

        String minio = Signer.postPresignV4(fields.get("policy"), "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                ZonedDateTime.ofInstant(now, ZoneOffset.UTC), "eu-central-1");

        assertThat(fields.get("x-amz-signature")).isEqualTo(minio);
    }

    private static List<PresignedRequest> signEverything(StorageBackend backend) {
        return List.of(
                backend.presigner().download("a/selfie.jpg", DownloadOptions.builder().expiry(Duration.ofMinutes(1))
                        .responseContentDisposition(ContentDisposition.attachment("selfie.jpg")).build()),
                backend.presigner().upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("a/selfie.jpg")
                        .contentType("image/jpeg").size(1000).noOverwrite().metadata("user-id", "1"))),
                backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("a/")
                        .contentTypePrefix("image/").sizeRange(1, 1000))));
    }
}
