package studio.sselfie.storage.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import studio.sselfie.storage.testkit.faults.HttpFraming.Head;

/**
 * The proxy's framing and faults with a raw socket or {@code java.net.http} client and a JDK {@link HttpServer} as
 * upstream; {@link HttpFaultProxyS3Test} covers the AWS SDK against the embedded S3 server.
 */
class HttpFaultProxyTest {
    private final List<String> upstreamSaw = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpServer upstream;
    private HttpFaultProxy proxy;

    @BeforeEach
    void startUpstreamAndProxy() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Echoes the request body; "/chunked" answers chunked (length 0 there means chunked to HttpServer).
        upstream.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            upstreamSaw.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " host="
                    + exchange.getRequestHeaders().getFirst("Host"));
            boolean chunked = exchange.getRequestURI().getPath().equals("/chunked");
            exchange.sendResponseHeaders(200, chunked ? 0 : (body.length == 0 ? -1 : body.length));
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        upstream.start();
        proxy = HttpFaultProxy.start(URI.create("http://127.0.0.1:" + upstream.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.stop(0);
    }

    @Test
    void trafficCounts_echoedBody_countRequestAndBytesBothWays() throws Exception {
        byte[] body = new byte[50_000];

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()).as("echoed body").hasSize(body.length);
        assertThat(proxy.requests()).as("requests counted").isEqualTo(1);
        assertThat(proxy.requestBytes()).as("request bytes counted: the body and a head")
                .isBetween((long) body.length, body.length + 1024L);
        assertThat(proxy.responseBytes()).as("response bytes counted: the echoed body and a head")
                .isBetween((long) body.length, body.length + 1024L);
    }

    @Test
    void start_httpsTarget_isRejected() {
        assertThatThrownBy(() -> HttpFaultProxy.start(URI.create("https://127.0.0.1:9000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http URI");
    }

    @Test
    void failNext_zeroRequests_isRejected() {
        assertThatThrownBy(() -> proxy.failNext(0, HttpFault.SLOW_DOWN_503))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requests must be at least 1, was 0");
    }

    @Test
    void randomFaults_rateAboveOne_isRejected() {
        assertThatThrownBy(() -> proxy.randomFaults(1, 1.5, HttpFault.SLOW_DOWN_503))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rate");
    }

    @Test
    void endpoint_always_isLoopbackHttp() {
        assertThat(proxy.endpoint().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void forward_anyRequest_reachesUpstreamWithTheHostHeaderTheClientSent() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/b/k"))
                .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).isEqualTo("hello");
        assertThat(upstreamSaw).containsExactly("PUT /b/k host=127.0.0.1:" + proxy.endpoint().getPort());
    }

    @Test
    void forward_twoRequestsOnOneConnection_bothAnswered() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "PUT /one HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            String first = readResponse(socket);
            send(socket, "PUT /two HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nde");
            String second = readResponse(socket);

            assertThat(first).startsWith("HTTP/1.1 200").endsWith("abc");
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("de");
        }
    }

    @Test
    void forward_chunkedRequestBody_arrivesWhole() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "PUT /k HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n");

            assertThat(readResponse(socket)).endsWith("abcdefg");
        }
    }

    @Test
    void forward_expectContinueRequest_relaysInterim100BeforeTheFinalResponse() throws IOException {
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "PUT /k HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            Head interim = HttpFraming.readHead(in);
            send(socket, "body");
            Head last = HttpFraming.readHead(in);

            assertThat(interim.status()).isEqualTo(100);
            assertThat(last.status()).isEqualTo(200);
        }
    }

    @Test
    void failNext_slowDownOnExpectContinueRequest_answersBeforeTheBodyIsSent() throws IOException {
        proxy.failNext(1, HttpFault.SLOW_DOWN_503);
        try (Socket socket = connect()) {
            send(socket, "PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");

            String response = readResponse(socket);

            assertThat(response).startsWith("HTTP/1.1 503 Slow Down\r\n").contains("Connection: close")
                    .contains("<Code>SlowDown</Code><Message>Please reduce your request rate.</Message>");
            assertThat(upstreamSaw).isEmpty();
        }
    }

    @Test
    void failNext_twoFaults_areAppliedInOrderThenRequestsPass() throws Exception {
        proxy.failNext(1, HttpFault.SLOW_DOWN_503).failNext(1, HttpFault.INTERNAL_ERROR_500);

        List<Integer> statuses = List.of(get("/a").statusCode(), get("/b").statusCode(), get("/c").statusCode());

        assertThat(statuses).containsExactly(503, 500, 200);
        assertThat(proxy.faultsInjected()).containsEntry(HttpFault.SLOW_DOWN_503, 1)
                .containsEntry(HttpFault.INTERNAL_ERROR_500, 1);
    }

    @Test
    void failNext_internalErrorOnPutWithBody_answers500AndForwardsNothing() throws Exception {
        proxy.failNext(1, HttpFault.INTERNAL_ERROR_500);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/b/k"))
                .PUT(HttpRequest.BodyPublishers.ofString("x".repeat(100_000))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("<Code>InternalError</Code>");
        assertThat(upstreamSaw).isEmpty();
    }

    @Test
    void failNext_resetBeforeResponse_forwardsTheRequestButAnswersNothing() throws IOException {
        proxy.failNext(1, HttpFault.RESET_BEFORE_RESPONSE);
        // A raw socket: java.net.http would quietly retry an idempotent request after the reset.
        try (Socket socket = connect()) {
            send(socket, "PUT /k HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");

            Throwable failure = catchThrowable(() -> assertThat(socket.getInputStream().read()).isEqualTo(-1));

            assertThat(failure).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(upstreamSaw).containsExactly("PUT /k host=x");
        }
    }

    @Test
    void failNext_resetMidChunkedResponse_relaysTheFirstChunkOnly() throws IOException {
        proxy.failNext(1, HttpFault.RESET_MID_RESPONSE);
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "PUT /chunked HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabcdef");

            Head head = HttpFraming.readHead(in);
            long firstChunk = HttpFraming.chunkSize(HttpFraming.readLine(in));
            byte[] firstChunkData = in.readNBytes((int) firstChunk + 2);
            Throwable nextChunk = catchThrowable(() -> HttpFraming.readLine(in));

            assertThat(head.chunked()).isTrue();
            assertThat(new String(firstChunkData, StandardCharsets.ISO_8859_1)).isEqualTo("abcdef\r\n");
            assertThat(nextChunk).isInstanceOf(IOException.class);
        }
    }

    @Test
    void failNext_resetMidResponseOfFixedLengthBody_relaysLessThanTheBody() throws IOException {
        proxy.failNext(1, HttpFault.RESET_MID_RESPONSE);
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            send(socket, "PUT /k HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n" + "y".repeat(1000));

            Head head = HttpFraming.readHead(in);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Throwable failure = catchThrowable(() -> in.transferTo(body));

            assertThat(head.contentLength()).isEqualTo(1000);
            assertThat(body.size()).isLessThan(1000);
            // A reset read gives an IOException; an end of stream before Content-Length is as good for the client.
            assertThat(failure == null || failure instanceof IOException).isTrue();
        }
    }

    @Test
    void failNext_slowResponse_relaysTheWholeResponseWithConnectionClose() throws IOException {
        proxy.slowResponseDelay(java.time.Duration.ofMillis(1)).failNext(1, HttpFault.SLOW_RESPONSE);
        try (Socket socket = connect()) {
            send(socket, "PUT /k HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");

            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("abc");
        }
    }

    @Test
    void latency_everyResponse_isHeldAtLeastThatLongAndTheConnectionStaysOpen() throws IOException {
        proxy.latency(java.time.Duration.ofMillis(40));
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            send(socket, "PUT /one HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
            String first = readResponse(socket);
            send(socket, "PUT /two HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nde");
            String second = readResponse(socket);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertThat(first).startsWith("HTTP/1.1 200").doesNotContain("Connection: close").endsWith("abc");
            assertThat(second).startsWith("HTTP/1.1 200").endsWith("de");
            // A lower bound only: two responses, each held 40 ms. Sleeping never takes less.
            assertThat(elapsedMillis).isGreaterThanOrEqualTo(80);
        }
        assertThat(proxy.faultsInjected()).allSatisfy((fault, count) -> assertThat(count).isZero());
        assertThat(proxy.latency()).isEqualTo(java.time.Duration.ofMillis(40));
    }

    @Test
    void latency_negative_isRejected() {
        assertThatThrownBy(() -> proxy.latency(java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latency must not be negative");
    }

    @Test
    void clearFaults_afterFailNext_letsRequestsPass() throws Exception {
        proxy.failNext(3, HttpFault.SLOW_DOWN_503).clearFaults();

        assertThat(get("/k").statusCode()).isEqualTo(200);
    }

    @Test
    void faultsInjected_beforeAnyRequest_isZeroForEveryFault() {
        assertThat(proxy.faultsInjected()).hasSize(HttpFault.values().length).containsOnlyKeys(HttpFault.values())
                .allSatisfy((fault, count) -> assertThat(count).isZero());
    }

    @Test
    void requestLog_requestWithQuery_recordsMethodAndPathOnly() throws Exception {
        get("/b/k?X-Amz-Signature=secret");

        assertThat(proxy.requestLog()).containsExactly("GET /b/k");
        assertThat(proxy.requestsSeen()).isEqualTo(1);
    }

    @Test
    void requestHeaderNames_requestWithSecretHeader_recordsItsNameNeverItsValue() throws Exception {
        http.send(HttpRequest.newBuilder(proxy.endpoint().resolve("/b/k"))
                .header("X-Amz-Security-Token", "token-value-1234").GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(proxy.requestHeaderNames()).hasSize(1);
        assertThat(proxy.requestHeaderNames().get(0)).contains("x-amz-security-token", "host")
                .noneMatch(name -> name.contains("token-value"));
    }

    @Test
    void close_withOpenConnection_closesIt() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "GET /k HTTP/1.1\r\nHost: x\r\n\r\n");
            readResponse(socket);

            proxy.close();

            Throwable read = catchThrowable(() -> assertThat(socket.getInputStream().read()).isEqualTo(-1));
            assertThat(read == null || read instanceof IOException).as("read after close: %s", read).isTrue();
        }
    }

    @Test
    void close_always_stopsListening() {
        int port = proxy.endpoint().getPort();

        proxy.close();

        // Refused, or (rarely, on loopback) the kernel picked the freed port as the client's own and connected the
        // socket to itself: either way nothing listens there any more.
        Throwable failure = catchThrowable(() -> {
            try (Socket socket = connect()) {
                assertThat(socket.getLocalPort()).as("a connection after close can only be a self-connection").isEqualTo(port);
            }
        });
        assertThat(failure == null || failure instanceof ConnectException).as("connecting after close: %s", failure).isTrue();
    }

    @Test
    void close_rightAfterStart_neverLeavesThePortAcceptingConnections() throws IOException {
        // The JDK keeps a server socket listening until the thread blocked in its accept has left; close() waits for
        // that thread, so a connect right after close() is refused (or, rarely, a self-connection; see above).
        for (int i = 0; i < 200; i++) {
            HttpFaultProxy another = HttpFaultProxy.start(proxy.endpoint());
            int port = another.endpoint().getPort();
            another.close();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertThat(socket.getLocalPort()).as("round %d: connected to a closed proxy", i).isEqualTo(port);
            } catch (ConnectException refused) {
                // as it should be
            }
        }
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(proxy.endpoint().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Socket connect() throws IOException {
        return new Socket(proxy.endpoint().getHost(), proxy.endpoint().getPort());
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Reads one response with a Content-Length body from a socket, as ISO-8859-1 text. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head");
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.ISO_8859_1);
        long length = headText.lines().filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElse(0);
        return headText + new String(in.readNBytes((int) length), StandardCharsets.ISO_8859_1);
    }
}
