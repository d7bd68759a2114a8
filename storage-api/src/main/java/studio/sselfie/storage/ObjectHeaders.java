package studio.sselfie.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The HTTP headers a store keeps with an object and sends back when it is served: {@code Cache-Control},
 * {@code Content-Disposition}, {@code Content-Encoding}, {@code Content-Language} and {@code Expires}. Immutable; each
 * value is checked when set, so a bad header fails before any I/O. Default: none of them.
 *
 * <p>Values are visible ASCII, with single spaces or tabs allowed inside (an HTTP field value without obsolete
 * text): no CR, LF or other control character, no leading or trailing space, no non-ASCII character. A file name that
 * is not ASCII goes into {@code Content-Disposition} percent-encoded; {@link ContentDisposition#attachment(String)}
 * builds such a header.
 *
 * <p>{@code Expires} is an {@link Instant}, cut to the second (an HTTP date has no more), and sent as an IMF-fixdate
 * ({@code Wed, 02 Dec 2026 05:34:52 GMT}). A stored {@code Expires} that is not an HTTP date (legacy {@code 0} or
 * {@code -1}, written by other tools) reads as {@link Instant#EPOCH}: already expired, as RFC 9111 section 5.3 tells
 * caches to treat it.
 */
public final class ObjectHeaders {
    private static final ObjectHeaders NONE = builder().build();
    // VCHAR, with SP / HTAB inside only (RFC 9110 field-value, minus obs-text).
    private static final Pattern FIELD_VALUE = Pattern.compile("[\\x21-\\x7E]([\\x21-\\x7E \\t]*[\\x21-\\x7E])?");
    // IMF-fixdate: RFC_1123_DATE_TIME would print a one-digit day ("2 Jan"), which the fixed format does not allow.
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final String cacheControl;
    private final String contentDisposition;
    private final String contentEncoding;
    private final String contentLanguage;
    private final Instant expires;

    private ObjectHeaders(Builder builder) {
        this.cacheControl = builder.cacheControl;
        this.contentDisposition = builder.contentDisposition;
        this.contentEncoding = builder.contentEncoding;
        this.contentLanguage = builder.contentLanguage;
        this.expires = builder.expires;
    }

    /** No headers. */
    public static ObjectHeaders none() {
        return NONE;
    }

    /** A new builder with no headers set. */
    public static Builder builder() {
        return new Builder();
    }

    /** Headers built by {@code configure} from none. */
    public static ObjectHeaders of(Consumer<Builder> configure) {
        Objects.requireNonNull(configure, "configure is null");
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding these headers. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.cacheControl = cacheControl;
        builder.contentDisposition = contentDisposition;
        builder.contentEncoding = contentEncoding;
        builder.contentLanguage = contentLanguage;
        builder.expires = expires;
        return builder;
    }

    /** {@code Cache-Control}, e.g. {@code public, max-age=31536000, immutable}. */
    public Optional<String> cacheControl() {
        return Optional.ofNullable(cacheControl);
    }

    /** {@code Content-Disposition}, e.g. {@code inline} or {@code attachment; filename="a.png"}. */
    public Optional<String> contentDisposition() {
        return Optional.ofNullable(contentDisposition);
    }

    /** {@code Content-Encoding}, e.g. {@code gzip}: the stored bytes are so encoded, the store does not decode them. */
    public Optional<String> contentEncoding() {
        return Optional.ofNullable(contentEncoding);
    }

    /** {@code Content-Language}, e.g. {@code de-CH}. */
    public Optional<String> contentLanguage() {
        return Optional.ofNullable(contentLanguage);
    }

    /** {@code Expires}, to the second. */
    public Optional<Instant> expires() {
        return Optional.ofNullable(expires);
    }

    /** Whether no header is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** {@link #expires()} as an HTTP date (IMF-fixdate), as a backend sends it. */
    public Optional<String> expiresHttpDate() {
        return expires().map(HTTP_DATE::format);
    }

    /**
     * The headers a store holds, for a backend reading them: values are taken as given, unchecked (a bucket can hold
     * what other tools wrote, and a read must not fail on it); {@code null} or empty means absent. An {@code expires}
     * that is not an HTTP date reads as {@link Instant#EPOCH} (see the class comment).
     */
    public static ObjectHeaders stored(String cacheControl, String contentDisposition, String contentEncoding,
                                       String contentLanguage, String expires) {
        Builder builder = new Builder();
        builder.cacheControl = emptyToNull(cacheControl);
        builder.contentDisposition = emptyToNull(contentDisposition);
        builder.contentEncoding = emptyToNull(contentEncoding);
        builder.contentLanguage = emptyToNull(contentLanguage);
        builder.expires = parseExpires(emptyToNull(expires));
        return builder.build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Instant parseExpires(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip()));
        } catch (DateTimeParseException notADate) {
            return Instant.EPOCH;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ObjectHeaders)) {
            return false;
        }
        ObjectHeaders that = (ObjectHeaders) o;
        return Objects.equals(cacheControl, that.cacheControl) && Objects.equals(contentDisposition, that.contentDisposition)
                && Objects.equals(contentEncoding, that.contentEncoding) && Objects.equals(contentLanguage, that.contentLanguage)
                && Objects.equals(expires, that.expires);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cacheControl, contentDisposition, contentEncoding, contentLanguage, expires);
    }

    @Override
    public String toString() {
        return "ObjectHeaders{cacheControl=" + cacheControl + ", contentDisposition=" + contentDisposition
                + ", contentEncoding=" + contentEncoding + ", contentLanguage=" + contentLanguage + ", expires=" + expires + '}';
    }

    /** Builder of {@link ObjectHeaders}. Each setter checks its value at once; {@code null} unsets the header. */
    public static final class Builder {
        private String cacheControl;
        private String contentDisposition;
        private String contentEncoding;
        private String contentLanguage;
        private Instant expires;

        private Builder() {
        }

        /** @throws IllegalArgumentException naming {@code Cache-Control} if the value is not a valid field value */
        public Builder cacheControl(String value) {
            this.cacheControl = check("Cache-Control", value);
            return this;
        }

        /**
         * @throws IllegalArgumentException naming {@code Content-Disposition} if the value is not a valid field value
         *                                  (a non-ASCII file name must be percent-encoded: see
         *                                  {@link ContentDisposition#attachment(String)})
         */
        public Builder contentDisposition(String value) {
            this.contentDisposition = check("Content-Disposition", value);
            return this;
        }

        /** @throws IllegalArgumentException naming {@code Content-Encoding} if the value is not a valid field value */
        public Builder contentEncoding(String value) {
            this.contentEncoding = check("Content-Encoding", value);
            return this;
        }

        /** @throws IllegalArgumentException naming {@code Content-Language} if the value is not a valid field value */
        public Builder contentLanguage(String value) {
            this.contentLanguage = check("Content-Language", value);
            return this;
        }

        /**
         * {@code Expires}, cut to the second.
         *
         * @throws IllegalArgumentException if the instant is before year 1 or after year 9999 (no HTTP date for it)
         */
        public Builder expires(Instant value) {
            if (value != null && (value.isBefore(Instant.parse("0001-01-01T00:00:00Z"))
                    || value.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
                throw new IllegalArgumentException("header Expires " + value + " has no HTTP date (years 1..9999)");
            }
            this.expires = value == null ? null : value.truncatedTo(ChronoUnit.SECONDS);
            return this;
        }

        public ObjectHeaders build() {
            return new ObjectHeaders(this);
        }

        private static String check(String header, String value) {
            if (value != null && !FIELD_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("header " + header + " must be visible ASCII with spaces or tabs "
                        + "inside only (no CR, LF, control or non-ASCII characters, no leading or trailing space): '"
                        + printable(value) + "'");
            }
            return value;
        }

        // A message that cannot itself smuggle a CR/LF into a log line.
        private static String printable(String value) {
            StringBuilder out = new StringBuilder();
            value.codePoints().forEach(c -> {
                if (c >= 0x20 && c < 0x7F) {
                    out.appendCodePoint(c);
                } else {
                    out.append(String.format("\\u%04X", c));
                }
            });
            return out.toString();
        }
    }
}
