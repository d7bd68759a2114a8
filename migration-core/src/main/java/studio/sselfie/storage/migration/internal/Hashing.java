package studio.sselfie.storage.migration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in lower-case hex, of text and of streams. */
public final class Hashing {
    private Hashing() {
    }

    /** A new SHA-256 digest (every JDK has one). */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Hex SHA-256 of the UTF-8 bytes of {@code text}: how a user key or a unit is named in a state key. */
    public static String sha256Hex(String text) {
        return hex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        return hex(sha256().digest(bytes));
    }

    /** Lower-case hex of {@code bytes}. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code text} looks like {@link #sha256Hex}: 64 lower-case hex digits. */
    public static boolean isSha256Hex(String text) {
        if (text.length() != 64) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Size and SHA-256 of the rest of {@code in}, read in 16 KiB chunks (a new buffer per call, and most objects are
     * small: a larger one costs more to allocate than it saves in reads); the stream is not closed.
     */
    public static Fingerprint fingerprint(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[16 * 1024];
        long size = 0;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
            size += n;
        }
        return new Fingerprint(size, hex(digest.digest()));
    }
}
