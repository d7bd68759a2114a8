package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/** Streaming uploads through the real MinIO client: multipart, byte-exact, bounded, aborted on every failure. */
class MinioUploadTest {
    private static final long MIB = 1024 * 1024;
    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-upload");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    private final MinioStorageBackend backend = MinioStorageBackend.create(bucket.config().partSize(5 * MIB).build());

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void put_twentyMebibytesOfUnknownLength_isByteExact() {
        try (MinioStorageBackend defaults = bucket.backend()) {
            ObjectInfo stored = defaults.put("large/20mib.bin", new GeneratedStream(20 * MIB, 1),
                    StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

            assertThat(stored.size()).isEqualTo(20 * MIB);
            try (StorageObject object = defaults.get("large/20mib.bin")) {
                assertThat(object.contentLength()).isEqualTo(20 * MIB);
                assertThat(GeneratedStream.sha256(object.stream())).isEqualTo(GeneratedStream.sha256(20 * MIB, 1));
            }
        }
        assertThat(bucket.multipartUploads("large/")).isEmpty();
    }

    @Test
    void put_multipartOfKnownLength_isByteExactWithShortLastPart() {
        long size = 12 * MIB + 123;

        backend.put("large/known.bin", new GeneratedStream(size, 2), size, PutOptions.defaults());

        try (StorageObject object = backend.get("large/known.bin")) {
            assertThat(object.info().size()).isEqualTo(size);
            assertThat(GeneratedStream.sha256(object.stream())).isEqualTo(GeneratedStream.sha256(size, 2));
        }
    }

    @Test
    void put_exactlyOnePartOfUnknownLength_isStoredWhole() {
        backend.put("large/one-part.bin", new GeneratedStream(5 * MIB, 3), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        try (StorageObject object = backend.get("large/one-part.bin")) {
            assertThat(GeneratedStream.sha256(object.stream())).isEqualTo(GeneratedStream.sha256(5 * MIB, 3));
        }
    }

    @Test
    void put_multipart_keepsContentTypeAndMetadata() {
        PutOptions options = PutOptions.builder().contentType("image/png").metadata("owner", "alice").build();

        ObjectInfo stored = backend.put("large/photo.png", new GeneratedStream(11 * MIB, 4), StorageBackend.UNKNOWN_LENGTH, options);

        ObjectInfo head = backend.head("large/photo.png").orElseThrow();
        assertThat(head.contentType()).hasValue("image/png");
        assertThat(head.metadata()).isEqualTo(Map.of("owner", "alice"));
        assertThat(stored.etag()).isEqualTo(head.etag());
    }

    @Test
    void put_bodyFailsAfterTwoParts_abortsTheMultipartUploadAndStoresNothing() {
        InputStream failing = GeneratedStream.failingAfter(12 * MIB, 5);

        assertThatThrownBy(() -> backend.put("aborted/broken.bin", failing, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.key()).hasValue("aborted/broken.bin");
                    assertThat(e.isRetryable()).isFalse();
                    assertThat(e).hasRootCauseInstanceOf(IOException.class);
                });

        assertThat(backend.head("aborted/broken.bin")).isEmpty();
        assertThat(bucket.multipartUploads("aborted/")).isEmpty();
    }

    @Test
    void put_multipartBodyShorterThanDeclared_abortsTheUploadAndKeepsTheOldObject() {
        byte[] old = "old bytes".getBytes();
        backend.put("aborted/short.bin", old);

        assertThatThrownBy(() -> backend.put("aborted/short.bin", new GeneratedStream(11 * MIB, 6), 12 * MIB, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(String.valueOf(12 * MIB));

        assertThat(backend.getBytes("aborted/short.bin")).isEqualTo(old);
        assertThat(bucket.multipartUploads("aborted/")).isEmpty();
    }

    @Test
    void put_interruptedWhileWaitingForABuffer_abortsTheMultipartUpload() {
        try (MinioStorageBackend oneBuffer = MinioStorageBackend.create(bucket.config().partSize(5 * MIB).maxPartsInFlight(1).build())) {
            // Interrupts the uploading thread as it reads the first byte of the second part, before it waits for a buffer.
            InputStream interrupting = new FilterInputStream(new GeneratedStream(12 * MIB, 7)) {
                private long read;

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int n = in.read(buffer, offset, length);
                    read += Math.max(n, 0);
                    if (read > 5 * MIB) {
                        Thread.currentThread().interrupt();
                    }
                    return n;
                }
            };

            try {
                assertThatThrownBy(() -> oneBuffer.put("aborted/interrupted.bin", interrupting, StorageBackend.UNKNOWN_LENGTH,
                        PutOptions.defaults()))
                        .isInstanceOf(StorageException.class)
                        .hasRootCauseInstanceOf(InterruptedException.class);
                assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
            } finally {
                Thread.interrupted();
            }
        }
        assertThat(bucket.multipartUploads("aborted/")).isEmpty();
        assertThat(backend.head("aborted/interrupted.bin")).isEmpty();
    }

    @Test
    void put_multipartIfNoneMatchOnExistingKey_throwsPreconditionFailedAndLeavesNoUpload() {
        byte[] old = "first writer".getBytes();
        backend.put("conditional/lock.bin", old);

        assertThatThrownBy(() -> backend.put("conditional/lock.bin", new GeneratedStream(11 * MIB, 8),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.builder().ifNoneMatchAny().build()))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(backend.getBytes("conditional/lock.bin")).isEqualTo(old);
        assertThat(bucket.multipartUploads("conditional/")).isEmpty();
    }

    @Test
    void put_multipartIfMatchCurrentEtag_replacesTheObject() {
        String etag = backend.put("conditional/doc.bin", "v1".getBytes()).etag();

        backend.put("conditional/doc.bin", new GeneratedStream(11 * MIB, 9), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().ifMatch(etag).build());

        assertThat(backend.head("conditional/doc.bin").orElseThrow().size()).isEqualTo(11 * MIB);
    }

    @Test
    void put_knownLengthOverTenThousandParts_isRefusedBeforeReadingTheBody() {
        InputStream unreadable = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the body must not be read");
            }
        };

        assertThatThrownBy(() -> backend.put("huge/too-long.bin", unreadable, 5 * MIB * 10_000 + 1, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("partSize");

        assertThat(bucket.multipartUploads("huge/")).isEmpty();
    }

    @Test
    void put_manyParts_neverHasMoreThanMaxPartsInFlightUploading() {
        AtomicInteger uploading = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Interceptor counting = chain -> {
            boolean part = chain.request().url().queryParameter("partNumber") != null;
            if (part) {
                most.accumulateAndGet(uploading.incrementAndGet(), Math::max);
            }
            try {
                return chain.proceed(chain.request());
            } finally {
                if (part) {
                    uploading.decrementAndGet();
                }
            }
        };
        OkHttpClient client = bucket.httpClient().newBuilder().addInterceptor(counting).build();
        try (MinioStorageBackend twoBuffers = MinioStorageBackend.create(bucket.config().httpClient(client)
                .partSize(5 * MIB).maxPartsInFlight(2).build())) {

            twoBuffers.put("bounded/parts.bin", new GeneratedStream(31 * MIB, 10), StorageBackend.UNKNOWN_LENGTH,
                    PutOptions.defaults());

            try (StorageObject object = twoBuffers.get("bounded/parts.bin")) {
                assertThat(GeneratedStream.sha256(object.stream())).isEqualTo(GeneratedStream.sha256(31 * MIB, 10));
            }
        }
        assertThat(most.get()).isBetween(1, 2);
    }
}
