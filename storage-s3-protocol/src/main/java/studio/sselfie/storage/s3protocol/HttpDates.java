package studio.sselfie.storage.s3protocol;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The time a write's answer carries. S3 answers a PutObject or a CompleteMultipartUpload without
 * {@code Last-Modified}, but with the HTTP {@code Date} of the answer: the backends take that as the written object's
 * last-modified time rather than send a HEAD for it (see {@code ObjectInfo#lastModified()} for its precision).
 */
public final class HttpDates {
    private HttpDates() {
    }

    /**
     * The instant of an HTTP date ({@code Wed, 02 Dec 2026 05:34:52 GMT}, RFC 7231's IMF-fixdate), or, when the
     * answer had none or an unreadable one, {@code clock}'s now cut to the second, as an HTTP date is.
     */
    public static Instant parseOrNow(String httpDate, Clock clock) {
        if (httpDate != null) {
            try {
                return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(httpDate.strip()));
            } catch (DateTimeParseException unreadable) {
                // Falls through to the local clock: the write succeeded, its answer's date is only informative.
            }
        }
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}
