package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
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
 * Storage class and server-side encryption on the wire: the requests the S3 client is given, and how replies are read.
 * The embedded server (S3Proxy) ignores the storage class on CopyObject and has no KMS, so those are checked here, at
 * the request and on hand-made replies, rather than by a round trip.
 */
class S3ProtectionRequestTest {
    private static final long MIB = 1024 * 1024;
    private static final SseCustomerKey KEY = SseCustomerKey.of(keyBytes());

    private static S3TestBucket bucket;
    private final RequestRecorder requests = new RequestRecorder();
    private S3StorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-protection");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @AfterEach
    void closeAndEmpty() {
        if (backend != null) {
            backend.close();
        }
        bucket.empty();
    }

    private static byte[] keyBytes() {
        byte[] key = new byte[SseCustomerKey.KEY_BYTES];
        new java.util.Random(9).nextBytes(key);
        return key;
    }

    private S3StorageBackend open() {
        backend = new S3StorageBackend(bucket.config(c -> c.partSize(5 * MIB)),
                overrides -> overrides.addExecutionInterceptor(requests), S3Copies.MAX_SINGLE_COPY_BYTES);
        return backend;
    }

    @Test
    void put_storageClassAndSseS3_putObjectRequestCarriesBoth() {
        open().put("a.bin", new byte[] {1}, PutOptions.builder().storageClass("STANDARD_IA")
                .encryption(ServerSideEncryption.sseS3()).build());

        PutObjectRequest sent = requests.last(PutObjectRequest.class);
        assertThat(sent.storageClassAsString()).isEqualTo("STANDARD_IA");
        assertThat(sent.serverSideEncryptionAsString()).isEqualTo("AES256");
        assertThat(sent.sseCustomerKey()).isNull();
    }

    @Test
    void put_sseC_putObjectRequestCarriesAlgorithmKeyAndKeyMd5() {
        open().put("c.bin", new byte[] {1}, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        PutObjectRequest sent = requests.last(PutObjectRequest.class);
        assertThat(sent.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(sent.sseCustomerKey()).isEqualTo(KEY.base64());
        assertThat(sent.sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(sent.serverSideEncryption()).isNull();
    }

    @Test
    void put_sseCMultipart_createAndEveryPartCarryTheKey() {
        S3StorageBackend s3 = open();
        s3.put("big.bin", TestBodies.random(6 * (int) MIB, 3), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).storageClass("GLACIER_IR").build());

        CreateMultipartUploadRequest create = requests.last(CreateMultipartUploadRequest.class);
        assertThat(create.sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(create.storageClassAsString()).isEqualTo("GLACIER_IR");
        assertThat(requests.last(UploadPartRequest.class).sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(requests.last(CompleteMultipartUploadRequest.class).sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
    }

    @Test
    void getAndHead_customerKey_requestsCarryTheKey() {
        S3StorageBackend s3 = open();
        s3.put("c.bin", new byte[] {1, 2}, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        s3.get("c.bin", GetOptions.withCustomerKey(KEY)).close();
        s3.head("c.bin", GetOptions.withCustomerKey(KEY));

        assertThat(requests.last(GetObjectRequest.class).sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(requests.last(HeadObjectRequest.class).sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
    }

    @Test
    void copy_replaceWithStorageClassOnEmbeddedServerWhichIgnoresIt_copyObjectRequestCarriesTheClass() {
        S3StorageBackend s3 = open();
        s3.put("a.bin", new byte[] {1});

        ObjectInfo copied = s3.copy("a.bin", "b.bin", CopyOptions.replace(PutOptions.builder().storageClass("GLACIER_IR").build()));

        assertThat(requests.last(CopyObjectRequest.class).storageClassAsString()).isEqualTo("GLACIER_IR");
        assertThat(copied.storageClass()).isEqualTo(StorageClass.GLACIER_IR);
    }

    @Test
    void copy_keepSseCSource_copyObjectRequestCarriesSourceKeyAndKeepsItForTheTarget() {
        S3StorageBackend s3 = open();
        s3.put("c.bin", new byte[] {1}, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        s3.copy("c.bin", "d.bin", CopyOptions.keep().sourceKey(KEY));

        CopyObjectRequest sent = requests.last(CopyObjectRequest.class);
        assertThat(sent.copySourceSSECustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(sent.sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
        assertThat(requests.last(HeadObjectRequest.class).sseCustomerKeyMD5()).isEqualTo(KEY.md5Base64());
    }

    @Test
    void apply_sseKmsWithContext_requestCarriesAlgorithmKeyIdAndBase64JsonContext() {
        PutObjectRequest.Builder request = PutObjectRequest.builder().bucket("b").key("k");

        S3Protection.apply(PutOptions.builder().encryption(ServerSideEncryption.sseKms("alias/photos", Map.of("app", "studio")))
                .build(), request);

        PutObjectRequest sent = request.build();
        assertThat(sent.serverSideEncryptionAsString()).isEqualTo("aws:kms");
        assertThat(sent.ssekmsKeyId()).isEqualTo("alias/photos");
        assertThat(new String(Base64.getDecoder().decode(sent.ssekmsEncryptionContext()), StandardCharsets.UTF_8))
                .isEqualTo("{\"app\":\"studio\"}");
    }

    @Test
    void read_sseKmsReplyWithStorageClass_reportsKmsKeyIdAndClass() {
        ObjectInfo.Builder info = ObjectInfo.builder().key("k").etag("\"e\"").lastModified(java.time.Instant.EPOCH);

        S3Protection.read(HeadObjectResponse.builder().serverSideEncryption("aws:kms")
                .ssekmsKeyId("arn:aws:kms:eu-west-1:1:key/abc").storageClass("INTELLIGENT_TIERING").build(), info);

        ObjectInfo read = info.build();
        assertThat(read.encryption()).contains(EncryptionType.SSE_KMS);
        assertThat(read.kmsKeyId()).contains("arn:aws:kms:eu-west-1:1:key/abc");
        assertThat(read.storageClass()).isEqualTo(StorageClass.INTELLIGENT_TIERING);
    }

    @Test
    void read_replyWithoutClassOrEncryption_isStandardAndUnencrypted() {
        ObjectInfo.Builder info = ObjectInfo.builder().key("k").etag("\"e\"").lastModified(java.time.Instant.EPOCH);

        S3Protection.read(HeadObjectResponse.builder().build(), info);

        assertThat(info.build().storageClass()).isEqualTo(StorageClass.STANDARD);
        assertThat(info.build().encryption()).isEmpty();
    }
}
