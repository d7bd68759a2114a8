package studio.sselfie.storage.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.testkit.faults.HttpFraming.Head;

class HttpFramingTest {
    @Test
    void readHead_emptyStream_returnsNull() throws IOException {
        assertThat(HttpFraming.readHead(stream(""))).isNull();
    }

    @Test
    void readHead_streamEndsInsideHead_throwsEof() {
        assertThatThrownBy(() -> HttpFraming.readHead(stream("GET / HTTP/1.1\r\nHost: a\r\n")))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void readHead_framingHeadersInAnyCase_areParsed() throws IOException {
        Head head = HttpFraming.readHead(stream(
                "PUT /b/k HTTP/1.1\r\ncontent-LENGTH: 12\r\nEXPECT: 100-Continue\r\nAuthorization: secret\r\n\r\n"));

        assertThat(head.method()).isEqualTo("PUT");
        assertThat(head.contentLength()).isEqualTo(12);
        assertThat(head.expectContinue()).isTrue();
        assertThat(head.chunked()).isFalse();
    }

    @Test
    void readHead_leadingBlankLines_areSkipped() throws IOException {
        Head head = HttpFraming.readHead(stream("\r\n\r\nGET /b HTTP/1.1\r\n\r\n"));

        assertThat(head.startLine()).isEqualTo("GET /b HTTP/1.1");
    }

    @Test
    void readHead_conflictingContentLengths_throws() {
        assertThatThrownBy(() -> HttpFraming.readHead(stream(
                "PUT / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Content-Length");
    }

    @Test
    void readHead_stopsAtTheBlankLine_leavingTheBodyUnread() throws IOException {
        InputStream in = stream("PUT / HTTP/1.1\r\nContent-Length: 4\r\n\r\nbody");

        HttpFraming.readHead(in);

        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("body");
    }

    @Test
    void path_withQuery_leavesOutTheQuery() throws IOException {
        Head head = HttpFraming.readHead(stream("GET /b/k?X-Amz-Signature=abc HTTP/1.1\r\n\r\n"));

        assertThat(head.path()).isEqualTo("/b/k");
    }

    @Test
    void status_ofResponseHead_isTheCode() throws IOException {
        assertThat(HttpFraming.readHead(stream("HTTP/1.1 503 Slow Down\r\n\r\n")).status()).isEqualTo(503);
    }

    @Test
    void withConnectionClose_addsTheHeaderBeforeTheBlankLine() throws IOException {
        Head head = HttpFraming.readHead(stream("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));

        assertThat(new String(head.withConnectionClose(), StandardCharsets.ISO_8859_1))
                .isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    @Test
    void copyChunked_withExtensionsAndTrailers_copiesBytesUnchangedUpToTheEnd() throws IOException {
        String chunked = "4;chunk-signature=ab\r\nWiki\r\n5\r\npedia\r\n0\r\nx-amz-checksum-crc32: AAAA\r\n\r\n";
        InputStream in = stream(chunked + "NEXT");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        HttpFraming.copyChunked(in, out);

        assertThat(out.toString(StandardCharsets.ISO_8859_1)).isEqualTo(chunked);
        assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).isEqualTo("NEXT");
    }

    @Test
    void copyFixed_streamTooShort_throwsEof() {
        assertThatThrownBy(() -> HttpFraming.copyFixed(stream("abc"), new ByteArrayOutputStream(), 4))
                .isInstanceOf(EOFException.class);
    }

    @Test
    void isBodyless_headRequestOr204_isTrue() {
        assertThat(HttpFraming.isBodyless("HEAD", 200)).isTrue();
        assertThat(HttpFraming.isBodyless("GET", 204)).isTrue();
        assertThat(HttpFraming.isBodyless("GET", 200)).isFalse();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
