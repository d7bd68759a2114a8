package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.InputStream;

import software.amazon.awssdk.core.ResponseInputStream;

/**
 * The body of a GetObject. Closing it early gives its connection back to the pool: a small rest is read to the end
 * (cheaper than a new connection), a large rest aborts the connection (cheaper than downloading bytes nobody reads).
 */
final class S3ObjectStream extends InputStream {
    /** Up to this many unread bytes are drained on close; more abort the connection. */
    static final long DRAIN_LIMIT = 64 * 1024;

    private final ResponseInputStream<?> in;
    private long remaining;
    private boolean closed;

    S3ObjectStream(ResponseInputStream<?> in, long length) {
        this.in = in;
        this.remaining = length;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = in.skip(n);
        remaining -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (remaining > DRAIN_LIMIT) {
            in.abort();
        } else if (remaining > 0) {
            drain();
        }
        in.close();
    }

    private void drain() {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // discard: only the connection matters now
            }
        } catch (IOException e) {
            // A broken rest cannot be reused anyway.
            in.abort();
        }
    }
}
