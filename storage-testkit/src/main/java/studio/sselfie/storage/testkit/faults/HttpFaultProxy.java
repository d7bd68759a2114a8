package studio.sselfie.storage.testkit.faults;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import studio.sselfie.storage.testkit.TrafficMeter;

import studio.sselfie.storage.testkit.faults.HttpFraming.Head;

/**
 * A loopback TCP proxy that sits between a real HTTP client (an S3 SDK) and its server and breaks chosen exchanges, so
 * a test runs the client's real error paths over real sockets: error answers, connections reset before or during the
 * response, slow responses. See {@link HttpFault}.
 *
 * <p>The proxy forwards request bytes unchanged, {@code Host} header included, so signatures that cover the host (AWS
 * SigV4) still verify: point the client at {@link #endpoint()} and the server sees the request the client signed. It
 * reads just enough HTTP/1.1 to find where each message ends; it serves clients that do not pipeline requests (such
 * as the AWS SDK, the MinIO SDK and {@code java.net.http}), over plain HTTP only.
 *
 * <pre>{@code
 * try (HttpFaultProxy proxy = HttpFaultProxy.start(S3TestEndpoint.get().endpoint())) {
 *     S3Client s3 = ...endpointOverride(proxy.endpoint())...;
 *     proxy.failNext(1, HttpFault.SLOW_DOWN_503);
 *     // the next request gets 503 SlowDown; the ones after it pass through
 * }
 * }</pre>
 *
 * <p>Faults: requests take them in arrival order, each at most one. Scripted faults ({@link #failNext}) come first;
 * when none is queued, the random faults ({@link #randomFaults}), if any, decide. After a fault the proxy closes the
 * client connection and its upstream connection. The proxy never records a header value: the {@link #requestLog()}
 * holds method and path only, no query, and {@link #requestHeaderNames()} the names of the headers only.
 *
 * <p>It is also a {@link TrafficMeter}: it counts the requests and the bytes it relays each way, so a conformance suite
 * can see what a backend sends ({@code StorageBackendConformanceSuite.trafficMeter()}).
 *
 * <p>Thread-safe. Its threads are daemon threads; {@link #close()} stops them and closes every connection.
 */
public final class HttpFaultProxy implements AutoCloseable, TrafficMeter {
    private static final Duration DEFAULT_SLOW_RESPONSE_DELAY = Duration.ofMillis(200);
    private static final AtomicInteger PROXY_NUMBERS = new AtomicInteger();

    private final InetSocketAddress upstreamAddress;
    private final ServerSocket server;
    private final URI endpoint;
    private final ExecutorService threads;
    private final Set<HttpProxyConnection> connections = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    // Guarded by lock: taken together, so that a fault, its log line and its count agree on the arrival order.
    private final Deque<HttpFault> scripted = new ArrayDeque<>();
    private final List<String> requestLog = new ArrayList<>();
    private final List<Set<String>> requestHeaderNames = new ArrayList<>();
    private final Map<HttpFault, Integer> injected = new EnumMap<>(HttpFault.class);
    private Random random;
    private double randomRate;
    private HttpFault[] randomChoices;
    private int requestsSeen;
    private int expectContinueRequests;
    private volatile Duration slowResponseDelay = DEFAULT_SLOW_RESPONSE_DELAY;
    private volatile Duration latency = Duration.ZERO;
    private volatile boolean closed;
    private final AtomicLong requestBytes = new AtomicLong();
    private final AtomicLong responseBytes = new AtomicLong();
    private final CountDownLatch acceptorDone = new CountDownLatch(1);

