package studio.sselfie.storage.testkit.faults;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import studio.sselfie.storage.testkit.faults.HttpFraming.Head;

/**
 * One client connection of {@link HttpFaultProxy} and its upstream connection. One thread reads requests from the
 * client and forwards them; a second relays the upstream's responses back. Two threads rather than one, because with
 * {@code Expect: 100-continue} the client waits for the upstream's {@code 100 Continue} before it sends the body the
 * first thread is waiting for.
 *
 * <p>The clients this proxy serves do not pipeline, so the n-th final response from upstream answers the n-th request
 * forwarded; {@link #pending} carries each request's method and fault from one thread to the other.
 */
final class HttpProxyConnection {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How long an error answer waits for the client to close before the proxy closes. */
    private static final int DRAIN_TIMEOUT_MILLIS = 5_000;
    private static final int UPSTREAM_BUFFER_BYTES = 16 * 1024;

    private record Exchange(String method, HttpFault fault) {
    }

    private final HttpFaultProxy proxy;
    private final Socket client;
    private final BlockingQueue<Exchange> pending = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Object clientWriteLock = new Object();
    private final InputStream clientIn;
    private final OutputStream clientOut;
    private final OutputStream toClient;
    private volatile Socket upstream;
    private OutputStream upstreamOut;

    HttpProxyConnection(HttpFaultProxy proxy, Socket client) throws IOException {
        this.proxy = proxy;
        this.client = client;
        client.setTcpNoDelay(true);
        this.clientIn = new BufferedInputStream(client.getInputStream());
        this.clientOut = client.getOutputStream();
        this.toClient = new LockedOutputStream();
    }

    /** Reads, counts and forwards the client's requests until either side closes; runs on its own thread. */
    void serveRequests() {
        try {
            while (true) {
                Head request = HttpFraming.readHead(clientIn);
                if (request == null) {
                    return; // the client closed its connection
                }
                HttpFault fault = proxy.onRequest(request);
                if (fault == HttpFault.SLOW_DOWN_503 || fault == HttpFault.INTERNAL_ERROR_500) {
                    answerWithError(request, fault);
                    return;
                }
                forward(request, fault);
            }
        } catch (IOException | RuntimeException e) {
            // The peer went away, a fault closed the connection, or the proxy is closing: nothing to report.
        } finally {
            close();
        }
    }

    private void forward(Head request, HttpFault fault) throws IOException {
        if (upstream == null) {
            openUpstream();
        }
        pending.add(new Exchange(request.method(), fault));
        upstreamOut.write(request.raw());
        // Flush the head on its own: with Expect: 100-continue no body comes until upstream has seen it.
        upstreamOut.flush();
        HttpFraming.copyRequestBody(request, clientIn, upstreamOut);
        upstreamOut.flush();
    }

