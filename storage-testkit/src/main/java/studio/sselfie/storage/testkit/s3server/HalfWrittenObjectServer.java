package studio.sselfie.storage.testkit.s3server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server answering like an S3-compatible store caught while {@value #HALF_WRITTEN_KEY} is being
 * written: the listing shows it without an ETag, and HEAD and GET answer for it without one, next to a complete
 * {@value #COMPLETE_KEY}. S3Proxy's stores do this now and then when a listing or read races a put; here it happens
 * on every request, so that {@link HalfWrittenObjectContract} can show that a backend treats such an object as not
 * there yet (not listed, absent on head, not found on get) instead of failing the whole call.
 *
 * <p>It serves one bucket, {@value #BUCKET}, path-style, and checks no signature: any credentials do.
 */
public final class HalfWrittenObjectServer implements AutoCloseable {
    /** The only bucket. */
    public static final String BUCKET = "half-written";
    /** The key listed and answered without an ETag. */
    public static final String HALF_WRITTEN_KEY = "photos/half.bin";
    /** The key listed and answered as a complete object. */
    public static final String COMPLETE_KEY = "photos/whole.bin";
    /** The ETag (quoted) and body of {@link #COMPLETE_KEY}. */
    public static final String COMPLETE_ETAG = "\"0cc175b9c0f1b6a831c399e269772661\"";
    /** The body of {@link #COMPLETE_KEY}: one byte, {@code a}, whose MD5 is {@link #COMPLETE_ETAG}. */
    public static final String COMPLETE_BODY = "a";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    private HalfWrittenObjectServer(HttpServer server) {
        this.server = server;
    }

    /** Starts the server on a free loopback port. */
    public static HalfWrittenObjectServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HalfWrittenObjectServer halfWritten = new HalfWrittenObjectServer(server);
        server.createContext("/", halfWritten::answer);
        server.setExecutor(halfWritten.executor);
        server.start();
        return halfWritten;
    }

    /** The endpoint to give a client, {@code http://127.0.0.1:port}. */
    public URI endpoint() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/" + BUCKET) || path.equals("/" + BUCKET + "/")) {
                if (method.equals("HEAD")) {
                    send(exchange, 200, null, new byte[0]);
                } else if (method.equals("GET") && exchange.getRequestURI().getRawQuery() != null
                        && exchange.getRequestURI().getRawQuery().contains("list-type=2")) {
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    send(exchange, 200, null, listing().getBytes(StandardCharsets.UTF_8));
                } else {
                    error(exchange, 501, "NotImplemented");
                }
            } else if (path.equals("/" + BUCKET + "/" + HALF_WRITTEN_KEY) && isRead(method)) {
                exchange.getResponseHeaders().set("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT");
                send(exchange, 200, null, new byte[0]);
            } else if (path.equals("/" + BUCKET + "/" + COMPLETE_KEY) && isRead(method)) {
                exchange.getResponseHeaders().set("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT");
                exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                send(exchange, 200, COMPLETE_ETAG, COMPLETE_BODY.getBytes(StandardCharsets.UTF_8));
            } else if (isRead(method)) {
                error(exchange, 404, "NoSuchKey");
            } else {
                error(exchange, 501, "NotImplemented");
            }
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }

    private static String listing() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Name>" + BUCKET + "</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys>"
                + "<IsTruncated>false</IsTruncated>"
                + "<Contents><Key>" + HALF_WRITTEN_KEY + "</Key><LastModified>2026-11-25T10:00:00.000Z</LastModified>"
                + "<Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>"
                + "<Contents><Key>" + COMPLETE_KEY + "</Key><LastModified>2026-11-25T10:00:00.000Z</LastModified>"
                + "<ETag>" + COMPLETE_ETAG.replace("\"", "&quot;") + "</ETag><Size>" + COMPLETE_BODY.length()
                + "</Size><StorageClass>STANDARD</StorageClass></Contents>"
                + "</ListBucketResult>";
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code + "</Code><Message>" + code
                + "</Message><Resource>" + exchange.getRequestURI().getRawPath() + "</Resource><RequestId>1</RequestId></Error>";
        send(exchange, status, null, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String etag, byte[] body) throws IOException {
        if (etag != null) {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        // -1: no body follows (HEAD, or an empty body); otherwise the exact length.
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
