package studio.sselfie.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Bodies for upload tests, generated on the fly from a seed so that no test holds a large object in memory. */
final class TestBodies {
    private TestBodies() {
    }

    /** {@code length} pseudo-random bytes for {@code seed}, produced as they are read (the same however they are read). */
    static InputStream random(long length, long seed) {
        return new InputStream() {
            private final SplittableRandom random = new SplittableRandom(seed);
            private long remaining = length;
            private long bits;
            private int bitsLeft;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (len == 0) {
                    return 0;
                }
                if (remaining == 0) {
                    return -1;
                }
                int n = (int) Math.min(len, remaining);
                for (int i = 0; i < n; i++) {
                    if (bitsLeft == 0) {
                        bits = random.nextLong();
                        bitsLeft = 8;
                    }
                    b[off + i] = (byte) bits;
                    bits >>>= 8;
                    bitsLeft--;
                }
                remaining -= n;
                return n;
            }
        };
    }

    /** A stream that yields {@code good} bytes of {@code body} and then fails with {@code IOException}. */
    static InputStream failingAfter(InputStream body, long good) {
        return new InputStream() {
            private long remaining = good;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (remaining == 0) {
                    throw new IOException("the caller's body broke after " + good + " bytes");
                }
                int n = body.read(b, off, (int) Math.min(len, remaining));
                if (n > 0) {
                    remaining -= n;
                }
                return n;
            }
        };
    }

    /** Lower-case hex SHA-256 of the rest of {@code in}, streamed. */
    static String sha256(InputStream in) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
