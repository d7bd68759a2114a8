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
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * Signing is local: a presigned GET, PUT or POST sends no request to the store (counted at the proxy); and no signed
 * request carries the secret key. What the store enforces is the conformance kit's PresignedRequests category.
 */
class S3PresignTest {
    private static S3TestBucket bucket;
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("presign");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void deleteBucket() {
        proxy.close();
        bucket.close();
    }

    @Test
    void presign_getPutAndPost_sendNoRequest() {
        try (StorageBackend backend = new S3StorageBackend(bucket.config(b -> b.endpoint(proxy.endpoint())))) {
            List<String> requests = proxy.methodsDuring(() -> signEverything(backend));

            assertThat(requests).isEmpty();
        }
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
