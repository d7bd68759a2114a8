package studio.sselfie.storage.minio;

import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.SocketFactory;

import io.minio.Http;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Builds the OkHttp client a backend hands to the MinIO SDK. */
final class HttpClients {
    private HttpClients() {
    }

    /**
     * The client for {@code config}: derived from the shared client when there is one (same pool and dispatcher),
     * otherwise a new one with the config's bounded pool. Either way with the config's timeouts, HTTP/1.1 (as the MinIO
     * SDK's own client), the {@link ReleasingBodyInterceptor}, and, only when {@link MinioStorageConfig#clientRetries()},
     * the {@link RetryInterceptor} and OkHttp's connection-failure retry (see {@link MinioStorageConfig}). Its sockets have
     * Nagle's algorithm off (see {@link NoDelaySocketFactory}).
     */
    static OkHttpClient create(MinioStorageConfig config) {
        OkHttpClient.Builder builder;
        if (config.httpClient().isPresent()) {
            builder = config.httpClient().get().newBuilder();
            // A client made by the SDK's Http.newDefaultClient() retries on 5xx and 429: a second retry layer.
            builder.interceptors().removeIf(interceptor -> interceptor instanceof Http.StatusRetryInterceptor);
            builder.networkInterceptors().removeIf(interceptor -> interceptor instanceof Http.StatusRetryInterceptor);
        } else {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(config.maxConcurrentRequests());
            dispatcher.setMaxRequestsPerHost(config.maxConcurrentRequests());
            builder = new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(config.maxIdleConnections(), config.keepAlive().toMillis(),
                            TimeUnit.MILLISECONDS));
        }
        SocketFactory sockets = config.httpClient().map(OkHttpClient::socketFactory).orElseGet(SocketFactory::getDefault);
        if (!(sockets instanceof NoDelaySocketFactory)) {
            builder.socketFactory(new NoDelaySocketFactory(sockets));
        }
        builder.interceptors().removeIf(interceptor -> interceptor instanceof RetryInterceptor);
        if (config.clientRetries()) {
            builder.addInterceptor(new RetryInterceptor());
        }
        return builder
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.writeTimeout())
                .protocols(List.of(Protocol.HTTP_1_1))
                .retryOnConnectionFailure(config.clientRetries())
                .addInterceptor(new ReleasingBodyInterceptor())
                .build();
    }

    /** Stops the threads and connections of a client the backend built itself. */
    static void shutDown(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
