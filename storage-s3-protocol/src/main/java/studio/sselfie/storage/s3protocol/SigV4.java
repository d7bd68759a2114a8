package studio.sselfie.storage.s3protocol;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What every S3-protocol backend's request signing shares: SigV4's date format and the headers a client sends. */
public final class SigV4 {
    /** {@code X-Amz-Date}: {@code 20261202T083005Z}. */
    public static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** Signed headers any HTTP client sets itself, from the URL and the body: a caller is not told to send them. */
    private static final Set<String> SET_BY_HTTP_CLIENT = Set.of("host", "content-length");

    private SigV4() {
    }

    /**
     * The headers of a presigned request its client must send: every signed header but those its HTTP client sets
     * itself (a browser or {@code java.net.http} refuses to be given {@code Host} or {@code Content-Length}; the
     * length it sends is the body's, which the signature then checks).
     */
    public static Map<String, String> headersToSend(Map<String, String> signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEach((name, value) -> {
            if (!SET_BY_HTTP_CLIENT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        return headers;
    }
}
