package studio.sselfie.storage;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Builds {@code Content-Disposition} values that name a file, for any file name, as ASCII (RFC 6266 with RFC 8187,
 * formerly 5987): {@code attachment; filename="fallback"; filename*=UTF-8''percent-encoded}. Browsers that know
 * {@code filename*} use it; older clients see the ASCII fallback, in which each character that is not printable ASCII
 * (or is a quote, backslash or percent sign) becomes {@code _}.
 */
public final class ContentDisposition {
    private ContentDisposition() {
    }

    /**
     * A header telling browsers to download the object as {@code filename}.
     *
     * @throws IllegalArgumentException if the file name is empty
     */
    public static String attachment(String filename) {
        return withFilename("attachment", filename);
    }

    /** A header telling browsers to show the object, and to save it as {@code filename} if asked to. */
    public static String inline(String filename) {
        return withFilename("inline", filename);
    }

    private static String withFilename(String type, String filename) {
        Objects.requireNonNull(filename, "filename is null");
        if (filename.isEmpty()) {
            throw new IllegalArgumentException("filename must not be empty");
        }
        return type + "; filename=\"" + asciiFallback(filename) + "\"; filename*=UTF-8''" + percentEncode(filename);
    }

    private static String asciiFallback(String filename) {
        StringBuilder out = new StringBuilder();
        filename.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
        return out.toString();
    }

    // RFC 8187 attr-char is ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~".
    private static String percentEncode(String filename) {
        StringBuilder out = new StringBuilder();
        for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "!#$&+-.^_`|~".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return out.toString();
    }
}
