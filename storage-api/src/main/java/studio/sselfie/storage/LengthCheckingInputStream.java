package studio.sselfie.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Yields exactly the declared number of bytes of a put body, or fails with {@link LengthMismatchException} so that the
 * backend aborts the upload before anything becomes visible. It never closes the caller's stream.
 */
final class LengthCheckingInputStream extends FilterInputStream {
    private final long declared;
    private long remaining;
    private boolean endChecked;

    LengthCheckingInputStream(InputStream in, long declared) {
        super(in);
        this.declared = declared;
        this.remaining = declared;
    }

    @Override
    public int read() throws IOException {
        if (remaining == 0) {
            // The read a caller makes to find the end of a body it has read whole: no array for it.
            checkEnd();
            return -1;
        }
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (remaining == 0) {
            checkEnd();
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw new LengthMismatchException("the body ended after " + (declared - remaining) + " bytes, but its declared length is " + declared);
        }
        remaining -= n;
        if (remaining == 0) {
            // Checked as the last declared byte is handed out, so the upload fails before it completes.
            checkEnd();
        }
        return n;
    }

    private void checkEnd() throws IOException {
        if (endChecked) {
            return;
        }
        endChecked = true;
        if (in.read() >= 0) {
            throw new LengthMismatchException("the body has more bytes than its declared length of " + declared);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a replay would defeat the count
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    @Override
    public void close() {
        // The caller owns the body.
    }

    /** The body's length differs from its declared length. */
    static final class LengthMismatchException extends IOException {
        private static final long serialVersionUID = 1L;

        LengthMismatchException(String message) {
            super(message);
        }
    }
}
