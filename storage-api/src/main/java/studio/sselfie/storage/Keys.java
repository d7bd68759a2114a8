package studio.sselfie.storage;

import java.util.Objects;

/**
 * The one key validator every backend uses, before any I/O, so that a key accepted in memory is accepted on S3.
 *
 * <p>A key is 1 to {@value StorageLimits#MAX_KEY_BYTES} UTF-8 bytes of well-formed Unicode, with no control
 * character (U+0000-U+001F, U+007F-U+009F), and read as {@code /}-separated segments: it does not start or end with
 * {@code /}, has no empty segment ({@code a//b}), no segment over {@value #MAX_SEGMENT_BYTES} UTF-8 bytes and no
 * {@code .} or {@code ..} segment. Any other character is
 * allowed, spaces, {@code +}, {@code %} and non-Latin scripts included.
 *
 * <p>A listing prefix is empty or a start of some valid key: the same length, encoding and control-character rules,
 * no leading {@code /}; it may end with {@code /} or in the middle of a segment.
 *
 * <p>These are the {@link KeyPolicy#PORTABLE} rules, what a new write accepts by default. What names an existing
 * object (get, head, delete, a copy's source, a listing prefix) is checked under {@link KeyPolicy#STORE}, which takes
 * every key an S3-protocol store can hold: see {@link #validate(String, StorageOperation, String, KeyPolicy)}.
 */
public final class Keys {
    /** The backend name used in exceptions when a key is checked outside any backend. */
    public static final String NO_BACKEND = "keys";

    /**
     * Longest segment (the text between two {@code /}), in UTF-8 bytes: 255, MinIO's limit and that of most file
     * systems, so that a key accepted in memory is accepted by MinIO and by a directory-backed store.
     */
    public static final int MAX_SEGMENT_BYTES = 255;

    /** The rules a key can break. */
    public enum Rule {
        EMPTY("must not be empty"),
        TOO_LONG("must be at most " + StorageLimits.MAX_KEY_BYTES + " UTF-8 bytes"),
        MALFORMED_UNICODE("must be well-formed Unicode (no unpaired surrogate)"),
        CONTROL_CHARACTER("must not contain control characters (U+0000-U+001F, U+007F-U+009F)"),
        LEADING_SLASH("must not start with '/'"),
        TRAILING_SLASH("must not end with '/'"),
        EMPTY_SEGMENT("must not contain an empty segment ('//')"),
        SEGMENT_TOO_LONG("must not contain a segment longer than " + Keys.MAX_SEGMENT_BYTES + " UTF-8 bytes"),
        DOT_SEGMENT("must not contain a '.' or '..' segment");

        private final String description;

        Rule(String description) {
            this.description = description;
        }

        /** The rule in words, as used in exception messages. */
        public String description() {
            return description;
        }
    }

    private Keys() {
    }

    /**
     * Checks a key.
     *
     * @throws NullPointerException if key is null
     * @throws InvalidKeyException  naming the key and the first rule it breaks
     */
    public static void validate(String backend, StorageOperation operation, String key) {
        Objects.requireNonNull(key, "key is null");
        Rule broken = check(key, false);
        if (broken != null) {
            throw new InvalidKeyException(backend, operation, key, broken);
        }
    }

    /**
     * Checks a listing prefix ({@code ""} allowed).
     *
     * @throws NullPointerException if prefix is null
     * @throws InvalidKeyException  naming the prefix and the first rule it breaks
     */
    public static void validatePrefix(String backend, StorageOperation operation, String prefix) {
        Objects.requireNonNull(prefix, "prefix is null");
        Rule broken = check(prefix, true);
        if (broken != null) {
            throw new InvalidKeyException(backend, operation, prefix, broken);
        }
    }

    /**
     * Checks a key under {@code policy}: {@link #validate(String, StorageOperation, String)} for
     * {@link KeyPolicy#PORTABLE}; for {@link KeyPolicy#STORE} that it is 1 to {@value StorageLimits#MAX_KEY_BYTES}
     * UTF-8 bytes of well-formed Unicode without a {@code .} or {@code ..} segment (see {@link KeyPolicy#STORE}).
     *
     * @throws NullPointerException if key or policy is null
     * @throws InvalidKeyException  naming the key and the first rule it breaks
     */
    public static void validate(String backend, StorageOperation operation, String key, KeyPolicy policy) {
        Objects.requireNonNull(key, "key is null");
        Objects.requireNonNull(policy, "policy is null");
        Rule broken = policy == KeyPolicy.PORTABLE ? check(key, false) : checkStorePolicy(key);
        if (broken != null) {
            throw new InvalidKeyException(backend, operation, key, broken);
        }
    }

    /**
     * Checks a listing prefix ({@code ""} allowed) under {@code policy}; for {@link KeyPolicy#STORE}, any prefix of at
     * most {@value StorageLimits#MAX_KEY_BYTES} UTF-8 bytes of well-formed Unicode.
     *
     * @throws NullPointerException if prefix or policy is null
     * @throws InvalidKeyException  naming the prefix and the first rule it breaks
     */
    public static void validatePrefix(String backend, StorageOperation operation, String prefix, KeyPolicy policy) {
        Objects.requireNonNull(prefix, "prefix is null");
        Objects.requireNonNull(policy, "policy is null");
        Rule broken = policy == KeyPolicy.PORTABLE ? check(prefix, true) : checkStoreKey(prefix, true, false);
        if (broken != null) {
            throw new InvalidKeyException(backend, operation, prefix, broken);
        }
    }

