package studio.sselfie.storage.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests of the core operations: put, get, head, delete and exists, and the convenience overloads over them
 * ({@code byte[]}, {@code String}, {@code Path}). Bytes must come back exactly as written, whatever their length.
 */
public abstract class CrudContract extends ConformanceContract {
    /** Just over 5 MiB, so that a backend uploading in 5 MiB parts also sends a short last part. */
    private static final int LARGE_SIZE = 5 * 1024 * 1024 + 4321;

    protected CrudContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_smallBytes_getReturnsSameBytes() {
        byte[] bytes = randomBytes(1000, 1);

        write("small.bin", bytes);

        assertThat(read("small.bin")).isEqualTo(bytes);
    }

    @Test
    void put_emptyBody_getReturnsNoBytes() {
        write("empty.bin", new byte[0]);

        try (StorageObject object = backend.get("empty.bin")) {
            assertThat(object.contentLength()).isZero();
            assertThat(object.info().size()).isZero();
            assertThat(object.readAllBytes()).isEmpty();
        }
    }

    @Test
    void put_oneByte_getReturnsThatByte() {
        write("one.bin", new byte[] {(byte) 0xA7});

        assertThat(read("one.bin")).containsExactly((byte) 0xA7);
    }

    @Test
    void put_largeBodyOfUnknownLength_getReturnsSameBytes() {
        ObjectInfo stored = backend.put("large-unknown.bin", new GeneratedStream(LARGE_SIZE, 2),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(stored.size()).isEqualTo(LARGE_SIZE);
        assertLargeObjectStored("large-unknown.bin", 2);
    }

    @Test
    void put_largeBodyOfKnownLength_getReturnsSameBytes() {
        ObjectInfo stored = backend.put("large-known.bin", new GeneratedStream(LARGE_SIZE, 3), LARGE_SIZE,
                PutOptions.defaults());

        assertThat(stored.size()).isEqualTo(LARGE_SIZE);
        assertLargeObjectStored("large-known.bin", 3);
    }

    @Test
    void put_anyObject_returnsInfoMatchingHead() {
        ObjectInfo stored = backend.put("photo.png", randomBytes(2048, 4),
                PutOptions.builder().contentType("image/png").build());

        ObjectInfo head = backend.head("photo.png").orElseThrow();
        assertThat(stored.key()).isEqualTo(head.key()).isEqualTo("photo.png");
        assertThat(stored.size()).isEqualTo(head.size()).isEqualTo(2048);
        assertThat(stored.etag()).isEqualTo(head.etag());
        assertThat(stored.lastModified()).isCloseTo(head.lastModified(), within(1, ChronoUnit.SECONDS));
        MetadataContract.assertContentType(stored, "image/png");
        MetadataContract.assertContentType(head, "image/png");
        assertThat(stored.metadata()).isEqualTo(head.metadata());
        if (backend.supports(Capability.CONTENT_SHA256)) {
            assertThat(stored.sha256()).isEqualTo(head.sha256());
        }
    }

    @Test
    void get_storedObject_infoMatchesHead() {
        write("info.bin", randomBytes(300, 5));
        ObjectInfo head = backend.head("info.bin").orElseThrow();

        try (StorageObject object = backend.get("info.bin")) {
            assertThat(object.contentLength()).isEqualTo(300);
            assertThat(object.info().key()).isEqualTo("info.bin");
            assertThat(object.info().size()).isEqualTo(head.size());
            assertThat(object.info().etag()).isEqualTo(head.etag());
            assertThat(object.info().lastModified()).isCloseTo(head.lastModified(), within(1, ChronoUnit.SECONDS));
        }
    }

    @Test
    void put_overExistingKey_replacesBytesAndSize() {
        write("doc.bin", randomBytes(1000, 6));
        byte[] second = randomBytes(2500, 7);

        write("doc.bin", second);

        assertThat(read("doc.bin")).isEqualTo(second);
        assertThat(backend.head("doc.bin").orElseThrow().size()).isEqualTo(2500);
    }

    @Test
    void put_shorterBodyOverExistingKey_leavesNoOldBytesBehind() {
        write("doc.bin", randomBytes(4000, 8));
        byte[] shorter = randomBytes(10, 9);

        write("doc.bin", shorter);

        assertThat(read("doc.bin")).isEqualTo(shorter);
        assertThat(backend.head("doc.bin").orElseThrow().size()).isEqualTo(10);
    }

    @Test
    void head_missingKey_isEmpty() {
        write("present.bin", randomBytes(10, 10));

        assertThat(backend.head("absent.bin")).isEmpty();
    }

    @Test
    void get_missingKey_throwsObjectNotFoundNamingTheKey() {
        assertThatThrownBy(() -> read("missing/photo.jpg"))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.key()).hasValue("missing/photo.jpg");
                    assertThat(e.getMessage()).contains("missing/photo.jpg");
                });
    }

    @Test
    void delete_existingKey_getThenThrowsObjectNotFound() {
        write("doomed.bin", randomBytes(100, 11));

        backend.delete("doomed.bin");

        assertThat(backend.head("doomed.bin")).isEmpty();
        assertThatThrownBy(() -> read("doomed.bin")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void delete_missingKey_doesNothing() {
        byte[] bytes = randomBytes(100, 12);
        write("keep.bin", bytes);

        backend.delete("never-written.bin");

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("keep.bin");
        assertThat(read("keep.bin")).isEqualTo(bytes);
    }

    @Test
    void delete_calledTwice_secondCallDoesNothing() {
        write("twice.bin", randomBytes(100, 13));
        backend.delete("twice.bin");

        backend.delete("twice.bin");

        assertThat(backend.exists("twice.bin")).isFalse();
    }

    @Test
    void delete_oneKey_leavesKeysSharingItsPrefix() {
        write("a/b", randomBytes(10, 14));
        write("a/b.bin", randomBytes(10, 15));
        write("a/bc", randomBytes(10, 16));

        backend.delete("a/b");

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("a/b.bin", "a/bc");
    }

    @Test
    void exists_storedKey_isTrue() {
        write("here.bin", new byte[0]);

        assertThat(backend.exists("here.bin")).isTrue();
    }

    @Test
    void exists_missingKey_isFalse() {
        write("here.bin", new byte[0]);

        assertThat(backend.exists("here.bi")).isFalse();
    }

    @Test
    void putString_text_roundTripsAsUtf8PlainText() {
        String text = "Caf\u00e9 \u5199\u771f \uD83D\uDCF8\nline two";

        ObjectInfo stored = backend.put("note.txt", text);

        assertThat(stored.size()).isEqualTo(text.getBytes(UTF_8).length);
        assertThat(backend.getString("note.txt")).isEqualTo(text);
        MetadataContract.assertContentType(backend.head("note.txt").orElseThrow(), "text/plain; charset=utf-8");
    }

    @Test
    void getBytes_storedObject_returnsItsBytes() {
        byte[] bytes = randomBytes(777, 17);
        write("bytes.bin", bytes);

        assertThat(backend.getBytes("bytes.bin")).isEqualTo(bytes);
    }

    @Test
    void getString_objectOfUtf8Bytes_decodesThem() {
        write("greeting.txt", "\u00a1Hola, se\u00f1or! \u4f60\u597d".getBytes(UTF_8));

        assertThat(backend.getString("greeting.txt")).isEqualTo("\u00a1Hola, se\u00f1or! \u4f60\u597d");
    }

    @Test
    void putPath_file_downloadWritesSameBytes(@TempDir Path dir) throws IOException {
        byte[] bytes = randomBytes(300_000, 18);
        Path source = Files.write(dir.resolve("source.bin"), bytes);
        Path target = dir.resolve("target.bin");

        backend.put("file.bin", source, PutOptions.defaults());
        ObjectInfo downloaded = backend.download("file.bin", target);

        assertThat(downloaded.size()).isEqualTo(bytes.length);
        assertThat(Files.mismatch(source, target)).isEqualTo(-1L);
    }

    @Test
    void download_overExistingLongerFile_replacesItWhole(@TempDir Path dir) throws IOException {
        byte[] bytes = randomBytes(1000, 19);
        write("file.bin", bytes);
        Path target = Files.write(dir.resolve("target.bin"), randomBytes(5000, 20));

        backend.download("file.bin", target);

        assertThat(Files.readAllBytes(target)).isEqualTo(bytes);
    }

    @Test
    void put_knownLengthBody_doesNotCloseCallersStream() {
        CloseTrackingStream body = new CloseTrackingStream(streamOf(randomBytes(500, 21)));

        backend.put("owned.bin", body, 500, PutOptions.defaults());

        assertThat(body.closed).as("the caller owns the body: put must not close it").isFalse();
    }

    @Test
    void put_unknownLengthBody_doesNotCloseCallersStream() {
        CloseTrackingStream body = new CloseTrackingStream(streamOf(randomBytes(500, 22)));

        backend.put("owned.bin", body, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(body.closed).as("the caller owns the body: put must not close it").isFalse();
    }

    @Test
    void put_manySmallObjects_everyOneReadableAndListed() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String key = String.format("many/object-%03d.bin", i);
            write(key, randomBytes(50 + i, 100 + i));
            keys.add(key);
        }

        assertThat(backend.list("many/").map(ObjectInfo::key)).containsExactlyElementsOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            assertThat(read(keys.get(i))).as(keys.get(i)).isEqualTo(randomBytes(50 + i, 100 + i));
        }
    }

    @Test
    void put_keysDifferingOnlyByCase_areDistinctObjects() {
        write("Photo.JPG", randomBytes(10, 23));
        write("photo.jpg", randomBytes(20, 24));
        write("PHOTO.jpg", randomBytes(30, 25));

        assertThat(backend.list("").map(ObjectInfo::key)).containsExactlyInAnyOrder("Photo.JPG", "photo.jpg", "PHOTO.jpg");
        assertThat(read("Photo.JPG")).isEqualTo(randomBytes(10, 23));
        assertThat(read("photo.jpg")).isEqualTo(randomBytes(20, 24));
        assertThat(read("PHOTO.jpg")).isEqualTo(randomBytes(30, 25));
    }

    /** Streams the object back and compares its digest, so the test never holds the large object in memory. */
    private void assertLargeObjectStored(String key, long seed) {
        String expected = sha256(new GeneratedStream(LARGE_SIZE, seed));
        try (StorageObject object = backend.get(key)) {
            assertThat(object.contentLength()).isEqualTo(LARGE_SIZE);
            assertThat(object.info().size()).isEqualTo(LARGE_SIZE);
            assertThat(sha256(object.stream())).as("SHA-256 of %s", key).isEqualTo(expected);
        }
    }

    /** Records whether anyone closed it. */
    private static final class CloseTrackingStream extends FilterInputStream {
        private volatile boolean closed;

        CloseTrackingStream(InputStream in) {
            super(in);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            super.close();
        }
    }
}
