package studio.sselfie.storage.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import studio.sselfie.storage.PresignedRequest;

/**
 * The phone of the example: it talks to the store directly with what the app signed for it, never through the app.
 * A real phone app does the same with its own HTTP client.
 */
interface Phone {
    /** What the store answered the phone. */
    record Answer(int status, byte[] body, String contentDisposition) {
        boolean accepted() {
            return status / 100 == 2;
        }
    }

    /** Sends {@code request} with {@code body} (the photo of an upload; empty for a download). */
    Answer send(PresignedRequest request, byte[] body, Map<String, String> clientFields);

    /** A phone that sends over HTTP with the JDK's client. */
    static Phone http() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return (request, body, clientFields) -> {
            try {
                HttpResponse<byte[]> response = client.send(
                        request.toHttpRequest(HttpRequest.BodyPublishers.ofByteArray(body), clientFields),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Answer(response.statusCode(), response.body(),
                        response.headers().firstValue("Content-Disposition").orElse(null));
            } catch (IOException e) {
                throw new UncheckedIOException("the phone could not reach the store for " + request, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        };
    }
}
