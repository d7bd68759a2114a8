package studio.sselfie.storage.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Passes a stream through unchanged but for one byte, XORed with a non-zero mask: silent corruption, as from a faulty
 * network or disk. Closing closes the wrapped stream. Nothing is buffered.
 */
final class CorruptingInputStream extends InputStream {
    private final InputStream in;
    private final long offset;
    private final int mask;
    private long position;

    /**
     * @param offset the position of the byte to change
     * @param mask   what to XOR it with, 1..255
     */
    CorruptingInputStream(InputStream in, long offset, int mask) {
        this.in = Objects.requireNonNull(in, "in is null");
        if (mask < 1 || mask > 255) {
            throw new IllegalArgumentException("mask must be 1..255, was " + mask);
        }
        this.offset = offset;
        this.mask = mask;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            return b;
        }
        if (position++ == offset) {
            b = (b ^ mask) & 0xff;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            if (offset >= position && offset < position + n) {
                int at = off + (int) (offset - position);
                b[at] = (byte) (b[at] ^ mask);
            }
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        position += Math.max(0, skipped);
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
