package studio.sselfie.storage.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Just enough HTTP/1.1 framing for {@link HttpFaultProxy}: where a message head ends and how long its body is. Bytes
 * are relayed exactly as read (chunk-size lines and trailers included), because the client's signature covers the
 * request as sent.
 */
final class HttpFraming {
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final int MAX_LINE_BYTES = 8 * 1024;
    private static final int BUFFER_BYTES = 16 * 1024;

    private HttpFraming() {
    }

    /**
     * A message head: its raw bytes (to forward unchanged) and the few header values framing needs. No other header
     * is kept, so credentials in {@code Authorization} live only in {@link #raw()}, which is never logged.
     *
     * @param contentLength the {@code Content-Length}, or -1 when absent
     */
    record Head(byte[] raw, String startLine, long contentLength, boolean chunked, boolean expectContinue) {
        /** The method of a request head. */
        String method() {
            int space = startLine.indexOf(' ');
            return space < 0 ? startLine : startLine.substring(0, space);
        }

        /** The path of a request head, without its query (the query of a presigned URL holds its signature). */
        String path() {
            String[] parts = startLine.split(" ", 3);
            if (parts.length < 2) {
                return "";
            }
            int query = parts[1].indexOf('?');
            return query < 0 ? parts[1] : parts[1].substring(0, query);
        }

        /** The status code of a response head. */
        int status() throws IOException {
            String[] parts = startLine.split(" ", 3);
            try {
                return Integer.parseInt(parts[1]);
            } catch (RuntimeException e) {
                throw new IOException("not an HTTP status line: " + startLine, e);
            }
        }

        /** The raw head with {@code Connection: close} added before its blank line. */
        byte[] withConnectionClose() {
            byte[] header = "Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1);
            byte[] result = new byte[raw.length + header.length];
            int end = raw.length - 2; // keep the final CRLF after the added header
            System.arraycopy(raw, 0, result, 0, end);
            System.arraycopy(header, 0, result, end, header.length);
            System.arraycopy(raw, end, result, end + header.length, 2);
            return result;
        }
    }

    /**
     * Reads one message head, up to and including its blank line.
     *
     * @return the head, or {@code null} when the stream ends before its first byte
     * @throws IOException if the stream ends inside the head or the head is malformed or too long
     */
    static Head readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int b = in.read();
        // Tolerate blank lines between messages (RFC 9112, section 2.2).
        while (b == '\r' || b == '\n') {
            b = in.read();
        }
        if (b < 0) {
            return null;
        }
        int matched = 0; // how much of CR LF CR LF has been seen
        while (true) {
            if (b < 0) {
                throw new EOFException("stream ended inside a message head");
            }
            head.write(b);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("message head longer than " + MAX_HEAD_BYTES + " bytes");
            }
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return parse(head.toByteArray());
            }
            b = in.read();
        }
    }

    private static Head parse(byte[] raw) throws IOException {
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        long contentLength = -1;
        boolean chunked = false;
        boolean expectContinue = false;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).strip();
            switch (name) {
                case "content-length" -> contentLength = parseLength(value, contentLength);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "expect" -> expectContinue = value.equalsIgnoreCase("100-continue");
                default -> {
                }
            }
        }
        return new Head(raw, lines[0], contentLength, chunked, expectContinue);
    }

    private static long parseLength(String value, long previous) throws IOException {
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length: " + value, e);
        }
        if (length < 0 || (previous >= 0 && previous != length)) {
            throw new IOException("bad Content-Length: " + value);
        }
        return length;
    }

    /** Copies the body of a request head from {@code in} to {@code out}: chunked, by length, or none. */
    static void copyRequestBody(Head head, InputStream in, OutputStream out) throws IOException {
        if (head.chunked()) {
            copyChunked(in, out);
        } else if (head.contentLength() > 0) {
            copyFixed(in, out, head.contentLength());
        }
    }

    /**
     * Whether a response has no body at all: interim and {@code 204}/{@code 304} answers, and any answer to
     * {@code HEAD} (RFC 9112, section 6.3).
     */
    static boolean isBodyless(String requestMethod, int status) {
        return "HEAD".equals(requestMethod) || status < 200 || status == 204 || status == 304;
    }

    /** Copies a chunked body chunk by chunk, size lines, data and trailers alike, up to its blank last line. */
    static void copyChunked(InputStream in, OutputStream out) throws IOException {
        while (true) {
            byte[] sizeLine = readLine(in);
            out.write(sizeLine);
            long size = chunkSize(sizeLine);
            if (size == 0) {
                copyTrailers(in, out);
                return;
            }
            copyFixed(in, out, size + 2); // data and its CRLF
        }
    }

    /** Copies the trailer section that ends a chunked body, up to its blank line. */
    static void copyTrailers(InputStream in, OutputStream out) throws IOException {
        byte[] line;
        do {
            line = readLine(in);
            out.write(line);
        } while (line.length > 2);
    }

    /** The size a chunk-size line announces (its extensions ignored). */
    static long chunkSize(byte[] sizeLine) throws IOException {
        String text = new String(sizeLine, StandardCharsets.ISO_8859_1).strip();
        int extension = text.indexOf(';');
        String hex = (extension < 0 ? text : text.substring(0, extension)).strip();
        try {
            long size = Long.parseLong(hex, 16);
            if (size < 0) {
                throw new IOException("bad chunk size: " + hex);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new IOException("bad chunk size: " + hex, e);
        }
    }

    /** Reads one line including its line feed. */
    static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(16);
        int b;
        do {
            b = in.read();
            if (b < 0) {
                throw new EOFException("stream ended inside a line");
            }
            line.write(b);
            if (line.size() > MAX_LINE_BYTES) {
                throw new IOException("line longer than " + MAX_LINE_BYTES + " bytes");
            }
        } while (b != '\n');
        return line.toByteArray();
    }

    /** Copies exactly {@code length} bytes. */
    static void copyFixed(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, Math.max(1, length))];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException("stream ended " + left + " bytes before the end of a body");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
