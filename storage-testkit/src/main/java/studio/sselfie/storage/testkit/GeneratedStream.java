package studio.sselfie.storage.testkit;

import java.io.InputStream;
import java.util.Random;

/**
 * {@code length} seeded pseudo-random bytes, generated as read: the same bytes however the reads are cut, so a test
 * can put and check objects of many MiB without holding them in memory.
 */
final class GeneratedStream extends InputStream {
    private final Random random;
    private long remaining;

    GeneratedStream(long length, long seed) {
        this.random = new Random(seed);
        this.remaining = length;
    }

    /** The bytes a stream of {@code length} and {@code seed} yields, in memory; for objects of a few MiB only. */
    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new GeneratedStream(length, seed).read(bytes, 0, length);
        return bytes;
    }

    @Override
    public int read() {
        if (remaining == 0) {
            return -1;
        }
        remaining--;
        return random.nextInt(256);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = (int) Math.min(length, remaining);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = (byte) random.nextInt(256);
        }
        remaining -= n;
        return n;
    }
}