    private void openUpstream() throws IOException {
        Socket socket = new Socket();
        upstream = socket;
        if (closed.get()) {
            socket.close();
            throw new IOException("connection closed");
        }
        socket.connect(proxy.upstreamAddress(), CONNECT_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        upstreamOut = new CountingOutputStream(new BufferedOutputStream(socket.getOutputStream(), UPSTREAM_BUFFER_BYTES));
        InputStream upstreamIn = new BufferedInputStream(socket.getInputStream(), UPSTREAM_BUFFER_BYTES);
        proxy.execute(() -> relayResponses(upstreamIn));
    }

    /**
     * Answers with the S3 error the fault names, never forwarding the request. The body of a request without
     * {@code Expect: 100-continue} is read first, and after the answer the proxy waits for the client to close: a
     * socket closed with unread input sends a reset, which could reach the client before it has read the answer.
     */
    private void answerWithError(Head request, HttpFault fault) throws IOException {
        if (!request.expectContinue()) {
            HttpFraming.copyRequestBody(request, clientIn, OutputStream.nullOutputStream());
        }
        writeToClient(errorResponse(request, fault));
        client.shutdownOutput();
        client.setSoTimeout(DRAIN_TIMEOUT_MILLIS);
        try {
            clientIn.transferTo(OutputStream.nullOutputStream());
        } catch (SocketTimeoutException e) {
            // The client kept the connection open; closing it now is all that is left to do.
        }
    }

    private static byte[] errorResponse(Head request, HttpFault fault) {
        boolean slowDown = fault == HttpFault.SLOW_DOWN_503;
        String requestId = "httpfaultproxy-" + Long.toHexString(System.nanoTime());
        String message = slowDown
                ? "Please reduce your request rate."
                : "We encountered an internal error. Please try again.";
        String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + (slowDown ? "SlowDown" : "InternalError") + "</Code><Message>" + message + "</Message>"
                + "<Resource>" + escapeXml(request.path()) + "</Resource>"
                + "<RequestId>" + requestId + "</RequestId></Error>";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + (slowDown ? "503 Slow Down" : "500 Internal Server Error") + "\r\n"
                + "Content-Type: application/xml\r\n"
                + "Content-Length: " + bodyBytes.length + "\r\n"
                + "x-amz-request-id: " + requestId + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] response = new byte[headBytes.length + bodyBytes.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(bodyBytes, 0, response, headBytes.length, bodyBytes.length);
        return response;
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Relays upstream's responses to the client, applying each request's fault; runs on its own thread. */
    private void relayResponses(InputStream upstreamIn) {
        try {
            while (true) {
                Head response = HttpFraming.readHead(upstreamIn);
                if (response == null) {
                    return; // upstream closed its connection
                }
                int status = response.status();
                if (status < 200) {
                    // An interim answer (100 Continue) to the request still being sent: not its response.
                    writeToClient(response.raw());
                    continue;
                }
                Exchange exchange = pending.poll();
                // No exchange: upstream answered unasked (a timeout notice before it closes). Relay it as it is.
                HttpFault fault = exchange == null ? null : exchange.fault();
                boolean bodyless = HttpFraming.isBodyless(exchange == null ? "" : exchange.method(), status);
                if (fault == HttpFault.RESET_BEFORE_RESPONSE || (fault == HttpFault.RESET_MID_RESPONSE && bodyless)) {
                    reset();
                    return;
                }
                if (fault == HttpFault.RESET_MID_RESPONSE) {
                    relayPartOfBody(response, upstreamIn);
                    reset();
                    return;
                }
                Duration latency = proxy.latency();
                if (!latency.isZero()) {
                    Thread.sleep(latency.toMillis(), latency.toNanosPart() % 1_000_000);
                }
                if (fault == HttpFault.SLOW_RESPONSE) {
                    Thread.sleep(proxy.slowResponseDelay().toMillis());
                    writeToClient(response.withConnectionClose());
                } else {
                    writeToClient(response.raw());
                }
                if (!relayBody(response, bodyless, upstreamIn) || fault != null) {
                    return; // the body ran to the end of the connection, or a fault closes it
                }
            }
        } catch (IOException | RuntimeException e) {
            // The peer went away, a fault closed the connection, or the proxy is closing: nothing to report.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** Relays a whole body; answers false when the body ends with the connection. */
    private boolean relayBody(Head response, boolean bodyless, InputStream upstreamIn) throws IOException {
        if (bodyless) {
            return true;
        }
        if (response.chunked()) {
            HttpFraming.copyChunked(upstreamIn, toClient);
            return true;
        }
        if (response.contentLength() >= 0) {
            HttpFraming.copyFixed(upstreamIn, toClient, response.contentLength());
            return true;
        }
        upstreamIn.transferTo(toClient);
        return false;
    }

    /** Relays the head and half the body (or the first chunk); a body found empty is not started at all. */
    private void relayPartOfBody(Head response, InputStream upstreamIn) throws IOException {
        if (response.chunked()) {
            byte[] sizeLine = HttpFraming.readLine(upstreamIn);
            long size = HttpFraming.chunkSize(sizeLine);
            if (size > 0) {
                writeToClient(response.raw());
                toClient.write(sizeLine);
                HttpFraming.copyFixed(upstreamIn, toClient, size + 2);
            }
        } else if (response.contentLength() != 0) {
            writeToClient(response.raw());
            if (response.contentLength() > 0) {
                HttpFraming.copyFixed(upstreamIn, toClient, response.contentLength() / 2);
            } else {
                // Delimited by the end of the connection: relay whatever one read brings.
                byte[] buffer = new byte[8192];
                int n = upstreamIn.read(buffer);
                if (n > 0) {
                    toClient.write(buffer, 0, n);
                }
            }
        }
    }

    private void writeToClient(byte[] bytes) throws IOException {
        toClient.write(bytes);
    }

    /** The client's output, each write under one lock, so an error answer never interleaves with a relayed one. */
    private final class LockedOutputStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (clientWriteLock) {
                clientOut.write(b, off, len);
            }
            proxy.countResponseBytes(len);
        }
    }

    /** The upstream's output, counting what is forwarded as the proxy's request bytes. */
    private final class CountingOutputStream extends FilterOutputStream {
        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            proxy.countRequestBytes(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            proxy.countRequestBytes(len);
        }
    }

    /** Closes the client connection with a TCP reset (SO_LINGER 0), then the rest. */
    private void reset() {
        try {
            client.setSoLinger(true, 0);
        } catch (IOException e) {
            // Already closed: then there is nothing left to reset.
        }
        close();
    }

    /** Closes both connections; safe to call from any thread, any number of times. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        Socket upstreamSocket = upstream;
        if (upstreamSocket != null) {
            closeQuietly(upstreamSocket);
        }
        proxy.forget(this);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
