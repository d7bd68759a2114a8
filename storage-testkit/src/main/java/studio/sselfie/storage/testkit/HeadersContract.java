package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance of the HTTP object headers ({@link ObjectHeaders}): each is stored by put and returned by head and get
 * as it was sent (put's own info says what it sent); copy keeps them or replaces them as {@link CopyOptions} says;
 * an overwrite replaces them; a {@code Content-Encoding} is stored, never applied or undone by the client. Listings
 * need not carry them.
 */
public abstract class HeadersContract extends ConformanceContract {
    /** Over the 5 MiB part size S3 clients commonly use, so an unknown-length put goes multipart. */
    private static final int MULTIPART_BYTES = 6 * 1024 * 1024 + 17;
    private static final Instant EXPIRES = Instant.parse("2031-05-17T08:30:00Z");
    private static final ObjectHeaders ALL = ObjectHeaders.builder()
            .cacheControl("public, max-age=31536000, immutable")
            .contentDisposition("attachment; filename=\"selfie.png\"")
            .contentEncoding("identity")
            .contentLanguage("de-CH")
            .expires(EXPIRES)
            .build();

    protected HeadersContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_cacheControl_isReturnedByHeadAndGet() {
        assertRoundTrip(h -> h.cacheControl("public, max-age=86400"));
    }

    @Test
    void put_contentDisposition_isReturnedByHeadAndGet() {
        assertRoundTrip(h -> h.contentDisposition("inline; filename=\"photo.jpg\""));
    }

    @Test
    void put_contentEncoding_isReturnedByHeadAndGet() {
        assertRoundTrip(h -> h.contentEncoding("identity"));
    }

    @Test
    void put_contentLanguage_isReturnedByHeadAndGet() {
        assertRoundTrip(h -> h.contentLanguage("fr-CA, en"));
    }

    @Test
    void put_expires_isReturnedByHeadAndGet() {
        assertRoundTrip(h -> h.expires(EXPIRES));
    }

    @Test
    void put_everyHeader_putInfoSaysWhatWasSent() {
        ObjectInfo put = backend.put("headers/all.png", randomBytes(100, 1), PutOptions.builder()
                .contentType("image/png").headers(ALL).build());

        assertThat(put.headers()).isEqualTo(ALL);
        assertThat(backend.head("headers/all.png").orElseThrow().headers()).isEqualTo(ALL);
    }

    @Test
    void put_noHeaders_headReturnsNone() {
        write("headers/plain.bin", randomBytes(10, 1));

        assertThat(backend.head("headers/plain.bin").orElseThrow().headers()).isEqualTo(ObjectHeaders.none());
    }

    @Test
    void put_gzipContentEncoding_getReturnsStoredBytesUndecoded() {
        byte[] gzipped = gzip("{\"selfies\":[]}".repeat(50));
        backend.put("headers/data.json.gz", gzipped, PutOptions.builder().contentType("application/json")
                .headers(h -> h.contentEncoding("gzip")).build());

        try (StorageObject object = backend.get("headers/data.json.gz")) {
            assertThat(object.stream()).hasBinaryContent(gzipped);
            assertThat(object.info().headers().contentEncoding()).contains("gzip");
            assertThat(object.info().size()).isEqualTo(gzipped.length);
        }
    }

    @Test
    void put_nonAsciiFilenameInContentDisposition_isReturnedAsSentInAscii() {
        String header = ContentDisposition.attachment("Grüße aus Zürich 📸.png");
        ObjectHeaders headers = ObjectHeaders.of(h -> h.contentDisposition(header));
        backend.put("headers/gruss.png", randomBytes(100, 1), PutOptions.builder().headers(headers).build());

        String stored = backend.head("headers/gruss.png").orElseThrow().headers().contentDisposition().orElseThrow();

        assertThat(stored).isEqualTo("attachment; filename=\"Gr__e aus Z_rich _.png\"; "
                + "filename*=UTF-8''Gr%C3%BC%C3%9Fe%20aus%20Z%C3%BCrich%20%F0%9F%93%B8.png");
        assertThat(stored.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    @Test
    void copy_keep_targetHasSourceHeaders() {
        backend.put("headers/source.png", randomBytes(100, 1), PutOptions.builder().contentType("image/png").headers(ALL).build());

        ObjectInfo copied = backend.copy("headers/source.png", "headers/target.png");

        assertThat(copied.headers()).isEqualTo(ALL);
        assertThat(backend.head("headers/target.png").orElseThrow().headers()).isEqualTo(ALL);
    }

    @Test
    void copy_keep_targetHasSourceHeadersOtherThanExpires() {
        ObjectHeaders headers = ALL.toBuilder().expires(null).build();
        backend.put("headers/source.png", randomBytes(100, 1), PutOptions.builder().headers(headers).build());

        backend.copy("headers/source.png", "headers/target.png");

        assertThat(backend.head("headers/target.png").orElseThrow().headers()).isEqualTo(headers);
    }

    @Test
    void put_unknownLengthMultipartSized_keepsEveryHeader() {
        byte[] bytes = randomBytes(MULTIPART_BYTES, 3);
        backend.put("headers/large.tif", streamOf(bytes), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().contentType("image/tiff").headers(ALL).build());

        assertThat(backend.head("headers/large.tif").orElseThrow().headers()).isEqualTo(ALL);
    }

    @Test
    void put_unknownLengthMultipartSized_keepsHeadersOtherThanExpires() {
        ObjectHeaders headers = ALL.toBuilder().expires(null).build();
        backend.put("headers/large.tif", streamOf(randomBytes(MULTIPART_BYTES, 3)), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().headers(headers).build());

        assertThat(backend.head("headers/large.tif").orElseThrow().headers()).isEqualTo(headers);
    }

    @Test
    void copy_replace_targetHasOnlyNewHeadersContentTypeAndMetadata() {
        assumeCapability(Capability.USER_METADATA);
        backend.put("headers/source.png", randomBytes(100, 1), PutOptions.builder().contentType("image/png")
                .headers(ALL).metadata("owner", "u1").build());
        PutOptions replacement = PutOptions.builder().contentType("image/webp")
                .headers(h -> h.cacheControl("no-store")).metadata("owner", "u2").build();

        ObjectInfo copied = backend.copy("headers/source.png", "headers/target.webp", CopyOptions.replace(replacement));

        ObjectInfo target = backend.head("headers/target.webp").orElseThrow();
        assertThat(target.headers()).isEqualTo(ObjectHeaders.of(h -> h.cacheControl("no-store")));
        assertThat(target.contentType()).contains("image/webp");
        assertThat(target.metadata()).isEqualTo(Map.of("owner", "u2"));
        assertThat(copied.headers()).isEqualTo(target.headers());
        assertThat(backend.head("headers/source.png").orElseThrow().headers()).isEqualTo(ALL);
    }

    @Test
    void copy_replaceOntoItself_changesHeadersAndKeepsBytes() {
        byte[] bytes = randomBytes(300, 2);
        backend.put("headers/self.png", bytes, PutOptions.builder().contentType("image/png").headers(ALL).build());
        PutOptions replacement = PutOptions.builder().contentType("image/png")
                .headers(h -> h.cacheControl("max-age=60")).build();

        backend.copy("headers/self.png", "headers/self.png", CopyOptions.replace(replacement));

        assertThat(backend.head("headers/self.png").orElseThrow().headers())
                .isEqualTo(ObjectHeaders.of(h -> h.cacheControl("max-age=60")));
        assertThat(read("headers/self.png")).isEqualTo(bytes);
    }

    @Test
    void put_overwrite_replacesHeaders() {
        backend.put("headers/over.png", randomBytes(100, 1), PutOptions.builder().headers(ALL).build());

        backend.put("headers/over.png", randomBytes(100, 2), PutOptions.builder()
                .headers(h -> h.contentLanguage("en")).build());

        assertThat(backend.head("headers/over.png").orElseThrow().headers())
                .isEqualTo(ObjectHeaders.of(h -> h.contentLanguage("en")));
    }

    private void assertRoundTrip(Consumer<ObjectHeaders.Builder> configure) {
        ObjectHeaders headers = ObjectHeaders.of(configure);
        byte[] bytes = randomBytes(100, 1);
        ObjectInfo put = backend.put("headers/object.png", bytes, PutOptions.builder().contentType("image/png").headers(headers).build());

        assertThat(put.headers()).isEqualTo(headers);
        assertThat(backend.head("headers/object.png").orElseThrow().headers()).isEqualTo(headers);
        try (StorageObject object = backend.get("headers/object.png")) {
            assertThat(object.info().headers()).isEqualTo(headers);
            assertThat(object.stream()).hasBinaryContent(bytes);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
