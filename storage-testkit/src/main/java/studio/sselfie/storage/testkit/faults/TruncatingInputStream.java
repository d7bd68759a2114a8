package studio.sselfie.storage.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Delivers the first {@code prefix} bytes of a stream, then fails every read with an {@link IOException}, as a
 * connection reset midway through a body does. Closing closes the wrapped stream. Nothing is buffered.
 */
final class TruncatingInputStream extends InputStream {
    private final InputStream in;
    private final long prefix;
    private final long size;
    private final String description;
    private long position;

    /**
     * @param prefix      how many bytes to deliver before failing; below {@code size}
     * @param size        how many bytes the wrapped stream would deliver, for the message
     * @param description what is being read, for the message (e.g. "call 7, key 'a/b'")
     */
    TruncatingInputStream(InputStream in, long prefix, long size, String description) {
        this.in = Objects.requireNonNull(in, "in is null");
        this.prefix = prefix;
        this.size = size;
        this.description = Objects.requireNonNull(description, "description is null");
    }

    @Override
    public int read() throws IOException {
        failIfCut();
        int b = in.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        failIfCut();
        int n = in.read(b, off, (int) Math.min(len, prefix - position));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        if (n <= 0) {
            return 0;
        }
        failIfCut();
        long skipped = in.skip(Math.min(n, prefix - position));
        position += Math.max(0, skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), prefix - position);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void failIfCut() throws IOException {
        if (position >= prefix) {
            throw new IOException("connection reset (injected) after " + prefix + " of " + size + " bytes, "
                    + description);
        }
    }
}