    /** Whether the key breaks no rule. */
    public static boolean isValid(String key) {
        return key != null && check(key, false) == null;
    }

    /**
     * The first rule the key breaks, or {@code null} when it is valid. One pass over the chars and no allocation: every
     * get, head and put checks its key, so this is on the hot path of every backend. The rules are reported in the
     * order of {@link Rule}'s checks: a malformed or control character first (the first one in the key), then the
     * length, a leading or trailing slash, an empty segment, and then the first segment that is a dot segment or too
     * long.
     */
    private static Rule check(String key, boolean prefix) {
        int length = key.length();
        if (length == 0) {
            return prefix ? null : Rule.EMPTY;
        }
        int utf8Bytes = 0;
        boolean emptySegment = false;
        Rule segmentRule = null;
        int segmentStart = 0;
        int segmentBytes = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c == '/') {
                if (i == segmentStart && i > 0) {
                    emptySegment = true;
                }
                if (segmentRule == null) {
                    segmentRule = segmentRule(key, segmentStart, i, segmentBytes, true);
                }
                utf8Bytes++;
                segmentStart = i + 1;
                segmentBytes = 0;
                continue;
            }
            int bytes;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return Rule.MALFORMED_UNICODE;
                }
                bytes = 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Rule.MALFORMED_UNICODE;
            } else if (c <= 0x1F || (c >= 0x7F && c <= 0x9F)) {
                return Rule.CONTROL_CHARACTER;
            } else {
                bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }
            utf8Bytes += bytes;
            segmentBytes += bytes;
        }
        if (segmentRule == null) {
            // In a prefix, the last segment may be cut short: ".", say, could still become ".thumbnails".
            segmentRule = segmentRule(key, segmentStart, length, segmentBytes, !prefix);
        }
        if (utf8Bytes > StorageLimits.MAX_KEY_BYTES) {
            return Rule.TOO_LONG;
        }
        if (key.charAt(0) == '/') {
            return Rule.LEADING_SLASH;
        }
        if (!prefix && key.charAt(length - 1) == '/') {
            return Rule.TRAILING_SLASH;
        }
        if (emptySegment) {
            return Rule.EMPTY_SEGMENT;
        }
        return segmentRule;
    }

    /**
     * Checks a key a listing can return, for a batch delete: 1 to {@value StorageLimits#MAX_KEY_BYTES} UTF-8 bytes of
     * well-formed Unicode, dot segments included (a batch names its keys in the request body, not in a path).
     *
     * @throws NullPointerException if key is null
     * @throws InvalidKeyException  naming the key and the first rule it breaks
     */
    public static void validateListed(String backend, StorageOperation operation, String key) {
        Objects.requireNonNull(key, "key is null");
        Rule broken = checkStoreKey(key, false, false);
        if (broken != null) {
            throw new InvalidKeyException(backend, operation, key, broken);
        }
    }

    /** The first rule of {@link KeyPolicy#STORE} the key breaks (empty, too long, malformed, dot segment), or null. */
    private static Rule checkStorePolicy(String key) {
        return checkStoreKey(key, false, true);
    }

    /**
     * The first rule a listed key breaks (empty, malformed, too long) or, with {@code dotSegments}, a {@code .} or
     * {@code ..} segment after those, or {@code null}. One pass over the chars and no allocation, as {@link #check}:
     * every get, head and delete checks its key here.
     */
    private static Rule checkStoreKey(String key, boolean prefix, boolean dotSegments) {
        int length = key.length();
        if (length == 0) {
            return prefix ? null : Rule.EMPTY;
        }
        int utf8Bytes = 0;
        boolean dotSegment = false;
        int segmentStart = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= length || !Character.isLowSurrogate(key.charAt(i + 1))) {
                    return Rule.MALFORMED_UNICODE;
                }
                utf8Bytes += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return Rule.MALFORMED_UNICODE;
            } else {
                utf8Bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                if (c == '/') {
                    dotSegment |= dotSegments && isDotSegment(key, segmentStart, i);
                    segmentStart = i + 1;
                }
            }
        }
        dotSegment |= dotSegments && isDotSegment(key, segmentStart, length);
        if (utf8Bytes > StorageLimits.MAX_KEY_BYTES) {
            return Rule.TOO_LONG;
        }
        return dotSegment ? Rule.DOT_SEGMENT : null;
    }

    /** Whether {@code key[start, end)} is the segment {@code .} or {@code ..}. */
    private static boolean isDotSegment(String key, int start, int end) {
        int length = end - start;
        return (length == 1 || length == 2) && key.charAt(start) == '.' && (length == 1 || key.charAt(start + 1) == '.');
    }

    /** The rule the segment {@code key[start, end)} of {@code bytes} UTF-8 bytes breaks, or {@code null}. */
    private static Rule segmentRule(String key, int start, int end, int bytes, boolean complete) {
        if (complete && isDotSegment(key, start, end)) {
            return Rule.DOT_SEGMENT;
        }
        return bytes > MAX_SEGMENT_BYTES ? Rule.SEGMENT_TOO_LONG : null;
    }
}
