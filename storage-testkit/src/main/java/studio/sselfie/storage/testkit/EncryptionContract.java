package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.StorageClass;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance of storage classes ({@link Capability#STORAGE_CLASS}) and server-side encryption
 * ({@link Capability#SERVER_SIDE_ENCRYPTION}): what a put asks for is reported by head and get, and an SSE-C object is
 * read only with its key. Each test is skipped, naming the capability, on a backend that does not declare it.
 */
public abstract class EncryptionContract extends ConformanceContract {
    private static final SseCustomerKey KEY = SseCustomerKey.of(randomBytes(SseCustomerKey.KEY_BYTES, 42));
    private static final SseCustomerKey OTHER_KEY = SseCustomerKey.of(randomBytes(SseCustomerKey.KEY_BYTES, 43));

    protected EncryptionContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_noStorageClass_isReportedAsStandard() {
        assumeCapability(Capability.STORAGE_CLASS);
        backend.put("class/default.bin", randomBytes(10, 1));

        assertThat(backend.head("class/default.bin").orElseThrow().storageClass()).isEqualTo(StorageClass.STANDARD);
    }

    @Test
    void put_storageClass_isReturnedByHeadAndGet() {
        assumeCapability(Capability.STORAGE_CLASS);
        backend.put("class/ia.bin", randomBytes(10, 2), PutOptions.builder().storageClass("STANDARD_IA").build());

        assertThat(backend.head("class/ia.bin").orElseThrow().storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        try (StorageObject object = backend.get("class/ia.bin")) {
            assertThat(object.info().storageClass()).isEqualTo(StorageClass.STANDARD_IA);
        }
    }

    @Test
    void put_sseS3_isReportedAndBytesRoundTrip() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        byte[] bytes = randomBytes(1000, 3);
        backend.put("sse/s3.bin", bytes, PutOptions.builder().encryption(ServerSideEncryption.sseS3()).build());

        assertThat(backend.head("sse/s3.bin").orElseThrow().encryption()).contains(EncryptionType.SSE_S3);
        assertThat(backend.getBytes("sse/s3.bin")).isEqualTo(bytes);
    }

    @Test
    void get_sseCWithItsKey_bytesRoundTrip() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        byte[] bytes = randomBytes(1000, 4);
        backend.put("sse/c.bin", bytes, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        try (StorageObject object = backend.get("sse/c.bin", GetOptions.withCustomerKey(KEY))) {
            assertThat(object.readAllBytes()).isEqualTo(bytes);
        }
        assertThat(backend.head("sse/c.bin", GetOptions.withCustomerKey(KEY)).orElseThrow().encryption())
                .contains(EncryptionType.SSE_C);
    }

    @Test
    void get_sseCWithoutKey_failsWithInvalidRequest() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        backend.put("sse/c.bin", randomBytes(10, 5), PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        assertThatThrownBy(() -> backend.get("sse/c.bin").close()).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void get_sseCWithAnotherKey_failsWithoutNamingEitherKey() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        backend.put("sse/c.bin", randomBytes(10, 6), PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        Throwable failure = catchThrowable(() -> backend.get("sse/c.bin", GetOptions.withCustomerKey(OTHER_KEY)).close());

        assertThat(failure).isInstanceOf(StorageException.class);
        // Every cause is printed by a logged stack trace: none of them may show a key (an SDK may print the request).
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            assertThat(t.toString()).doesNotContain(KEY.base64()).doesNotContain(OTHER_KEY.base64());
        }
    }

    @Test
    void head_sseCWithoutKey_failsWithInvalidRequest() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        backend.put("sse/c.bin", randomBytes(10, 9), PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        assertThatThrownBy(() -> backend.head("sse/c.bin")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void copy_keepSseS3Source_targetIsSseS3() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        backend.put("sse/s3.bin", randomBytes(10, 10), PutOptions.builder().encryption(ServerSideEncryption.sseS3()).build());

        backend.copy("sse/s3.bin", "sse/s3-copy.bin");

        assertThat(backend.head("sse/s3-copy.bin").orElseThrow().encryption()).contains(EncryptionType.SSE_S3);
    }

    @Test
    void copy_sseCSourceWithItsKey_targetReplacedUnencryptedHasTheBytes() {
        assumeCapability(Capability.SERVER_SIDE_ENCRYPTION);
        byte[] bytes = randomBytes(1000, 7);
        backend.put("sse/c.bin", bytes, PutOptions.builder().encryption(ServerSideEncryption.sseC(KEY)).build());

        backend.copy("sse/c.bin", "sse/plain.bin", CopyOptions.replace(PutOptions.defaults()).sourceKey(KEY));

        assertThat(backend.getBytes("sse/plain.bin")).isEqualTo(bytes);
    }

    @Test
    void copy_replaceWithStorageClass_targetHasTheNewClass() {
        assumeCapability(Capability.STORAGE_CLASS);
        backend.put("class/source.bin", randomBytes(10, 8));

        backend.copy("class/source.bin", "class/target.bin",
                CopyOptions.replace(PutOptions.builder().storageClass(StorageClass.GLACIER_IR).build()));

        assertThat(backend.head("class/target.bin").orElseThrow().storageClass()).isEqualTo(StorageClass.GLACIER_IR);
    }
}
