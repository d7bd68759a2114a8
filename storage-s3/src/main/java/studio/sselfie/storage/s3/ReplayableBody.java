package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * The caller's body of a single PutObject as the SDK sees it. The caller's stream is read once; its first bytes (up to
 * {@value #REPLAY_LIMIT}) are kept so that the SDK can send a small body again when an attempt fails (a stale pooled
 * connection, a 503). A failure of the caller's stream itself (a length mismatch, an I/O error) is final: every later
 * attempt fails with it, so no retry can store bytes that differ from the caller's body.
 */
final class ReplayableBody implements ContentStreamProvider {
    /** Bodies up to this many bytes can be sent again: 128 KiB, what the SDK itself keeps for a marked stream. */
    static final int REPLAY_LIMIT = 128 * 1024;

    private final InputStream body;
    private byte[] kept = new byte[0];
    private int keptLength;
    private long consumed;
    private IOException failure;
    private boolean started;

    ReplayableBody(InputStream body) {
        this.body = body;
    }

    @Override
    public synchronized InputStream newStream() {
        if (failure != null) {
            throw new UncheckedIOException("reading the body failed", failure);
        }
        if (started && consumed > keptLength) {
            throw new IllegalStateException("a streamed body of more than " + REPLAY_LIMIT + " bytes cannot be sent again");
        }
        started = true;
        return new Attempt();
    }

    private synchronized int readBody(byte[] b, int off, int len) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int n;
        try {
            n = body.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (n > 0) {
            if (consumed + n <= REPLAY_LIMIT) {
                if (keptLength + n > kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(REPLAY_LIMIT, Math.max(keptLength + n, kept.length * 2)));
                }
                System.arraycopy(b, off, kept, keptLength, n);
                keptLength += n;
            }
            consumed += n;
        }
        return n;
    }

    /** One attempt's view: the kept bytes first, then the rest of the caller's stream. */
    private final class Attempt extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            synchronized (ReplayableBody.this) {
                if (position < keptLength) {
                    int n = (int) Math.min(len, keptLength - position);
                    System.arraycopy(kept, (int) position, b, off, n);
                    position += n;
                    return n;
                }
                int n = readBody(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            }
        }
    }
}
