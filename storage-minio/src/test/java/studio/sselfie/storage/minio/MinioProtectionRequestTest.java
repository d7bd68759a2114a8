package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import okhttp3.Headers;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageClass;

/**
 * Storage class and server-side encryption on the wire, recorded by an OkHttp interceptor. S3Proxy ignores the class
 * on CopyObject and has no KMS, so those are checked by their request and on a hand-made reply.
 */
class MinioProtectionRequestTest {
    private static final SseCustomerKey KEY = SseCustomerKey.of(keyBytes());

    private static TestBucket bucket;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private OkHttpClient httpClient;
    private MinioStorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-protection");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    private static byte[] keyBytes() {
        byte[] key = new byte[SseCustomerKey.KEY_BYTES];
        new Random(9).nextBytes(key);
        return key;
    }

    @BeforeEach
    void open() {
        MinioStorageConfig.Builder config = MinioStorageConfig.builder().endpoint(bucket.endpoint().endpoint())
                .bucket(bucket.name()).region(bucket.endpoint().region())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())
                .partSize(MinioStorageConfig.MIN_PART_SIZE);
        httpClient = HttpClients.create(config.build()).newBuilder().addInterceptor(chain -> {
            requests.add(chain.request());
            return chain.proceed(chain.request());
        }).build();
        backend = MinioStorageBackend.create(config.httpClient(httpClient).build());
    }

    @AfterEach
    void close() {
        backend.list("").forEach(info -> backend.delete(info.key()));
        backend.close();
        HttpClients.shutDown(httpClient);
    }

    private Request last(String method, String header) {
        Request last = null;
        for (Request request : requests) {
            if (request.method().equals(method) && (header == null || request.header(header) != null)) {
                last = request;
            }
        }
        assertThat(last).as("a " + method + " request" + (header == null ? "" : " with " + header)).isNotNull();
        return last;
    }

    @Test
    void put_storageClassAndSseS3_putRequestCarriesBoth() {
        backend.put("a.bin", new byte[] {1}, PutOptions.builder().storageClass("STANDARD_IA")
                .encryption(ServerSideEncryption.sseS3()).build());

        Request put = last("PUT", null);
        assertThat(put.header("x-amz-storage-class")).isEqualTo("STANDARD_IA");
        assertThat(put.header("x-amz-server-side-encryption")).isEqualTo("AES256");
    }

    @Test
    void put_sseCMultipart_everyPartAndTheCompletionCarryTheKeyMd5() {
        byte[] bytes = new byte[(int) MinioStorageConfig.MIN_PART_SIZE + 17];
        backend.put("big.bin", new ByteArrayInputStream(bytes), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        long parts = requests.stream().filter(r -> r.method().equals("PUT") && r.url().queryParameter("partNumber") != null)
                .peek(r -> assertThat(r.header("x-amz-server-side-encryption-customer-key-MD5")).isEqualTo(KEY.md5Base64()))
                .count();
        assertThat(parts).isEqualTo(2);
        Request complete = last("POST", "x-amz-server-side-encryption-customer-key-MD5");
        assertThat(complete.url().queryParameter("uploadId")).isNotNull();
    }

    @Test
    void getAndHead_customerKey_requestsCarryAlgorithmAndKeyMd5() {
        backend.put("c.bin", new byte[] {1, 2}, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        backend.get("c.bin", GetOptions.withCustomerKey(KEY)).close();
        ObjectInfo head = backend.head("c.bin", GetOptions.withCustomerKey(KEY)).orElseThrow();

        assertThat(last("GET", "x-amz-server-side-encryption-customer-algorithm").header("x-amz-server-side-encryption-customer-key-MD5"))
                .isEqualTo(KEY.md5Base64());
        assertThat(last("HEAD", "x-amz-server-side-encryption-customer-key-MD5")).isNotNull();
        assertThat(head.encryption()).contains(EncryptionType.SSE_C);
    }

    @Test
    void copy_replaceWithStorageClassOnEmbeddedServerWhichIgnoresIt_copyRequestCarriesTheClass() {
        backend.put("a.bin", new byte[] {1});

        ObjectInfo copied = backend.copy("a.bin", "b.bin", CopyOptions.replace(PutOptions.builder().storageClass("GLACIER_IR").build()));

        assertThat(last("PUT", "x-amz-copy-source").header("x-amz-storage-class")).isEqualTo("GLACIER_IR");
        assertThat(copied.storageClass()).isEqualTo(StorageClass.GLACIER_IR);
    }

    @Test
    void copy_keepSseCSource_copyRequestCarriesSourceKeyAndKeepsItForTheTarget() {
        backend.put("c.bin", new byte[] {1}, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        backend.copy("c.bin", "d.bin", CopyOptions.keep().sourceKey(KEY));

        Request copy = last("PUT", "x-amz-copy-source");
        assertThat(copy.header("x-amz-copy-source-server-side-encryption-customer-key-MD5")).isEqualTo(KEY.md5Base64());
        assertThat(copy.header("x-amz-server-side-encryption-customer-key-MD5")).isEqualTo(KEY.md5Base64());
        try (var copied = backend.get("d.bin", GetOptions.withCustomerKey(KEY))) {
            assertThat(copied.readAllBytes()).containsExactly(1);
        }
    }

    @Test
    void writeHeaders_sseKmsWithContext_carryAlgorithmKeyIdAndContext() {
        assertThat(MinioProtection.writeHeaders(PutOptions.builder()
                .encryption(ServerSideEncryption.sseKms("alias/photos", java.util.Map.of("app", "studio"))).build()))
                .containsEntry("x-amz-server-side-encryption", "aws:kms")
                .containsEntry("x-amz-server-side-encryption-aws-kms-key-id", "alias/photos")
                .containsEntry("x-amz-server-side-encryption-context", MinioProtection.context(java.util.Map.of("app", "studio")));
    }

    @Test
    void read_sseKmsReplyWithStorageClass_reportsKmsKeyIdAndClass() {
        ObjectInfo read = MinioProtection.read(Headers.of("x-amz-server-side-encryption", "aws:kms",
                        "x-amz-server-side-encryption-aws-kms-key-id", "arn:aws:kms:eu-west-1:1:key/abc",
                        "x-amz-storage-class", "INTELLIGENT_TIERING"),
                ObjectInfo.builder().key("k").etag("\"e\"").lastModified(java.time.Instant.EPOCH)).build();

        assertThat(read.encryption()).contains(EncryptionType.SSE_KMS);
        assertThat(read.kmsKeyId()).contains("arn:aws:kms:eu-west-1:1:key/abc");
        assertThat(read.storageClass()).isEqualTo(StorageClass.INTELLIGENT_TIERING);
    }
}
