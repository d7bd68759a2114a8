package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.ServerSideEncryption;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.s3.S3StorageConfig;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * {@link ResilienceConfig#verifyReads()} checks a whole read only against what the store proves: a SHA-256, or an ETag
 * that is a plain MD5. Anything else is returned unverified and counted, never failed as corrupt.
 */
class ResilientVerifiedReadTest {
    private static final ResilienceConfig VERIFYING = ResilienceConfig.builder().verifyReads(true).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    @Test
    void get_ofMultipartObjectOnTheEmbeddedS3Server_returnsTheWholeBodyUnverified() throws IOException {
        String bucket = S3TestBuckets.create("verified-multipart");
        S3StorageConfig config = S3TestBuckets.through(S3TestEndpoint.get().endpoint(), bucket)
                .with(c -> c.partSize(S3StorageConfig.MIN_PART_SIZE));
        byte[] body = bytes((int) S3StorageConfig.MIN_PART_SIZE + 1024, 1);
        try (ResilientStorageBackend backend = ResilientStorageBackend.wrap(new S3StorageBackend(config), VERIFYING)) {
            ObjectInfo put = backend.put("multipart", body);

            try (StorageObject object = backend.get("multipart")) {
                assertThat(put.etag()).as("a multipart ETag").matches("\"?[0-9a-fA-F]{32}-2\"?");
                assertThat(object.stream().readAllBytes()).isEqualTo(body);
            }
            assertThat(backend.unverifiedReads()).isEqualTo(1);
        }
    }

    @Test
    void get_ofMultipartShapedEtag_returnsTheBytesUnverifiedAndCountsIt() throws IOException {
        byte[] body = bytes(3000, 2);
        store.put("k", body);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, "\"abc-2\"", UnaryOperator.identity()), VERIFYING);

        try (StorageObject object = backend.get("k")) {
            assertThat(object.stream().readAllBytes()).isEqualTo(body);
        }
        assertThat(backend.unverifiedReads()).isEqualTo(1);
    }

    @Test
    void get_ofFortyHexEtagAndCorruptBytes_returnsTheBytesUnverifiedAndCountsIt() throws IOException {
        store.put("k", bytes(3000, 3));
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, "\"" + "a1".repeat(20) + "\"", ResilientVerifiedReadTest::flipFirstBytes),
                VERIFYING);

        try (StorageObject object = backend.get("k")) {
            assertThat(object.stream().readAllBytes()).hasSize(3000);
        }
        assertThat(backend.unverifiedReads()).isEqualTo(1);
    }

    @Test
    void get_ofSseKmsObjectWithThirtyTwoHexEtagNotItsMd5_returnsTheBytesUnverifiedAndCountsIt() throws IOException {
        byte[] body = bytes(3000, 7);
        store.put("k", body, PutOptions.builder().encryption(ServerSideEncryption.sseKms("alias/photos")).build());
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, "\"" + "0f".repeat(16) + "\"", UnaryOperator.identity()), VERIFYING);

        try (StorageObject object = backend.get("k")) {
            assertThat(object.info().encryption()).contains(EncryptionType.SSE_KMS);
            assertThat(object.stream().readAllBytes()).isEqualTo(body);
        }
        assertThat(backend.unverifiedReads()).isEqualTo(1);
    }

    @Test
    void get_ofPlainMd5EtagAndCorruptBytes_throwsCorruptReadException() {
        ObjectInfo stored = store.put("k", bytes(3000, 4));
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, stored.etag(), ResilientVerifiedReadTest::flipFirstBytes), VERIFYING);

        try (StorageObject object = backend.get("k")) {
            assertThat(stored.etag()).matches("\"?[0-9a-f]{32}\"?");
            assertThatThrownBy(() -> object.stream().readAllBytes()).isInstanceOf(CorruptReadException.class);
        }
        assertThat(backend.unverifiedReads()).isZero();
    }

    @Test
    void get_ofPlainMd5Etag_verifiesAndCountsNothing() throws IOException {
        byte[] body = bytes(3000, 5);
        ObjectInfo stored = store.put("k", body);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, stored.etag(), UnaryOperator.identity()), VERIFYING);

        try (StorageObject object = backend.get("k")) {
            assertThat(object.stream().readAllBytes()).isEqualTo(body);
        }
        assertThat(backend.unverifiedReads()).isZero();
    }

    @Test
    void get_rangedOrWithVerifyReadsOff_isNotCountedAsUnverified() throws IOException {
        store.put("k", bytes(3000, 6));
        RewritingBackend multipart = new RewritingBackend(store, "\"abc-2\"", UnaryOperator.identity());
        ResilientStorageBackend verifying = ResilientStorageBackend.wrap(multipart, VERIFYING);
        ResilientStorageBackend notVerifying = ResilientStorageBackend.wrap(multipart,
                ResilienceConfig.builder().verifyReads(false).build());

        try (StorageObject range = verifying.get("k", GetOptions.range(ByteRange.of(0, 99)));
                StorageObject whole = notVerifying.get("k")) {
            range.stream().readAllBytes();
            whole.stream().readAllBytes();
        }
        assertThat(verifying.unverifiedReads()).isZero();
        assertThat(notVerifying.unverifiedReads()).isZero();
    }

    @Test
    void bind_registersTheUnverifiedReadsCounter() throws IOException {
        store.put("k", bytes(100, 7));
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(
                new RewritingBackend(store, "\"abc-2\"", UnaryOperator.identity()), VERIFYING);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StorageMetrics.bind(backend, registry);

        try (StorageObject object = backend.get("k")) {
            object.stream().readAllBytes();
        }
        assertThat(registry.get("storage.reads.unverified").tag("backend", backend.name()).functionCounter().count())
                .isEqualTo(1.0);
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static InputStream flipFirstBytes(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    b[off] ^= 0x01;
                }
                return n;
            }
        };
    }

    /** Answers gets with the given ETag and no SHA-256, as a store that keeps only its ETag does. */
    private static final class RewritingBackend extends FlakyBackend {
        private final String etag;
        private final UnaryOperator<InputStream> body;

        RewritingBackend(StorageBackend delegate, String etag, UnaryOperator<InputStream> body) {
            super(delegate);
            this.etag = etag;
            this.body = body;
        }

        @Override
        public StorageObject get(String key, GetOptions options) {
            StorageObject object = super.get(key, options);
            ObjectInfo info = object.info().toBuilder().etag(etag).sha256(null).build();
            return new StorageObject(info, body.apply(object.stream()), object.contentLength(),
                    object.range().orElse(null));
        }
    }
}