    private HttpFaultProxy(InetSocketAddress upstreamAddress, ServerSocket server) {
        this.upstreamAddress = upstreamAddress;
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + server.getLocalPort());
        String namePrefix = "http-fault-proxy-" + PROXY_NUMBERS.incrementAndGet() + "-";
        AtomicInteger threadNumbers = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, namePrefix + threadNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (HttpFault fault : HttpFault.values()) {
            injected.put(fault, 0);
        }
    }

    /**
     * Starts a proxy on a free port of 127.0.0.1 that forwards to {@code target}, passing everything through until
     * faults are set.
     *
     * @param target the server, e.g. {@code S3TestEndpoint.get().endpoint()}: an {@code http} URI with a host (port
     *               80 when it has none); a path is ignored
     * @throws IllegalArgumentException if {@code target} is not an {@code http} URI with a host
     * @throws UncheckedIOException     if no port can be opened
     */
    public static HttpFaultProxy start(URI target) {
        requireNonNull(target, "target is null");
        if (!"http".equalsIgnoreCase(target.getScheme()) || target.getHost() == null) {
            throw new IllegalArgumentException("target must be an http URI with a host: " + target);
        }
        int port = target.getPort() < 0 ? 80 : target.getPort();
        InetSocketAddress upstream = new InetSocketAddress(target.getHost(), port);
        ServerSocket server;
        try {
            server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the fault proxy", e);
        }
        HttpFaultProxy proxy = new HttpFaultProxy(upstream, server);
        proxy.threads.execute(proxy::acceptConnections);
        return proxy;
    }

    /** The URI clients send requests to: {@code http://127.0.0.1:<port>}, no trailing slash. */
    public URI endpoint() {
        return endpoint;
    }

    /**
     * Queues {@code fault} for the next {@code requests} requests that have no fault queued yet, after any faults
     * queued before.
     *
     * @return this proxy
     * @throws IllegalArgumentException if {@code requests} is less than 1
     */
    public HttpFaultProxy failNext(int requests, HttpFault fault) {
        requireNonNull(fault, "fault is null");
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1, was " + requests);
        }
        synchronized (lock) {
            for (int i = 0; i < requests; i++) {
                scripted.addLast(fault);
            }
        }
        return this;
    }

    /**
     * Gives each request that finds no scripted fault queued a fault with probability {@code rate}, chosen uniformly
     * among {@code faults}, from a generator seeded with {@code seed}: the same seed and the same sequence of requests
     * (sent one after another) give the same faults. Replaces earlier random faults.
     *
     * @param rate between 0 and 1: 0 never faults, 1 faults every request
     * @return this proxy
     * @throws IllegalArgumentException if {@code rate} is outside 0..1 or {@code faults} is empty
     */
    public HttpFaultProxy randomFaults(long seed, double rate, HttpFault... faults) {
        requireNonNull(faults, "faults is null");
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException("rate must be between 0 and 1, was " + rate);
        }
        if (faults.length == 0) {
            throw new IllegalArgumentException("faults is empty");
        }
        for (HttpFault fault : faults) {
            requireNonNull(fault, "faults contains null");
        }
        synchronized (lock) {
            random = new Random(seed);
            randomRate = rate;
            randomChoices = faults.clone();
        }
        return this;
    }

    /**
     * Drops the queued scripted faults and the random faults: later requests pass through. Counters and the request
     * log are kept.
     *
     * @return this proxy
     */
    public HttpFaultProxy clearFaults() {
        synchronized (lock) {
            scripted.clear();
            random = null;
            randomChoices = null;
        }
        return this;
    }

    /**
     * Sets how long {@link HttpFault#SLOW_RESPONSE} holds a response. Default: 200 ms.
     *
     * @return this proxy
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public HttpFaultProxy slowResponseDelay(Duration delay) {
        requireNonNull(delay, "delay is null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        slowResponseDelay = delay;
        return this;
    }

    /** How long {@link HttpFault#SLOW_RESPONSE} holds a response. */
    public Duration slowResponseDelay() {
        return slowResponseDelay;
    }

    /**
     * Holds every final response this long before relaying it, keeping the connection open: the round trip of a store
     * across a network, for benchmarks and timeout tests on loopback. Not a fault: it is not counted in
     * {@link #faultsInjected()}, and it adds to a {@link HttpFault#SLOW_RESPONSE}'s delay. Each connection waits on its
     * own, so concurrent requests overlap their waits as they would over a real network. Default: zero.
     *
     * @return this proxy
     * @throws IllegalArgumentException if {@code latency} is negative
     */
    public HttpFaultProxy latency(Duration latency) {
        requireNonNull(latency, "latency is null");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
        this.latency = latency;
        return this;
    }

    /** How long every response is held (see {@link #latency(Duration)}). */
    public Duration latency() {
        return latency;
    }

    /** The number of requests whose head the proxy has read, faulted ones included. */
    public int requestsSeen() {
        synchronized (lock) {
            return requestsSeen;
        }
    }

    /** The number of requests seen so far, as {@link #requestsSeen()}. */
    @Override
    public long requests() {
        return requestsSeen();
    }

    /** The bytes forwarded from clients to the server so far: request heads and bodies. */
    @Override
    public long requestBytes() {
        return requestBytes.get();
    }

    /**
     * The bytes written to clients so far: the server's responses as relayed (cut short where a fault cut them) and
     * the proxy's own error answers.
     */
    @Override
    public long responseBytes() {
        return responseBytes.get();
    }

    void countRequestBytes(int bytes) {
        requestBytes.addAndGet(bytes);
    }

    void countResponseBytes(int bytes) {
        responseBytes.addAndGet(bytes);
    }

    /** How many times each fault was applied so far: every {@link HttpFault} is a key, 0 when never applied. */
    public Map<HttpFault, Integer> faultsInjected() {
        synchronized (lock) {
            return Collections.unmodifiableMap(new EnumMap<>(injected));
        }
    }

    /**
     * One line per request seen, in arrival order: method and path as sent, without the query (a presigned URL's
     * query holds its signature), e.g. {@code PUT /bucket/photos/a.jpg}. Headers are never recorded.
     */
    public List<String> requestLog() {
        synchronized (lock) {
            return List.copyOf(requestLog);
        }
    }

    /**
     * The names of the headers of each request seen, lower-case, in the order of {@link #requestLog()}; never their
     * values (an {@code Authorization} or {@code X-Amz-Security-Token} value is a secret). For tests of a request's
     * shape, e.g. that temporary credentials send {@code x-amz-security-token}.
     */
    public List<Set<String>> requestHeaderNames() {
        synchronized (lock) {
            return List.copyOf(requestHeaderNames);
        }
    }

    private static Set<String> headerNames(byte[] head) {
        Set<String> names = new TreeSet<>();
        String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                names.add(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * The methods of the requests sent through this proxy while {@code work} ran, in arrival order, e.g.
     * {@code [HEAD, PUT]}: what one call costs, to compare with what the raw client sends for the same work. Only
     * meaningful while nothing else uses the proxy.
     */
    public List<String> methodsDuring(Runnable work) {
        int before;
        synchronized (lock) {
            before = requestLog.size();
        }
        work.run();
        List<String> methods = new ArrayList<>();
        synchronized (lock) {
            for (String line : requestLog.subList(before, requestLog.size())) {
                methods.add(line.substring(0, line.indexOf(' ')));
            }
        }
        return methods;
    }

    /** The number of requests seen that carried {@code Expect: 100-continue}; for the proxy's own tests. */
    int expectContinueRequests() {
        synchronized (lock) {
            return expectContinueRequests;
        }
    }

    /**
     * Stops listening and closes every connection; safe to call more than once. When it returns, the port no longer
     * accepts connections. (The JDK closes a server socket only once the thread blocked in its {@code accept} has
     * left it, so this waits for that thread, up to 5 s.)
     */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // Closing is best effort: the port is released either way when the process ends.
        }
        awaitAcceptorDone();
        for (HttpProxyConnection connection : connections) {
            connection.close();
        }
        threads.shutdownNow();
    }

    @Override
    public String toString() {
        return "HttpFaultProxy[" + endpoint + " -> " + upstreamAddress.getHostString() + ":" + upstreamAddress.getPort()
                + "]";
    }

    /** Counts and logs a request that has arrived and picks its fault, or {@code null} to pass it through. */
    HttpFault onRequest(Head request) {
        synchronized (lock) {
            requestsSeen++;
            if (request.expectContinue()) {
                expectContinueRequests++;
            }
            requestLog.add(request.method() + " " + request.path());
            requestHeaderNames.add(headerNames(request.raw()));
            HttpFault fault = scripted.pollFirst();
            if (fault == null && random != null && random.nextDouble() < randomRate) {
                fault = randomChoices[random.nextInt(randomChoices.length)];
            }
            if (fault != null) {
                injected.merge(fault, 1, Integer::sum);
            }
            return fault;
        }
    }

    InetSocketAddress upstreamAddress() {
        return upstreamAddress;
    }

    /** Runs a connection's task on a proxy thread. */
    void execute(Runnable task) {
        threads.execute(task);
    }

    void forget(HttpProxyConnection connection) {
        connections.remove(connection);
    }

    private void acceptConnections() {
        try {
            while (!closed) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return; // closed, or the port is unusable: either way no more connections come
                }
                HttpProxyConnection connection;
                try {
                    connection = new HttpProxyConnection(this, socket);
                } catch (IOException e) {
                    closeQuietly(socket);
                    continue;
                }
                connections.add(connection);
                try {
                    if (closed) {
                        throw new RejectedExecutionException("proxy closed");
                    }
                    threads.execute(connection::serveRequests);
                } catch (RejectedExecutionException e) {
                    connection.close();
                }
            }
        } finally {
            acceptorDone.countDown();
        }
    }

    private void awaitAcceptorDone() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    acceptorDone.await(5, TimeUnit.SECONDS);
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing more to do for a connection that could not be served.
        }
    }
}
