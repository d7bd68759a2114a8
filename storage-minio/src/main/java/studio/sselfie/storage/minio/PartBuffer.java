package studio.sselfie.storage.minio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import io.minio.ByteBuffer;

/**
 * One part of an upload in one array of at most the part size, reused for later parts. It is the SDK's
 * {@link ByteBuffer} to the SDK, which streams it to the socket a segment at a time (a plain {@code byte[]} would be
 * copied whole into OkHttp's buffers first). It starts at a given capacity and grows by doubling up to the part size
 * exactly, so a small object of unknown length does not take a whole part's memory, and no buffer ever holds more
 * than the part size (the SDK's own buffer could grow to twice that).
 */
final class PartBuffer extends ByteBuffer {
    private final int limit;
    private byte[] bytes;
    private int length;

    /**
     * @param initialCapacity the bytes allocated at once; at most {@code limit}
     * @param limit           the part size: the most the buffer holds
     */
    PartBuffer(long initialCapacity, long limit) {
        super(limit);
        this.limit = Math.toIntExact(limit);
        this.bytes = new byte[Math.toIntExact(Math.min(initialCapacity, limit))];
    }

    /** Appends the first {@code count} bytes of {@code source}, growing the array up to the part size. */
    void append(byte[] source, int count) {
        if (count > limit - length) {
            throw new IllegalStateException("part buffer full: " + count + " more bytes do not fit in " + limit);
        }
        if (count > bytes.length - length) {
            long grown = Math.max((long) length + count, Math.max(bytes.length * 2L, 1));
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, limit));
        }
        System.arraycopy(source, 0, bytes, length, count);
        length += count;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] source, int offset, int count) throws IOException {
        if (count > limit - length) {
            throw new IOException("part buffer full: " + count + " more bytes do not fit in " + limit);
        }
        append(offset == 0 ? source : Arrays.copyOfRange(source, offset, offset + count), count);
    }

    @Override
    public void write(byte[] source) throws IOException {
        write(source, 0, source.length);
    }

    /** The bytes written since the last reset. */
    @Override
    public long length() {
        return length;
    }

    /** The most the buffer holds: the part size. */
    @Override
    public long size() {
        return limit;
    }

    /** Empties the buffer for the next part; the array stays. */
    @Override
    public void reset() {
        length = 0;
    }

    @Override
    public void close() {
        // The array is reused for the next part; nothing to release.
    }

    /** A fresh stream over the bytes written; the SDK asks again for each attempt to send them. */
    @Override
    public InputStream inputStream() {
        return new ByteArrayInputStream(bytes, 0, length);
    }
}
