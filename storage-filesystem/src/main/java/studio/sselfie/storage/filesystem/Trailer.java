package studio.sselfie.storage.filesystem;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;

/**
 * What an object file holds after its bytes: the object's info, then 8 bytes: the info's length and a magic number.
 * The bytes come first so that a put streams them straight to disk and appends the info, whose ETag and size it only
 * knows at the end; data and info are in one file, renamed into place as one, so no reader ever sees new bytes with
 * old info.
 *
 * <p>Layout: {@code [bytes][info][int info length][int MAGIC]}; the info is version, key, size, MD5 hex, last-modified
 * (epoch milliseconds), content type, the five HTTP headers, user metadata and the SHA-256 hex, each string as an int
 * length ({@code -1} for absent) and UTF-8.
 */
final class Trailer {
    /** "SSF1": marks a file this backend wrote. */
    static final int MAGIC = 0x53534631;
    static final int FOOTER_BYTES = 8;
    private static final byte VERSION = 1;
    private static final int MAX_INFO_BYTES = 1024 * 1024;
    /** What a head reads from the end of a file: the info of nearly every object fits. */
    private static final int HEAD_READ_BYTES = 4096;

    private Trailer() {
    }

    /** The trailer bytes for {@code info} (whose ETag is quoted MD5 hex). */
    static byte[] encode(ObjectInfo info) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, info.key());
            out.writeLong(info.size());
            writeString(out, info.etag());
            out.writeLong(info.lastModified().toEpochMilli());
            writeString(out, info.contentType().orElse(null));
            ObjectHeaders headers = info.headers();
            writeString(out, headers.cacheControl().orElse(null));
            writeString(out, headers.contentDisposition().orElse(null));
            writeString(out, headers.contentEncoding().orElse(null));
            writeString(out, headers.contentLanguage().orElse(null));
            writeString(out, headers.expiresHttpDate().orElse(null));
            out.writeInt(info.metadata().size());
            for (Map.Entry<String, String> entry : info.metadata().entrySet()) {
                writeString(out, entry.getKey());
                writeString(out, entry.getValue());
            }
            writeString(out, info.sha256().orElse(null));
            int infoLength = bytes.size();
            out.writeInt(infoLength);
            out.writeInt(MAGIC);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the info of the object file open in {@code channel}, with one read of its last few KiB.
     *
     * @throws IOException     if reading fails
     * @throws NotAnObjectFile if the file has no trailer this backend wrote
     */
    static ObjectInfo read(FileChannel channel) throws IOException {
        return read(channel, HEAD_READ_BYTES).info;
    }

    /**
     * Reads the info of the object file open in {@code channel} with one read of its last {@code tailBytes} bytes
     * (a second one only if the info is longer); when that is the whole file, the result keeps its bytes, so that a
     * small object is served with one read.
     *
     * @throws IOException     if reading fails
     * @throws NotAnObjectFile if the file has no trailer this backend wrote
     */
    static Read read(FileChannel channel, int tailBytes) throws IOException {
        long fileSize = channel.size();
        if (fileSize < FOOTER_BYTES) {
            throw new NotAnObjectFile("the file is shorter than a trailer");
        }
        int tail = (int) Math.min(fileSize, Math.max(tailBytes, FOOTER_BYTES));
        byte[] tailRead = readFully(channel, fileSize - tail, tail).array();
        ByteBuffer footer = ByteBuffer.wrap(tailRead, tail - FOOTER_BYTES, FOOTER_BYTES);
        int infoLength = footer.getInt();
        if (footer.getInt() != MAGIC) {
            throw new NotAnObjectFile("the file does not end with the trailer's magic number");
        }
        if (infoLength <= 0 || infoLength > MAX_INFO_BYTES || infoLength > fileSize - FOOTER_BYTES) {
            throw new NotAnObjectFile("the trailer's length " + infoLength + " does not fit the file");
        }
        long dataLength = fileSize - FOOTER_BYTES - infoLength;
        ObjectInfo info = infoLength + FOOTER_BYTES <= tail
                ? parse(tailRead, tail - FOOTER_BYTES - infoLength, infoLength, dataLength)
                : parse(readFully(channel, dataLength, infoLength).array(), 0, infoLength, dataLength);
        return new Read(info, tail == fileSize ? tailRead : null);
    }

    private static ObjectInfo parse(byte[] bytes, int offset, int length, long dataLength) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, offset, length))) {
            if (in.readByte() != VERSION) {
                throw new NotAnObjectFile("the trailer's version is unknown");
            }
            ObjectInfo.Builder info = ObjectInfo.builder().key(readString(in)).size(in.readLong()).etag(readString(in))
                    .lastModified(Instant.ofEpochMilli(in.readLong())).contentType(readString(in));
            info.headers(ObjectHeaders.stored(readString(in), readString(in), readString(in), readString(in), readString(in)));
            int entries = in.readInt();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (int i = 0; i < entries; i++) {
                metadata.put(readString(in), readString(in));
            }
            ObjectInfo built = info.metadata(metadata).sha256(readString(in)).build();
            if (built.size() != dataLength) {
                throw new NotAnObjectFile("the trailer gives " + built.size() + " bytes, the file holds " + dataLength);
            }
            return built;
        } catch (EOFException | RuntimeException malformed) {
            throw new NotAnObjectFile("the trailer is malformed: " + malformed);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new NotAnObjectFile("the file ended inside its trailer");
            }
        }
        return buffer.flip();
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > MAX_INFO_BYTES) {
            throw new NotAnObjectFile("a string of the trailer is " + length + " bytes long");
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** An object's info and, when the read took the whole file, the file's bytes (the object's first). */
    static final class Read {
        final ObjectInfo info;
        /** The whole file, the object's bytes at {@code [0, info.size())}; {@code null} when only its end was read. */
        final byte[] wholeFile;

        Read(ObjectInfo info, byte[] wholeFile) {
            this.info = info;
            this.wholeFile = wholeFile;
        }
    }

    /** The file is not one this backend wrote (no trailer, or a damaged one). */
    static final class NotAnObjectFile extends IOException {
        private static final long serialVersionUID = 1L;

        NotAnObjectFile(String message) {
            super(message);
        }
    }
}
