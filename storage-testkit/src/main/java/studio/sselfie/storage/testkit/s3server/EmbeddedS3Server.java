package studio.sselfie.storage.testkit.s3server;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * An S3-compatible HTTP server in this JVM, on a free loopback port: S3Proxy over its in-memory {@code transient}
 * store (or its {@code filesystem} store), checking AWS Signature V4 (and V2) against a generated access key and
 * secret. Buckets are addressed path style ({@code http://127.0.0.1:PORT/bucket/key}); the server starts with no
 * bucket: a test creates its bucket with its own S3 client.
 *
 * <p>Most tests do not start one themselves: {@link S3TestEndpoint#get()} (or {@link S3ServerExtension}) shares one
 * server per JVM. Start one directly for a test that needs a server of its own, and close it.
 *
 * <p>Needs {@code org.gaul:s3proxy} on the test class path (the testkit declares it optional). Starting the server
 * turns the logging of S3Proxy and its Jetty down to WARN when logback is the SLF4J binding: at DEBUG it logs every
 * request and PUT throughput falls about tenfold.
 */
public final class EmbeddedS3Server implements AutoCloseable {
    /** The region the server answers for; any region in a request is accepted. */
    public static final String REGION = "us-east-1";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedS3Server(S3Proxy proxy, BlobStore blobStore, String accessKey, String secretKey) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a server over S3Proxy's in-memory {@code transient} store; objects live in this JVM's heap.
     *
     * @throws IllegalStateException if the server cannot start
     */
    public static EmbeddedS3Server start() {
        return start("transient", new Properties());
    }

    /**
     * Starts a server over S3Proxy's {@code filesystem} store: each bucket is a directory under {@code directory}.
     *
     * @throws IllegalStateException if the server cannot start
     */
    public static EmbeddedS3Server startOnFilesystem(Path directory) {
        requireNonNull(directory, "directory is null");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        return start("filesystem", properties);
    }

    /**
     * Starts a server over S3Proxy's {@code filesystem} store, as {@link #startOnFilesystem(Path)}, whose listings
     * cost what their page holds: a listing without delimiter reads the names under the prefix and the attributes of
     * the page's own objects, where S3Proxy reads the attributes of every object under the prefix for each page. At
     * 100,000 objects in one prefix a page of 1,000 took 3.2 to 16 s and allocated 391 MiB there, 0.3 to 1.8 s and
     * about 40 MiB here (2 shared cores). The listings answer the same objects in the same order; a listing with a delimiter is
     * S3Proxy's own. For buckets of many objects under one prefix.
     *
     * @throws IllegalStateException if the server cannot start
     */
    public static EmbeddedS3Server startOnFilesystemWithPagedListing(Path directory) {
        requireNonNull(directory, "directory is null");
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        ServerLogging.quietServerLoggers();
        return start("filesystem", new PagedListingBlobStore(BlobStores.create("filesystem", properties), directory));
    }

    private static EmbeddedS3Server start(String provider, Properties properties) {
        ServerLogging.quietServerLoggers();
        return start(provider, BlobStores.create(provider, properties));
    }

    private static EmbeddedS3Server start(String provider, BlobStore blobStore) {
        String accessKey = "AKIA" + random(KEY_CHARS, 16);
        String secretKey = random(SECRET_CHARS, 40);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .endpoint(URI.create("http://127.0.0.1:0"))
                // Tests close the server with idle keep-alive connections still open; waiting for them gains nothing.
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("the embedded S3 server (S3Proxy, " + provider + " store) failed to start", e);
        }
        if (!"STARTED".equals(proxy.getState())) {
            stopQuietly(proxy);
            blobStore.close();
            throw new IllegalStateException("the embedded S3 server did not start: its state is " + proxy.getState());
        }
        return new EmbeddedS3Server(proxy, blobStore, accessKey, secretKey);
    }

    /** The base URI of the server, e.g. {@code http://127.0.0.1:41234}; address buckets path style under it. */
    public URI endpoint() {
        return endpoint;
    }

    /** The access key id the server accepts. */
    public String accessKey() {
        return accessKey;
    }

    /** The secret key the server accepts; keep it out of messages and logs. */
    public String secretKey() {
        return secretKey;
    }

    /** The region to sign requests for: {@value #REGION}. */
    public String region() {
        return REGION;
    }

    /** This server as an {@link S3TestEndpoint} (path style, not external). */
    public S3TestEndpoint toEndpoint() {
        return new S3TestEndpoint(endpoint, accessKey, secretKey, REGION, true, false);
    }

    /** Stops the server and drops what the transient store held. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stopQuietly(proxy);
            blobStore.close();
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            // Stopping a test server that is already stopping or failed: nothing a caller could do about it.
        }
    }

    private static String random(String alphabet, int length) {
        StringBuilder builder = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            builder.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return builder.toString();
    }

    /** Shows the endpoint, never the secret. */
    @Override
    public String toString() {
        return "EmbeddedS3Server{endpoint=" + endpoint + ", accessKey=" + accessKey + ", region=" + REGION + '}';
    }
}
