package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerSideEncryptionTest {
    private static final byte[] RAW = new byte[SseCustomerKey.KEY_BYTES];

    static {
        Arrays.fill(RAW, (byte) 7);
    }

    @Test
    void sseCustomerKey_wrongLength_failsNamingOnlyTheLength() {
        assertThatThrownBy(() -> SseCustomerKey.of(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 16");
    }

    @Test
    void sseCustomerKey_badBase64_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> SseCustomerKey.ofBase64("s3cr3t!!not-base64"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cr3t")
                .hasNoCause();
    }

    @Test
    void sseCustomerKey_toString_showsOnlyTheMd5() {
        SseCustomerKey key = SseCustomerKey.of(RAW);

        assertThat(key.toString()).isEqualTo("SSE-C key (MD5 " + key.md5Base64() + ")").doesNotContain(key.base64());
    }

    @Test
    void sseCustomerKey_base64_roundTripsAndMd5IsOfTheRawKey() throws Exception {
        SseCustomerKey key = SseCustomerKey.ofBase64(Base64.getEncoder().encodeToString(RAW));

        assertThat(key.bytes()).isEqualTo(RAW);
        assertThat(key.md5Base64()).isEqualTo(Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5").digest(RAW)));
        assertThat(key).isEqualTo(SseCustomerKey.of(RAW));
    }

    @Test
    void toString_everyHolderOfACustomerKey_neverShowsTheKey() {
        SseCustomerKey key = SseCustomerKey.of(RAW);
        PutOptions put = PutOptions.builder().encryption(ServerSideEncryption.sseC(key)).build();

        assertThat(ServerSideEncryption.sseC(key).toString()).doesNotContain(key.base64());
        assertThat(put.toString()).doesNotContain(key.base64()).contains(key.md5Base64());
        assertThat(GetOptions.withCustomerKey(key).toString()).doesNotContain(key.base64());
        assertThat(CopyOptions.keep().sourceKey(key).toString()).doesNotContain(key.base64());
    }

    @Test
    void sseKms_blankKeyId_fails() {
        assertThatThrownBy(() -> ServerSideEncryption.sseKms(" "))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sseKms_withContext_keepsKeyIdAndContext() {
        ServerSideEncryption kms = ServerSideEncryption.sseKms("alias/photos", Map.of("app", "studio"));

        assertThat(kms.type()).isEqualTo(EncryptionType.SSE_KMS);
        assertThat(kms.kmsKeyId()).contains("alias/photos");
        assertThat(kms.kmsContext()).containsExactly(Map.entry("app", "studio"));
        assertThat(kms.customerKey()).isEmpty();
    }

    @Test
    void storageClass_token_isAccepted() {
        assertThat(StorageClass.of("DEEP_ARCHIVE").name()).isEqualTo("DEEP_ARCHIVE");
        assertThat(StorageClass.of("STANDARD")).isSameAs(StorageClass.STANDARD);
    }

    @Test
    void storageClass_notAToken_failsNamingIt() {
        assertThatThrownBy(() -> StorageClass.of("standard-ia"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'standard-ia'");
    }

    @Test
    void putOptions_classAndEncryption_areKeptByToBuilder() {
        PutOptions options = PutOptions.builder().storageClass("GLACIER_IR").encryption(ServerSideEncryption.sseS3()).build();

        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.storageClass()).contains(StorageClass.GLACIER_IR);
        assertThat(options.encryption()).contains(ServerSideEncryption.sseS3());
    }

    @Test
    void objectInfo_noStorageClassGiven_isStandardAndUnencrypted() {
        ObjectInfo info = ObjectInfo.builder().key("k").etag("\"e\"").lastModified(java.time.Instant.EPOCH).build();

        assertThat(info.storageClass()).isEqualTo(StorageClass.STANDARD);
        assertThat(info.encryption()).isEmpty();
        assertThat(info.kmsKeyId()).isEmpty();
    }
}
