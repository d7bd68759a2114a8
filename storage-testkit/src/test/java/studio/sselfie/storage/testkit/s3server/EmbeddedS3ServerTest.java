package studio.sselfie.storage.testkit.s3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3ServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void start_onLoopback_answersUnsignedListBucketsWithAccessDenied() throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
            HttpResponse<String> response = send(server.endpoint().resolve("/"));

            assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains("AccessDenied");
        }
    }

    @Test
    void start_twice_givesServersOnDifferentPortsWithDifferentKeys() {
        try (EmbeddedS3Server first = EmbeddedS3Server.start(); EmbeddedS3Server second = EmbeddedS3Server.start()) {
            assertThat(first.endpoint().getPort()).isNotEqualTo(second.endpoint().getPort());
            assertThat(first.secretKey()).isNotEqualTo(second.secretKey());
            assertThat(first.accessKey()).isNotEqualTo(second.accessKey());
        }
    }

    @Test
    void close_stopsListening() {
        EmbeddedS3Server server = EmbeddedS3Server.start();
        URI endpoint = server.endpoint();

        server.close();

        // Refused, or (rarely, on loopback) the kernel picked the freed port as the client's own and connected the
        // socket to itself: either way nothing listens there any more.
        Throwable failure = catchThrowable(() -> {
            try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
                assertThat(socket.getLocalPort()).as("a connection after close can only be a self-connection")
                        .isEqualTo(endpoint.getPort());
            }
        });
        assertThat(failure == null || failure instanceof ConnectException).as("connecting after close: %s", failure).isTrue();
    }

    @Test
    void close_calledTwice_doesNothingTheSecondTime() {
        EmbeddedS3Server server = EmbeddedS3Server.start();
        server.close();

        server.close();

        assertThat(server.endpoint()).isNotNull();
    }

    @Test
    void startOnFilesystem_inDirectory_answersRequests(@TempDir Path directory) throws Exception {
        try (EmbeddedS3Server server = EmbeddedS3Server.startOnFilesystem(directory)) {
            assertThat(send(server.endpoint().resolve("/")).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void toString_always_leavesOutTheSecret() {
        try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
            assertThat(server.toString()).contains(server.endpoint().toString()).doesNotContain(server.secretKey());
            assertThat(server.toEndpoint().toString()).doesNotContain(server.secretKey());
        }
    }

    @Test
    void toEndpoint_always_isPathStyleAndEmbedded() {
        try (EmbeddedS3Server server = EmbeddedS3Server.start()) {
            S3TestEndpoint endpoint = server.toEndpoint();

            assertThat(endpoint.endpoint()).isEqualTo(server.endpoint());
            assertThat(endpoint.pathStyle()).isTrue();
            assertThat(endpoint.isExternal()).isFalse();
            assertThat(endpoint.region()).isEqualTo(EmbeddedS3Server.REGION);
        }
    }

    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
