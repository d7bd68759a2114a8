package studio.sselfie.storage.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import studio.sselfie.storage.PresignedRequest;

/**
 * Sends a {@link PresignedRequest} as a phone or a browser would, with the JDK's {@link HttpClient} and
 * {@link PresignedRequest#toHttpRequest(HttpRequest.BodyPublisher, Map)}, and keeps the whole answer. For tests of
 * apps that hand out presigned requests, and for the conformance kit.
 */
public final class PresignedHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private PresignedHttp() {
    }

    /** What the store answered. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        /** The first value of the header {@code name} (any case), or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream()).findFirst().orElse(null);
        }

        /** The body as UTF-8 text (an S3 error document, for a refusal). */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** Whether the store accepted the request (2xx). */
        public boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** Sends a GET (or a PUT or POST of an empty body). */
    public static Response send(PresignedRequest request) {
        return send(request, new byte[0], Map.of());
    }

    /** Sends a PUT of {@code body}, or a POST with {@code body} as the file. */
    public static Response send(PresignedRequest request, byte[] body) {
        return send(request, body, Map.of());
    }

    /**
     * Sends the request; for a POST, {@code clientFields} (e.g. {@code key} and {@code Content-Type} under a policy's
     * prefixes) go after the signed fields and before the file.
     */
    public static Response send(PresignedRequest request, byte[] body, Map<String, String> clientFields) {
        Objects.requireNonNull(request, "request is null");
        Objects.requireNonNull(body, "body is null");
        HttpRequest http = request.toHttpRequest(HttpRequest.BodyPublishers.ofByteArray(body), clientFields);
        try {
            HttpResponse<byte[]> response = CLIENT.send(http, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted sending " + request, e);
        }
    }
}
