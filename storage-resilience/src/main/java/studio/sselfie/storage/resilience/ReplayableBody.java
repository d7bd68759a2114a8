package studio.sselfie.storage.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A put's body that can be sent again: it keeps the first {@code limit} bytes it passes on, so that {@link #rewind()}
 * can replay them, and (for a conditional put) digests every byte of the caller's stream once, in order, so that a
 * put that failed ambiguously can be compared with what the store holds. Past the limit, or when the decorator's
 * {@link ReplayBudget} is spent, it stops keeping bytes and can no longer rewind. Not thread-safe: one put reads it at a time. Closing it does not close the caller's stream (the caller
 * owns it, as {@code StorageBackend.put} says).
 */
final class ReplayableBody extends InputStream {
    private static final int INITIAL_KEPT = 64 * 1024;

    private final InputStream source;
    private final long length;
    private final int limit;
    private final MessageDigest md5;
    private final MessageDigest sha256;
    private final ReplayBudget budget;
    /** Bytes of {@link #budget} this body holds: the length of {@link #kept}. */
    private long reserved;
    private byte[] kept;
    private int keptCount;
    private boolean overflowed;
    private long sourceRead;
    private boolean sourceEnded;
    private long position;

    /** A body that digests its bytes, with no budget but its limit; see {@link #ReplayableBody(InputStream, long, int, boolean, ReplayBudget)}. */
    ReplayableBody(InputStream source, long length, int limit) {
        this(source, length, limit, true, new ReplayBudget(Long.MAX_VALUE));
    }

    /** A body with no budget but its limit; see {@link #ReplayableBody(InputStream, long, int, boolean, ReplayBudget)}. */
    ReplayableBody(InputStream source, long length, int limit, boolean digested) {
        this(source, length, limit, digested, new ReplayBudget(Long.MAX_VALUE));
    }

    /**
     * @param length   the declared length, or {@code -1} when unknown
     * @param limit    how many of the first bytes to keep for a replay
     * @param digested whether to digest the bytes for {@link #digests()}; only a conditional put needs them, and
     *                 hashing every byte of every put twice would cost CPU for nothing
     * @param budget   what the kept bytes of all bodies in flight may take; this body gives its share back on
     *                 {@link #close()}
     */
    ReplayableBody(InputStream source, long length, int limit, boolean digested, ReplayBudget budget) {
        this.source = source;
        this.length = length;
        this.limit = limit;
        this.md5 = digested ? digest("MD5") : null;
        this.sha256 = digested ? digest("SHA-256") : null;
        this.budget = budget;
        // Grown as bytes arrive: a put that fails before sending much (the usual case) never holds the whole limit.
        long expected = length >= 0 ? length : Long.MAX_VALUE;
        int initial = (int) Math.min(Math.min(expected, limit), INITIAL_KEPT);
        if (budget.tryReserve(initial)) {
            this.kept = new byte[initial];
            this.reserved = initial;
        } else {
            this.kept = null;
            this.overflowed = true;
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position < keptCount) {
            int n = (int) Math.min(len, keptCount - position);
            System.arraycopy(kept, (int) position, b, off, n);
            position += n;
            return n;
        }
        if (position < sourceRead) {
            // Bytes past the kept ones were already sent once and are gone: rewind() refuses in that case.
            throw new IllegalStateException("body replayed past its kept bytes");
        }
        int n = source.read(b, off, len);
        if (n < 0) {
            sourceEnded = true;
            return n;
        }
        if (md5 != null) {
            md5.update(b, off, n);
            sha256.update(b, off, n);
        }
        keep(b, off, n);
        sourceRead += n;
        position += n;
        return n;
    }

    private void keep(byte[] b, int off, int n) {
        if (overflowed) {
            return;
        }
        if ((long) keptCount + n > limit) {
            overflowed = true;
            kept = null;
            giveBack();
            return;
        }
        if (keptCount + n > kept.length) {
            int grown = (int) Math.min(limit, Math.max(keptCount + n, 2L * kept.length));
            if (!budget.tryReserve(grown - kept.length)) {
                // The decorator's budget is spent: keep nothing more, and hold nothing of it.
                overflowed = true;
                kept = null;
                giveBack();
                return;
            }
            reserved += grown - kept.length;
            kept = Arrays.copyOf(kept, grown);
        }
        System.arraycopy(b, off, kept, keptCount, n);
        keptCount += n;
    }

    /** Whether {@link #rewind()} can start the body over. */
    boolean canRewind() {
        return !overflowed;
    }

    /** Starts the body over from its first byte; false (and nothing changes) when more than the limit was read. */
    boolean rewind() {
        if (overflowed) {
            return false;
        }
        position = 0;
        return true;
    }

    /** Bytes read from the caller's stream so far. */
    long bytesRead() {
        return sourceRead;
    }

    /**
     * The body's size and digests, once the caller's stream was read to its end (or to its declared length); empty
     * before, or when the body is not digested.
     */
    Optional<Digests> digests() {
        if (md5 == null || !sourceEnded && (length < 0 || sourceRead != length)) {
            return Optional.empty();
        }
        HexFormat hex = HexFormat.of();
        return Optional.of(new Digests(sourceRead, hex.formatHex(clone(md5).digest()), hex.formatHex(clone(sha256).digest())));
    }

    @Override
    public void close() {
        // The caller owns the source stream; the kept bytes go, and their share of the budget with them.
        kept = null;
        overflowed = true;
        giveBack();
    }

    private void giveBack() {
        budget.release(reserved);
        reserved = 0;
    }

    /** Size, MD5 and SHA-256 (lower-case hex) of a whole body. */
    record Digests(long size, String md5, String sha256) {
    }

    private static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("digest " + digest.getAlgorithm() + " cannot be cloned", e);
        }
    }

    static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
