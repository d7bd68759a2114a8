package studio.sselfie.storage.resilience;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.EncryptionType;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/**
 * The stream of a read, whole object or range: when the body breaks off (an {@code IOException}, or an end before the
 * bytes asked for) it reopens the object from the byte it got to, a limited number of times, as long as the object's
 * ETag is unchanged; at the end it checks the byte count and, when verifying (whole objects only), the bytes against
 * what the store proves about them: the object's SHA-256 when it has one, else the MD5 its ETag stands for when that is
 * a plain MD5 (see {@link #md5OfEtag}); it throws {@link CorruptReadException} instead of reporting the end when they
 * differ, and every later read throws it again. With neither proof the bytes are returned unverified
 * ({@link #verifies()} says so). {@code skip} reads (so skipped bytes are verified too);
 * {@code mark}/{@code reset} are not supported. After {@link #close()} every read fails. Not thread-safe.
 */
final class VerifiedStream extends InputStream {
    private static final Logger LOG = LoggerFactory.getLogger(VerifiedStream.class);

    private final ObjectInfo info;
    private final long length;
    private final LongFunction<StorageObject> reopenAt;
    private final MessageDigest digest;
    private final String expected;
    private InputStream current;
    private long position;
    private int resumesLeft;
    private boolean ended;
    private boolean closed;
    /** Why the bytes are corrupt, once known; every later read fails with it. */
    private String corruption;

    /**
     * @param object   the opened object (whole, or a range of {@code object.contentLength()} bytes)
     * @param reopenAt opens the same bytes again from the given offset into them
     * @param resumes  how many times the read may be resumed
     * @param verify   whether to check the bytes' checksum (only meaningful for a whole object)
     */
    VerifiedStream(StorageObject object, LongFunction<StorageObject> reopenAt, int resumes, boolean verify) {
        this.info = object.info();
        this.length = object.contentLength();
        this.current = object.stream();
        this.reopenAt = reopenAt;
        this.resumesLeft = resumes;
        String sha256 = info.sha256().orElse(null);
        // S3 gives an SSE-KMS or SSE-C object an ETag that is not the MD5 of its bytes, even when it looks like one.
        EncryptionType encryption = info.encryption().orElse(null);
        String md5 = encryption == EncryptionType.SSE_KMS || encryption == EncryptionType.SSE_C ? null : md5OfEtag(info.etag());
        if (verify && sha256 != null) {
            digest = ReplayableBody.digest("SHA-256");
            expected = sha256;
        } else if (verify && md5 != null) {
            digest = ReplayableBody.digest("MD5");
            expected = md5;
        } else {
            digest = null;
            expected = null;
        }
    }

    /** Whether the bytes are checked at the end: verifying was asked for and the object carries a proof to check. */
    boolean verifies() {
        return digest != null;
    }

    /**
     * The MD5 an ETag stands for, when it is a plain one: exactly 32 hex digits, quoted or not; otherwise {@code null},
     * the ETag proving nothing about the bytes. A multipart ETag ({@code "<32 hex>-<parts>"}) is the MD5 of the parts'
     * MD5s, and stores that do not use MD5 at all give other shapes (40 or 64 hex, opaque strings): none of these is
     * taken as a checksum.
     *
     * <p>AWS gives a single-part object encrypted with SSE-KMS or SSE-C a 32-hex ETag that is not the MD5 of its bytes:
     * the constructor does not ask this method for such objects ({@link ObjectInfo#encryption()}), and their reads are
     * unverified unless the object has a SHA-256.
     */
    static String md5OfEtag(String etag) {
        String bare = etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
        return bare.matches("[0-9a-fA-F]{32}") ? bare.toLowerCase(java.util.Locale.ROOT) : null;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        ensureReadable();
        if (len == 0) {
            return 0;
        }
        while (true) {
            int n;
            try {
                n = current.read(b, off, len);
            } catch (IOException e) {
                if (position == length) {
                    // Every byte asked for arrived before the connection broke: that is the end, not a break.
                    closeBroken(e);
                    LOG.debug("read of '{}' broke off after its last byte; taken as the end", info.key(), e);
                    verifyEnd();
                    return -1;
                }
                resumeOrThrow(e);
                continue;
            }
            if (n < 0) {
                if (position < length) {
                    resumeOrThrow(new EOFException("body of '" + info.key() + "' ended after " + position + " of "
                            + length + " bytes"));
                    continue;
                }
                verifyEnd();
                return -1;
            }
            if (position + n > length) {
                throw corrupt("more bytes than the " + length + " asked for");
            }
            if (digest != null) {
                digest.update(b, off, n);
            }
            position += n;
            return n;
        }
    }

    /** At most the bytes left; what the current connection has buffered. */
    @Override
    public int available() throws IOException {
        ensureReadable();
        return (int) Math.min(current.available(), length - position);
    }

    private void ensureReadable() throws IOException {
        if (closed) {
            throw new IOException("stream of '" + info.key() + "' is closed");
        }
        if (corruption != null) {
            throw new CorruptReadException(info.key(), corruption);
        }
    }

    private CorruptReadException corrupt(String detail) {
        corruption = detail;
        return new CorruptReadException(info.key(), detail);
    }

    private void resumeOrThrow(IOException cause) throws IOException {
        if (resumesLeft <= 0) {
            if (cause instanceof EOFException) {
                throw corrupt(cause.getMessage());
            }
            throw cause;
        }
        resumesLeft--;
        closeBroken(cause);
        LOG.debug("read of '{}' broke off at byte {} of {}; resuming there: {}", info.key(), position, length,
                cause.toString());
        StorageObject next;
        try {
            next = reopenAt.apply(position);
        } catch (RuntimeException e) {
            // Not only StorageExceptions: a backend closed meanwhile answers IllegalStateException.
            IOException failure = new IOException("resuming the read of '" + info.key() + "' at byte " + position
                    + " failed: " + e.getMessage(), e);
            failure.addSuppressed(cause);
            throw failure;
        }
        if (!next.info().etag().equals(info.etag())) {
            IOException changed = new IOException("'" + info.key() + "' changed while it was read (ETag "
                    + info.etag() + " became " + next.info().etag() + "): the read cannot be resumed");
            changed.addSuppressed(cause);
            try {
                next.close();
            } catch (RuntimeException e) {
                changed.addSuppressed(e);
            }
            throw changed;
        }
        current = next.stream();
    }

    private void verifyEnd() throws CorruptReadException {
        if (ended) {
            return;
        }
        ended = true;
        if (digest != null) {
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equalsIgnoreCase(expected)) {
                throw corrupt(digest.getAlgorithm() + " of the bytes read is " + actual + ", the object's is " + expected);
            }
        }
    }

    /** Closes the stream that broke; a failure to close it is kept with the failure that broke it. */
    private void closeBroken(IOException cause) {
        try {
            current.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes the current connection; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        current.close();
    }
}
