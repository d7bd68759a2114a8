package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * The backend sends the requests the raw AWS SDK client sends for the same work, no more: both go through one
 * {@link HttpFaultProxy}, which counts them, and each test does the work once with the raw client (configured as the
 * backend configures its own, {@link S3Clients}) and once with the backend. No HEAD after a put or a copy.
 */
class S3RequestCountTest {
    private static final int PART = (int) S3StorageConfig.MIN_PART_SIZE;
    private static S3TestBucket bucket;
    private static HttpFaultProxy proxy;

    private S3StorageConfig config;
    private S3Client raw;
    private StorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("request-count");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void deleteBucket() {
        proxy.close();
        bucket.close();
    }

    @BeforeEach
    void open() {
        config = bucket.config(builder -> builder.endpoint(proxy.endpoint()).partSize(PART));
        raw = S3Clients.create(config, overrides -> { });
        backend = new S3StorageBackend(config);
    }

    @AfterEach
    void close() {
        backend.close();
        raw.close();
    }

    private static List<String> requests(Runnable work) {
        return proxy.methodsDuring(work);
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private String rawPut(String key, byte[] body) {
        return raw.putObject(request -> request.bucket(config.bucket()).key(key).contentType("image/jpeg"),
                RequestBody.fromBytes(body)).eTag();
    }

    @Test
    void put_singlePart_sendsOnePutLikeTheRawClient() {
        byte[] body = bytes(16 * 1024);

        List<String> rawRequests = requests(() -> rawPut("raw/a.jpg", body));
        List<String> backendRequests = requests(() -> backend.put("sdk/a.jpg", body,
                PutOptions.builder().contentType("image/jpeg").build()));

        assertThat(backendRequests).as("a put sends what the raw client sends: %s", rawRequests)
                .isEqualTo(rawRequests).containsExactly("PUT");
    }

    @Test
    void put_multipart_sendsCreatePartsAndCompleteLikeTheRawClient() {
        byte[] body = bytes(2 * PART + 1000);

        List<String> rawRequests = requests(() -> {
            String uploadId = raw.createMultipartUpload(request -> request.bucket(config.bucket()).key("raw/big")
                    .contentType(PutOptions.DEFAULT_CONTENT_TYPE)).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int first = 0, number = 1; first < body.length; first += PART, number++) {
                int length = Math.min(PART, body.length - first);
                int partNumber = number;
                String etag = raw.uploadPart(request -> request.bucket(config.bucket()).key("raw/big")
                        .uploadId(uploadId).partNumber(partNumber).contentLength((long) length),
                        RequestBody.fromInputStream(new ByteArrayInputStream(body, first, length), length)).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            raw.completeMultipartUpload(request -> request.bucket(config.bucket()).key("raw/big").uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        });
        List<String> known = requests(() -> backend.put("sdk/big", new ByteArrayInputStream(body), body.length,
                PutOptions.defaults()));
        List<String> unknown = requests(() -> backend.put("sdk/big-unknown", new ByteArrayInputStream(body),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()));

        assertThat(rawRequests).containsExactly("POST", "PUT", "PUT", "PUT", "POST");
        assertThat(known).as("multipart put of known length").isEqualTo(rawRequests);
        assertThat(unknown).as("multipart put of unknown length").isEqualTo(rawRequests);
    }

    @Test
    void get_wholeAndRanged_sendOneGetLikeTheRawClient() throws Exception {
        rawPut("k", bytes(1000));

        List<String> rawWhole = requests(() -> raw.getObjectAsBytes(request -> request.bucket(config.bucket()).key("k")));
        List<String> rawRanged = requests(() -> raw.getObjectAsBytes(request -> request.bucket(config.bucket()).key("k")
                .range("bytes=10-19")));
        List<String> whole = requests(() -> readAll(backend.get("k")));
        List<String> ranged = requests(() -> readAll(backend.get("k", GetOptions.range(ByteRange.of(10, 19)))));

        assertThat(whole).as("whole get").isEqualTo(rawWhole).containsExactly("GET");
        assertThat(ranged).as("ranged get").isEqualTo(rawRanged).containsExactly("GET");
    }

    private static void readAll(StorageObject object) {
        try (object) {
            object.stream().readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void headAndDelete_sendOneRequestEachLikeTheRawClient() {
        rawPut("k", bytes(10));

        List<String> rawHead = requests(() -> raw.headObject(request -> request.bucket(config.bucket()).key("k")));
        List<String> head = requests(() -> backend.head("k"));
        List<String> rawDelete = requests(() -> raw.deleteObject(request -> request.bucket(config.bucket()).key("k")));
        List<String> delete = requests(() -> backend.delete("k"));

        assertThat(head).as("head").isEqualTo(rawHead).containsExactly("HEAD");
        assertThat(delete).as("delete").isEqualTo(rawDelete).containsExactly("DELETE");
    }

    /**
     * A copy needs the source's size (CopyObject takes at most 5 GiB; above, UploadPartCopy) and pins the copy to the
     * source's ETag so that the info it returns is the copied object's: a HEAD and one CopyObject, as the SDK's
     * transfer manager copies.
     */
    @Test
    void copy_sendsHeadAndOneCopyLikeTheRawClient() {
        rawPut("src", bytes(100));

        List<String> rawRequests = requests(() -> {
            HeadObjectResponse source = raw.headObject(request -> request.bucket(config.bucket()).key("src"));
            raw.copyObject(request -> request.sourceBucket(config.bucket()).sourceKey("src")
                    .destinationBucket(config.bucket()).destinationKey("raw-copy")
                    .metadataDirective(MetadataDirective.COPY).copySourceIfMatch(source.eTag()));
        });
        List<String> copy = requests(() -> backend.copy("src", "sdk-copy"));

        assertThat(copy).as("copy").isEqualTo(rawRequests).containsExactly("HEAD", "PUT");
    }

    @Test
    void deleteAll_thousandKeys_sendsOneBatchLikeTheRawClient() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("batch/" + i);
        }
        List<ObjectIdentifier> identifiers = new ArrayList<>();
        keys.forEach(key -> identifiers.add(ObjectIdentifier.builder().key(key).build()));

        List<String> rawRequests = requests(() -> raw.deleteObjects(request -> request.bucket(config.bucket())
                .delete(delete -> delete.objects(identifiers).quiet(false))));
        List<String> deleteAll = requests(() -> backend.deleteAll(keys));

        assertThat(deleteAll).as("deleteAll of 1,000 keys").isEqualTo(rawRequests)
                .containsExactly("POST");
    }

    @Test
    void put_infoWithoutHead_carriesWhatTheWriteSentAndTheAnswersDate() {
        byte[] body = "selfie".getBytes(StandardCharsets.UTF_8);

        var info = backend.put("dated", body, PutOptions.builder().contentType("image/png").metadata("owner", "u1").build());
        var stored = backend.head("dated").orElseThrow();

        assertThat(info.etag()).as("etag from the put's answer").isEqualTo(stored.etag());
        assertThat(info.size()).isEqualTo(stored.size());
        assertThat(info.contentType()).isEqualTo(stored.contentType());
        assertThat(info.metadata()).isEqualTo(stored.metadata());
        assertThat(java.time.Duration.between(stored.lastModified(), info.lastModified()).abs())
                .as("the put answer's Date is the object's Last-Modified, within the time the write took")
                .isLessThanOrEqualTo(java.time.Duration.ofSeconds(2));
    }
}
