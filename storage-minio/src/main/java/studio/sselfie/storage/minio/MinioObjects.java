package studio.sselfie.storage.minio;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

import io.minio.GenericResponse;
import io.minio.Http;
import io.minio.messages.Item;
import okhttp3.Headers;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.s3protocol.HttpDates;

/**
 * What the backend reads from and writes to S3 headers: object info, user metadata, ETags and preconditions.
 *
 * <p>ETags are kept the way S3 sends them, in double quotes (the in-memory backend does the same), whatever the SDK
 * did with the quotes: {@code put}, {@code head}, {@code get}, {@code list} and {@code copy} all give the same string,
 * and {@code ifMatch} accepts it (or the bare value, which it quotes).
 */
final class MinioObjects {
    /** The header prefix S3 stores user metadata under. */
    static final String METADATA_PREFIX = "x-amz-meta-";

    private MinioObjects() {
    }

    /**
     * Whether a response or listing entry carries an ETag. A complete object always has one; some S3-compatible stores
     * (S3Proxy's) show an object that is still being written without it: such an object is not there yet.
     */
    static boolean hasEtag(String raw) {
        return raw != null && !raw.isBlank();
    }

    /** The quoted form of an ETag as any S3 response or SDK accessor gives it. */
    static String etag(String raw) {
        if (!hasEtag(raw)) {
            throw new IllegalStateException("the store returned no ETag");
        }
        String etag = raw.strip();
        if (etag.startsWith("W/")) {
            etag = etag.substring(2);
        }
        if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
            etag = etag.substring(1, etag.length() - 1);
        }
        return '"' + etag + '"';
    }

    /** The {@code If-None-Match} / {@code If-Match} header of a put's precondition, if any. */
    static Map<String, String> preconditionHeaders(PutOptions options) {
        if (options.ifNoneMatchAny()) {
            return Map.of("If-None-Match", "*");
        }
        return options.ifMatch().map(etag -> Map.of("If-Match", etag(etag))).orElse(Map.of());
    }

    /** The info of {@code key} from the headers of a HEAD or GET response; {@code size} is the whole object's. */
    static ObjectInfo fromHeaders(String key, Headers headers, long size) {
        Instant lastModified = headers.getInstant("Last-Modified");
        return MinioProtection.read(headers, ObjectInfo.builder()
                .key(key)
                .size(size)
                .etag(etag(headers.get("ETag")))
                .lastModified(lastModified == null ? Instant.EPOCH : lastModified)
                .contentType(headers.get("Content-Type"))
                .headers(ObjectHeaders.stored(headers.get("Cache-Control"), headers.get("Content-Disposition"),
                        headers.get("Content-Encoding"), headers.get("Content-Language"), headers.get("Expires")))
                .metadata(metadata(headers)))
                .build();
    }

    /** The info of a listing entry: key, size, ETag and last-modified (to the second, as HEAD gives it). */
    static ObjectInfo fromItem(Item item) {
        return ObjectInfo.builder()
                .key(item.objectName())
                .size(item.size())
                .etag(etag(item.etag()))
                .lastModified(item.lastModified() == null ? Instant.EPOCH
                        : item.lastModified().toInstant().truncatedTo(ChronoUnit.SECONDS))
                .build();
    }

    /** The user metadata of a response: {@code x-amz-meta-*} headers, names lower case without the prefix. */
    static Map<String, String> metadata(Headers headers) {
        Map<String, String> metadata = new TreeMap<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(METADATA_PREFIX) && lower.length() > METADATA_PREFIX.length()) {
                metadata.put(lower.substring(METADATA_PREFIX.length()), headers.get(name));
            }
        }
        return metadata;
    }

    /** The user metadata of {@code options} as request headers. */
    static Http.Headers metadataHeaders(PutOptions options) {
        Http.Headers headers = new Http.Headers();
        options.metadata().forEach((name, value) -> headers.put(METADATA_PREFIX + name, value));
        return headers;
    }

    /** The HTTP object headers of {@code options} as request headers, given to {@code put} one by one. */
    static void putObjectHeaders(ObjectHeaders headers, BiConsumer<String, String> put) {
        headers.cacheControl().ifPresent(value -> put.accept("Cache-Control", value));
        headers.contentDisposition().ifPresent(value -> put.accept("Content-Disposition", value));
        headers.contentEncoding().ifPresent(value -> put.accept("Content-Encoding", value));
        headers.contentLanguage().ifPresent(value -> put.accept("Content-Language", value));
        headers.expiresHttpDate().ifPresent(value -> put.accept("Expires", value));
    }

    /** The {@code Date} of the store's answer to a write (the local clock where it has none). */
    static Instant answerDate(GenericResponse response) {
        return HttpDates.parseOrNow(response.headers().get("Date"), Clock.systemUTC());
    }

    /** The value of a future of the SDK; a failure comes out as the {@link CompletionException} wrapping it. */
    static <T> T join(CompletableFuture<T> future) {
        return future.join();
    }

    /** The whole object's size from a {@code Content-Range: bytes a-b/size} header, or -1. */
    static long sizeFromContentRange(String contentRange) {
        if (contentRange == null) {
            return -1;
        }
        int slash = contentRange.lastIndexOf('/');
        if (slash < 0 || slash == contentRange.length() - 1 || contentRange.endsWith("*")) {
            return -1;
        }
        try {
            return Long.parseLong(contentRange.substring(slash + 1).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
