package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.SseCustomerKey;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * Storage class and encryption headers as they leave the client, seen at the fault proxy by their names only (the
 * proxy never records a value, and an SSE-C key is a secret). The embedded server has no KMS, so an SSE-KMS put is
 * checked by what it sends, whatever S3Proxy answers.
 */
class S3ProtectionWireTest {
    private static S3TestBucket bucket;
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void start() {
        bucket = S3TestBucket.create("s3-protection-wire");
        Assumptions.assumeFalse(bucket.endpoint().isExternal(), "the fault proxy relays plain HTTP to the embedded server");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
        bucket.closeQuietly();
    }

    private static List<Set<String>> sentDuring(Runnable work) {
        int before = proxy.requestHeaderNames().size();
        work.run();
        List<Set<String>> all = proxy.requestHeaderNames();
        return all.subList(before, all.size());
    }

    private static S3StorageBackend backend() {
        return new S3StorageBackend(bucket.config(c -> c.endpoint(proxy.endpoint())));
    }

    @Test
    void put_sseCAndStorageClass_sendsAlgorithmKeyKeyMd5AndClassHeaders() {
        byte[] raw = new byte[SseCustomerKey.KEY_BYTES];
        new Random(5).nextBytes(raw);
        try (S3StorageBackend s3 = backend()) {
            List<Set<String>> sent = sentDuring(() -> s3.put("c.bin", new byte[] {1}, PutOptions.builder()
                    .storageClass("STANDARD_IA").encryption(ServerSideEncryption.sseC(SseCustomerKey.of(raw))).build()));

            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)).contains("x-amz-storage-class", "x-amz-server-side-encryption-customer-algorithm",
                    "x-amz-server-side-encryption-customer-key", "x-amz-server-side-encryption-customer-key-md5");
        }
    }

    @Test
    void knownLimitation_putSseKmsWithContext_sendsKmsHeadersWhateverS3ProxyAnswers() {
        try (S3StorageBackend s3 = backend()) {
            List<Set<String>> sent = sentDuring(() -> catchThrowable(() -> s3.put("k.bin", new byte[] {1}, PutOptions.builder()
                    .encryption(ServerSideEncryption.sseKms("alias/photos", java.util.Map.of("app", "studio"))).build())));

            assertThat(sent).isNotEmpty();
            assertThat(sent.get(0)).contains("x-amz-server-side-encryption", "x-amz-server-side-encryption-aws-kms-key-id",
                    "x-amz-server-side-encryption-context");
        }
    }
}
