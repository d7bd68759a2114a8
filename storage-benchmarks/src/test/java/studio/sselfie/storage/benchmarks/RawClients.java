package studio.sselfie.storage.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import io.minio.MinioAsyncClient;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.minio.MinioStorageConfig;
import studio.sselfie.storage.s3.S3StorageConfig;

/**
 * The raw SDK clients the baselines use, configured as the backends configure their own from the same config. The
 * builders of the backends ({@code S3Clients}, {@code HttpClients} and {@code NoDelaySocketFactory}) are package-private
 * on purpose; their settings are copied here, visibly, rather than widening the production API for a benchmark. Keep
 * the two in step: a baseline configured differently from its backend measures the configuration, not the backend.
 */
final class RawClients {
    private RawClients() {
    }

    /**
     * The {@link S3Client} {@code S3StorageBackend} builds for {@code config} (storage-s3 {@code S3Clients.create}):
     * Apache 5 HTTP client with the config's pool and timeouts, checksums only where an operation requires one, the
     * legacy MD5 plugin, the SDK's standard retries with the config's attempts, and its endpoint, region, path style
     * and static credentials ({@code accessKey}/{@code secretKey}, the ones given to the config, which keeps them to
     * itself).
     */
    static S3Client s3(S3StorageConfig config, String accessKey, String secretKey) {
        if (!config.hasStaticCredentials() || config.endpoint().isEmpty()) {
            throw new IllegalArgumentException("the benchmarks give an endpoint and static credentials");
        }
        return S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(config.maxConnections())
                        .connectionTimeout(config.connectionTimeout())
                        .socketTimeout(config.socketTimeout())
                        .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .addPlugin(LegacyMd5Plugin.create())
                .overrideConfiguration(override -> {
                    override.retryStrategy(config.sdkMaxAttempts() == 1 ? AwsRetryStrategy.doNotRetry()
                            : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(config.sdkMaxAttempts()).build());
                    config.apiCallTimeout().ifPresent(override::apiCallTimeout);
                })
                .endpointOverride(config.endpoint().get())
                .region(Region.of(config.region().orElse(S3StorageConfig.DEFAULT_ENDPOINT_REGION)))
                .build();
    }

    /**
     * The OkHttp client {@code MinioStorageBackend} builds for {@code config} when it is given none (storage-minio
     * {@code HttpClients.create}): a dispatcher and pool bounded by the config, TCP_NODELAY sockets, the config's
     * timeouts, HTTP/1.1, OkHttp's connection-failure retry as {@code clientRetries} says. Left out: the backend's
     * {@code ReleasingBodyInterceptor}, which only acts when a download is closed before its end (every read here
     * reads to the end) and is a feature of the backend, not of the client.
     */
    static OkHttpClient minioHttp(MinioStorageConfig config) {
        if (config.httpClient().isPresent()) {
            throw new IllegalArgumentException("the benchmarks let the backend build its own HTTP client");
        }
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(config.maxConcurrentRequests());
        dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests());
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(config.maxIdleConnections(), config.keepAlive().toMillis(),
                        TimeUnit.MILLISECONDS))
                .socketFactory(new NoDelaySockets(SocketFactory.getDefault()))
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(config.clientRetries())
                .build();
    }

    /** The {@link MinioAsyncClient} {@code MinioStorageBackend} builds for {@code config}, over {@code http}. */
    static MinioAsyncClient minio(MinioStorageConfig config, OkHttpClient http) {
        return MinioAsyncClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http, false)
                .build();
    }

    /** Stops the threads and connections of a client from {@link #minioHttp}. */
    static void shutDown(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Sockets with Nagle's algorithm off, as storage-minio's {@code NoDelaySocketFactory} makes them. */
    private static final class NoDelaySockets extends SocketFactory {
        private final SocketFactory delegate;

        NoDelaySockets(SocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket noDelay(Socket socket) throws IOException {
            socket.setTcpNoDelay(true);
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return noDelay(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            return noDelay(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
