package studio.sselfie.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * An object being read: its {@link ObjectInfo} and a stream of its bytes (or of the requested range). The caller must
 * close it; closing releases the underlying connection whether or not the stream was read to the end.
 */
public final class StorageObject implements AutoCloseable {
    private final ObjectInfo info;
    private final InputStream stream;
    private final long contentLength;
    private final ByteRange range;

    /**
     * @param info          the info of the whole object
     * @param stream        the bytes: the whole object, or the range
     * @param contentLength how many bytes {@code stream} yields
     * @param range         the range requested, or {@code null} for the whole object
     */
    public StorageObject(ObjectInfo info, InputStream stream, long contentLength, ByteRange range) {
        this.info = Objects.requireNonNull(info, "info is null");
        this.stream = Objects.requireNonNull(stream, "stream is null");
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength must be >= 0, was " + contentLength);
        }
        this.contentLength = contentLength;
        this.range = range;
    }

    /** The info of the whole object (its size is the object's, not the range's). */
    public ObjectInfo info() {
        return info;
    }

    /** The bytes. Read it once; closing this object closes it. */
    public InputStream stream() {
        return stream;
    }

    /** How many bytes {@link #stream()} yields. */
    public long contentLength() {
        return contentLength;
    }

    /** The range that was requested, if any. */
    public Optional<ByteRange> range() {
        return Optional.ofNullable(range);
    }

    /**
     * Reads the rest of the stream into memory. Only for objects known to be small.
     *
     * @throws UncheckedIOException if reading fails
     */
    public byte[] readAllBytes() {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading '" + info.key() + "' failed", e);
        }
    }

    /**
     * Closes the stream, releasing its connection.
     *
     * @throws UncheckedIOException if closing fails
     */
    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing '" + info.key() + "' failed", e);
        }
    }

    @Override
    public String toString() {
        return "StorageObject{key='" + info.key() + "', contentLength=" + contentLength + ", range=" + range + '}';
    }
}
