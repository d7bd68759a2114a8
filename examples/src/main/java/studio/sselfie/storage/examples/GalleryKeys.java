package studio.sselfie.storage.examples;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the gallery keeps its images. The current layout is {@code users/<user>/originals/<file>.jpg} with thumbnails
 * at {@code users/<user>/thumbnails/<file>.jpg}; the old, flat one was {@code selfies/<user>/<file>.jpg}.
 */
final class GalleryKeys {
    /** Prefix of the old, flat layout. */
    static final String OLD_PREFIX = "selfies/";
    /** Prefix of the current layout. */
    static final String USERS_PREFIX = "users/";

    private static final Pattern OLD = Pattern.compile("selfies/([^/]+)/([^/]+\\.(?i:jpe?g))");
    private static final Pattern ORIGINAL = Pattern.compile("users/([^/]+)/originals/([^/]+)\\.((?i:jpe?g|png))");
    private static final Pattern THUMBNAIL = Pattern.compile("users/([^/]+)/thumbnails/([^/]+\\.(?i:jpe?g))");

    private GalleryKeys() {
    }

    /** The key of original {@code file} of {@code user}. */
    static String original(String user, String file) {
        return USERS_PREFIX + user + "/originals/" + file;
    }

    /** The prefix under which {@code user}'s originals live. */
    static String originalsOf(String user) {
        return USERS_PREFIX + user + "/originals/";
    }

    /** The key of the old layout for original {@code file} of {@code user}. */
    static String oldOriginal(String user, String file) {
        return OLD_PREFIX + user + "/" + file;
    }

    /** Whether {@code key} is an original of the current layout. */
    static boolean isOriginal(String key) {
        return ORIGINAL.matcher(key).matches();
    }

    /** Whether {@code key} is a thumbnail of the current layout. */
    static boolean isThumbnail(String key) {
        return THUMBNAIL.matcher(key).matches();
    }

    /**
     * The thumbnail key of an original.
     *
     * @throws IllegalArgumentException if {@code originalKey} is not an original
     */
    static String thumbnailOf(String originalKey) {
        Matcher matcher = ORIGINAL.matcher(Objects.requireNonNull(originalKey, "originalKey is null"));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + originalKey + "' is not an original (users/<user>/originals/<file>.jpg)");
        }
        // Thumbnails are JPEG whatever the original: a PNG's is named .jpg, a JPEG's keeps its name.
        String extension = matcher.group(3).equalsIgnoreCase("png") ? "jpg" : matcher.group(3);
        return USERS_PREFIX + matcher.group(1) + "/thumbnails/" + matcher.group(2) + "." + extension;
    }

    /** The current-layout key for an old-layout key; any other key is returned unchanged. */
    static String oldToNew(String key) {
        Matcher matcher = OLD.matcher(key);
        return matcher.matches() ? original(matcher.group(1), matcher.group(2)) : key;
    }

    /**
     * The old-layout key for a JPEG original of the current layout; any other key (a PNG original too: the old layout
     * held JPEGs only) is returned unchanged.
     */
    static String newToOld(String key) {
        Matcher matcher = ORIGINAL.matcher(key);
        return matcher.matches() && !matcher.group(3).equalsIgnoreCase("png")
                ? oldOriginal(matcher.group(1), matcher.group(2) + "." + matcher.group(3)) : key;
    }

    /**
     * {@code key} as a metadata value. Values must be printable ASCII but keys may hold any Unicode, so every byte
     * outside {@code !..~}, and {@code %} itself, is percent-encoded (as in a URI), which keeps it reversible.
     */
    static String asMetadataValue(String key) {
        StringBuilder value = new StringBuilder(key.length());
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c > 0x20 && c < 0x7F && c != '%') {
                value.append((char) c);
            } else {
                value.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return value.toString();
    }
}
