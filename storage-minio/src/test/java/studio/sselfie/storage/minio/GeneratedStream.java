package studio.sselfie.storage.minio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * {@code length} seeded pseudo-random bytes made as they are read, never held in memory: the same bytes however the
 * reads are cut. Optionally fails with an {@link IOException} once {@code failAfter} bytes were read.
 */
final class GeneratedStream extends InputStream {
    private final SplittableRandom random;
    private final long failAfter;
    private long remaining;
    private long position;
    private long word;
    private int wordBytes;

    GeneratedStream(long length, long seed) {
        this(length, seed, Long.MAX_VALUE);
    }

    private GeneratedStream(long length, long seed, long failAfter) {
        this.random = new SplittableRandom(seed);
        this.remaining = length;
        this.failAfter = failAfter;
    }

    /** A stream that yields {@code good} bytes of the sequence of {@code seed}, then fails. */
    static GeneratedStream failingAfter(long good, long seed) {
        return new GeneratedStream(Long.MAX_VALUE, seed, good);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position >= failAfter) {
            throw new IOException("simulated failure of the body after " + failAfter + " bytes");
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(Math.min(length, remaining), failAfter - position);
        for (int i = 0; i < n; i++) {
            if (wordBytes == 0) {
                word = random.nextLong();
                wordBytes = 8;
            }
            buffer[offset + i] = (byte) word;
            word >>>= 8;
            wordBytes--;
        }
        remaining -= n;
        position += n;
        return n;
    }

    /** The {@code length} bytes of {@code seed} in an array, for small objects. */
    static byte[] bytes(int length, long seed) {
        try {
            return new GeneratedStream(length, seed).readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    /** SHA-256 of the {@code length} bytes of {@code seed}. */
    static String sha256(long length, long seed) {
        return sha256(new GeneratedStream(length, seed));
    }
}
