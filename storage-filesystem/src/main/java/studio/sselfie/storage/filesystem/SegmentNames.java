package studio.sselfie.storage.filesystem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

/**
 * Maps one key segment (the text between two {@code /}) to a file name and back. A name is plain ASCII on every
 * platform and in every locale: letters, digits and a few safe marks stay, every other UTF-8 byte is {@code %XX}
 * (upper-case hex), as are a leading {@code .} (no hidden file, no {@code .} or {@code ..}), a trailing {@code .} or
 * space (Windows drops them) and the first letter of a name Windows reserves ({@code CON}, {@code NUL}, {@code COM1}...).
 * The empty segment (keys {@code a//b}, {@code photos/}) is {@code %}.
 *
 * <p>An object's file is named by its last segment as is; a directory holding deeper keys by its segment followed by
 * {@value #DIRECTORY_SUFFIX}, which no encoded segment contains, so that keys {@code a} and {@code a/b} both exist.
 * Names starting with {@code .} are the backend's own files (temporary files, locks) and never keys.
 *
 * <p>A segment whose encoding is longer than {@value #MAX_PLAIN_NAME} characters (file systems allow 255 bytes) is
 * named by the start of its encoding, {@value #HASH_MARK} and the SHA-256 of the segment: such a name cannot be decoded,
 * so the segment is read from the object's trailer or from the directory's {@value #SEGMENT_FILE} file.
 */
final class SegmentNames {
    /** Ends the name of a directory of deeper keys. */
    static final String DIRECTORY_SUFFIX = "~";
    /** Separates the readable start of a hashed name from its hash. */
    static final char HASH_MARK = '#';
    /** In a directory with a hashed name: the segment it stands for, in UTF-8. */
    static final String SEGMENT_FILE = ".segment";
    /** Longest name written as the plain encoding. */
    static final int MAX_PLAIN_NAME = 240;
    private static final int HASHED_START = 100;
    private static final int HASH_HEX_CHARS = 40;
    private static final String SAFE_MARKS = " -_.,+=@!'()[]{};&$^";
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM2", "COM3",
            "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6",
            "LPT7", "LPT8", "LPT9");
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private SegmentNames() {
    }

    /** The file name of an object whose last segment is {@code segment}. */
    static String objectName(String segment) {
        return encode(segment);
    }

    /** The name of the directory holding the keys that continue {@code segment + "/"}. */
    static String directoryName(String segment) {
        return encode(segment) + DIRECTORY_SUFFIX;
    }

    /** Whether a name found in a directory is one the backend keeps for itself (never a key). */
    static boolean isInternal(String name) {
        return name.startsWith(".");
    }

    /** Whether {@code name} (without the directory suffix) is a hashed name, whose segment is stored elsewhere. */
    static boolean isHashed(String name) {
        return name.indexOf(HASH_MARK) >= 0;
    }

    /**
     * The segment a plain name (without the directory suffix) stands for, or {@code null} if it is no name this class
     * makes (a file someone else put there).
     */
    static String decode(String name) {
        if (name.equals("%")) {
            return "";
        }
        ByteBuffer bytes = ByteBuffer.allocate(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                if (i + 2 >= name.length()) {
                    return null;
                }
                int high = Character.digit(name.charAt(i + 1), 16);
                int low = Character.digit(name.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else if (isSafe(c)) {
                bytes.put((byte) c);
            } else {
                return null;
            }
        }
        bytes.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static String encode(String segment) {
        if (segment.isEmpty()) {
            return "%";
        }
        byte[] utf8 = segment.getBytes(StandardCharsets.UTF_8);
        StringBuilder name = new StringBuilder(utf8.length + 8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            boolean edge = (i == 0 && b == '.') || (i == utf8.length - 1 && (b == '.' || b == ' '));
            if (b < 0x80 && isSafe((char) b) && !edge) {
                name.append((char) b);
            } else {
                name.append('%').append(HEX.toHexDigits((byte) b));
            }
        }
        int dot = name.indexOf(".");
        String base = (dot < 0 ? name.toString() : name.substring(0, dot)).strip().toUpperCase(Locale.ROOT);
        if (RESERVED.contains(base)) {
            name.replace(0, 1, "%" + HEX.toHexDigits((byte) name.charAt(0)));
        }
        if (name.length() <= MAX_PLAIN_NAME) {
            return name.toString();
        }
        int cut = HASHED_START;
        if (name.charAt(cut - 1) == '%') {
            cut -= 1;
        } else if (name.charAt(cut - 2) == '%') {
            cut -= 2;
        }
        return name.substring(0, cut) + HASH_MARK + HexFormat.of().formatHex(sha256(utf8)).substring(0, HASH_HEX_CHARS);
    }

    private static boolean isSafe(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || SAFE_MARKS.indexOf(c) >= 0;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
