package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance of multipart uploads, for backends that declare {@link Capability#MULTIPART_UPLOAD}: each test runs on
 * a backend from {@link StorageBackendConformanceSuite#createBackendWithPartSize(long)} with parts of
 * {@link StorageBackendConformanceSuite#MULTIPART_PART_SIZE} (5 MiB), so objects just over one part go up in two. A
 * multipart object reads back byte-exact, whole and in ranges across the part boundary, with one ETag everywhere; a
 * body that fails after a part leaves the old object and no partial one; a copy of a multipart object is exact.
 */
public abstract class MultipartContract extends ConformanceContract {
    static final int PART = (int) StorageBackendConformanceSuite.MULTIPART_PART_SIZE;
    /** One whole part and a short last one: the smallest multipart object, and the one most of these tests use. */
    private static final int TWO_PARTS = PART + 345_679;

    private boolean partSizeHookMissing;

    protected MultipartContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Override
    StorageBackend createBackend(StorageBackendConformanceSuite suite) {
        Optional<StorageBackend> withParts = suite.createBackendWithPartSize(StorageBackendConformanceSuite.MULTIPART_PART_SIZE);
        partSizeHookMissing = withParts.isEmpty();
        return withParts.orElseGet(suite::createBackend);
    }

    @BeforeEach
    final void assumeMultipart() {
        assumeCapability(Capability.MULTIPART_UPLOAD);
        Assumptions.assumeFalse(partSizeHookMissing, () -> backend.name() + " declares MULTIPART_UPLOAD, but its suite"
                + " does not override StorageBackendConformanceSuite.createBackendWithPartSize(long): test skipped");
    }

    @Test
    void put_knownLengthOverOnePart_readsBackByteExactWithOneEtag() {
        ObjectInfo stored = backend.put("multipart/known.bin", new GeneratedStream(TWO_PARTS, 1), TWO_PARTS,
                PutOptions.defaults());

        assertStored("multipart/known.bin", stored, TWO_PARTS, 1);
    }

    @Test
    void put_unknownLengthOverOnePart_readsBackByteExactWithOneEtag() {
        ObjectInfo stored = backend.put("multipart/unknown.bin", new GeneratedStream(TWO_PARTS, 2),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertStored("multipart/unknown.bin", stored, TWO_PARTS, 2);
    }

    /** A body that ends exactly on a part boundary: a backend must not send an empty last part, nor lose the last one. */
    @Test
    void put_unknownLengthOfExactlyTwoParts_readsBackByteExact() {
        ObjectInfo stored = backend.put("multipart/two-whole-parts.bin", new GeneratedStream(2L * PART, 3),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertStored("multipart/two-whole-parts.bin", stored, 2L * PART, 3);
    }

    @Test
    void put_overOnePartWithContentTypeAndMetadata_keepsBoth() {
        PutOptions.Builder options = PutOptions.builder().contentType("video/mp4");
        if (backend.supports(Capability.USER_METADATA)) {
            options.metadata("camera", "x100v");
        }

        backend.put("multipart/typed.mp4", new GeneratedStream(TWO_PARTS, 4), StorageBackend.UNKNOWN_LENGTH,
                options.build());

        ObjectInfo head = backend.head("multipart/typed.mp4").orElseThrow();
        MetadataContract.assertContentType(head, "video/mp4");
        assertThat(head.metadata()).as("user metadata of a multipart object, from head")
                .isEqualTo(options.build().metadata());
    }

    @Test
    void get_rangesAcrossThePartBoundary_returnExactlyThoseBytes() {
        byte[] bytes = GeneratedStream.bytes(TWO_PARTS, 5);
        backend.put("multipart/ranges.bin", streamOf(bytes), bytes.length, PutOptions.defaults());

        assertRange("multipart/ranges.bin", bytes, ByteRange.of(PART - 1, PART));
        assertRange("multipart/ranges.bin", bytes, ByteRange.of(PART - 1000, PART + 999));
        assertRange("multipart/ranges.bin", bytes, ByteRange.of(PART, PART));
        assertRange("multipart/ranges.bin", bytes, ByteRange.from(PART - 7));
        assertRange("multipart/ranges.bin", bytes, ByteRange.suffix(bytes.length - PART + 3));
        assertRange("multipart/ranges.bin", bytes, ByteRange.of(0, bytes.length - 1));
    }

    @Test
    void put_unknownLengthBodyFailingAfterOnePart_keepsOldObjectAndAddsNothing() {
        assertFailedPutKeepsOldObject(StorageBackend.UNKNOWN_LENGTH);
    }

    @Test
    void put_knownLengthBodyFailingAfterOnePart_keepsOldObjectAndAddsNothing() {
        assertFailedPutKeepsOldObject(TWO_PARTS);
    }

    @Test
    void put_bodyFailingAfterOnePartOnNewKey_leavesNoObject() {
        assertThatThrownBy(() -> backend.put("multipart/never.bin", failingAfter(PART + 1000), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.defaults()))
                .as("a put whose body throws IOException after one part must fail with a StorageException")
                .isInstanceOf(StorageException.class);

        assertThat(backend.head("multipart/never.bin")).as("head of a key whose only put failed after one part").isEmpty();
        assertThat(backend.list("")).as("listing after a failed multipart put: no partial object may show").isEmpty();
    }

    @Test
    void copy_multipartObject_isByteExactWithContentTypeAndMetadata() {
        PutOptions.Builder options = PutOptions.builder().contentType("image/tiff");
        if (backend.supports(Capability.USER_METADATA)) {
            options.metadata("owner", "alice");
        }
        backend.put("multipart/source.tif", new GeneratedStream(TWO_PARTS, 6), TWO_PARTS, options.build());

        ObjectInfo copied = backend.copy("multipart/source.tif", "multipart/copy.tif");

        assertStored("multipart/copy.tif", copied, TWO_PARTS, 6);
        ObjectInfo head = backend.head("multipart/copy.tif").orElseThrow();
        MetadataContract.assertContentType(head, "image/tiff");
        assertThat(head.metadata()).as("user metadata of the copy of a multipart object")
                .isEqualTo(options.build().metadata());
    }

    private void assertFailedPutKeepsOldObject(long length) {
        byte[] old = randomBytes(10_000, 7);
        ObjectInfo before = write("multipart/kept.bin", old);

        assertThatThrownBy(() -> backend.put("multipart/kept.bin", failingAfter(PART + 1000), length, PutOptions.defaults()))
                .as("a put whose body throws IOException after one part must fail with a StorageException")
                .isInstanceOf(StorageException.class);

        assertThat(read("multipart/kept.bin")).as("bytes of the object a failed multipart put was to replace")
                .isEqualTo(old);
        assertThat(backend.head("multipart/kept.bin").orElseThrow().etag())
                .as("etag of the object a failed multipart put was to replace").isEqualTo(before.etag());
        assertThat(backend.list("").map(ObjectInfo::key)).as("keys after a failed multipart put")
                .containsExactly("multipart/kept.bin");
    }

    /** Checks size, bytes (by digest) and that put/copy, head, get and list agree on the ETag. */
    private void assertStored(String key, ObjectInfo stored, long size, long seed) {
        assertThat(stored.size()).as("size %s returned for %s", "put/copy", key).isEqualTo(size);
        ObjectInfo head = backend.head(key).orElseThrow(() -> new AssertionError("head found no object at " + key));
        assertThat(head.size()).as("size of %s from head", key).isEqualTo(size);
        assertThat(head.etag()).as("etag of %s from head must equal the one put/copy returned", key)
                .isEqualTo(stored.etag());
        try (StorageObject object = backend.get(key)) {
            assertThat(object.info().etag()).as("etag of %s from get", key).isEqualTo(stored.etag());
            assertThat(object.contentLength()).as("content length of %s from get", key).isEqualTo(size);
            assertThat(sha256(object.stream())).as("SHA-256 of the bytes of %s read back", key)
                    .isEqualTo(sha256(new GeneratedStream(size, seed)));
        }
        assertThat(backend.list(key).filter(info -> info.key().equals(key)).map(ObjectInfo::etag))
                .as("etag of %s from the listing", key).containsExactly(stored.etag());
    }

    private void assertRange(String key, byte[] bytes, ByteRange range) {
        int first = (int) range.firstByte(bytes.length);
        int end = first + (int) range.length(bytes.length);
        try (StorageObject object = backend.get(key, GetOptions.range(range))) {
            assertThat(object.readAllBytes()).as("bytes of range %s of a %d-byte object in %d-byte parts", range,
                    bytes.length, PART).isEqualTo(Arrays.copyOfRange(bytes, first, end));
        }
    }

    /** A body of unknown end that yields {@code good} generated bytes, then throws as a broken upload source would. */
    private static InputStream failingAfter(int good) {
        InputStream bytes = new GeneratedStream(good, 8);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = bytes.read(b, off, len);
                if (n < 0) {
                    throw new IOException("simulated failure of the body after " + good + " bytes");
                }
                return n;
            }
        };
    }
}
