package studio.sselfie.storage.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;

import org.openjdk.jmh.infra.Blackhole;

import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import okhttp3.OkHttpClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.minio.MinioStorageConfig;

/**
 * What {@link ClientBaselineBenchmark} does to a store, the same work through a backend or through a raw client: put
 * a {@code byte[]} as a stream of known length with a content type, and get an object reading its whole body. The raw
 * calls are the ones an app would write with the SDK alone.
 */
interface BaselineStore extends AutoCloseable {
    String CONTENT_TYPE = "application/octet-stream";

    /** Stores {@code bytes} at {@code key}; answers the ETag. */
    String put(String key, byte[] bytes);

    /** Reads the object at {@code key} to its end, 16 KiB at a time; answers its length. */
    long get(String key, Blackhole blackhole);

    @Override
    void close();

    /** Through a backend ({@code s3} or {@code minio}). */
    static BaselineStore of(StorageBackend backend) {
        PutOptions options = PutOptions.builder().contentType(CONTENT_TYPE).build();
        return new BaselineStore() {
            @Override
            public String put(String key, byte[] bytes) {
                return backend.put(key, new ByteArrayInputStream(bytes), bytes.length, options).etag();
            }

            @Override
            public long get(String key, Blackhole blackhole) {
                try (StorageObject object = backend.get(key)) {
                    return BackendBenchmark.drain(object.stream(), blackhole);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                backend.close();
            }
        };
    }

    /**
     * Through the raw {@link S3Client} ({@code s3-raw}): one PutObject of the stream whatever its size (the sync client
     * has no multipart of its own), one GetObject.
     */
    static BaselineStore of(S3Client client, String bucket) {
        return new BaselineStore() {
            @Override
            public String put(String key, byte[] bytes) {
                return client.putObject(request -> request.bucket(bucket).key(key).contentType(CONTENT_TYPE),
                        RequestBody.fromInputStream(new ByteArrayInputStream(bytes), bytes.length)).eTag();
            }

            @Override
            public long get(String key, Blackhole blackhole) {
                try (InputStream in = client.getObject(request -> request.bucket(bucket).key(key))) {
                    return BackendBenchmark.drain(in, blackhole);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /**
     * Through the raw {@link MinioAsyncClient} ({@code minio-raw}), waiting for each call: putObject of the stream with
     * the backend's part size (one PUT up to it, a multipart upload whose parts the SDK sends one after another above
     * it), one GetObject.
     */
    static BaselineStore of(MinioStorageConfig config) {
        OkHttpClient http = RawClients.minioHttp(config);
        MinioAsyncClient client = RawClients.minio(config, http);
        return new BaselineStore() {
            @Override
            public String put(String key, byte[] bytes) {
                return join(client.putObject(PutObjectArgs.builder().bucket(config.bucket()).region(config.region())
                        .object(key).contentType(CONTENT_TYPE)
                        .stream(new ByteArrayInputStream(bytes), (long) bytes.length, config.partSize())
                        .build())).etag();
            }

            @Override
            public long get(String key, Blackhole blackhole) {
                try (InputStream in = join(client.getObject(GetObjectArgs.builder().bucket(config.bucket())
                        .region(config.region()).object(key).build()))) {
                    return BackendBenchmark.drain(in, blackhole);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void close() {
                RawClients.shutDown(http);
            }
        };
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the MinIO call failed", e.getCause());
        }
    }
}
