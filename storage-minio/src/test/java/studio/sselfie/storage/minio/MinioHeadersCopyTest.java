package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/**
 * The HTTP object headers on the wire, recorded by an OkHttp interceptor: what put and copy send. S3Proxy drops
 * {@code Expires} on a CopyObject with the COPY directive (S3 keeps it), so that copy is checked by its request.
 */
class MinioHeadersCopyTest {
    private static final ObjectHeaders ALL = ObjectHeaders.builder().cacheControl("public, max-age=600")
            .contentDisposition("attachment; filename=\"a.png\"").contentEncoding("identity").contentLanguage("de")
            .expires(Instant.parse("2031-01-02T03:04:05Z")).build();

    private static TestBucket bucket;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private OkHttpClient httpClient;
    private MinioStorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-headers");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @BeforeEach
    void open() {
        MinioStorageConfig.Builder config = MinioStorageConfig.builder().endpoint(bucket.endpoint().endpoint())
                .bucket(bucket.name()).region(bucket.endpoint().region())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())
                .partSize(MinioStorageConfig.MIN_PART_SIZE);
        httpClient = HttpClients.create(config.build()).newBuilder().addInterceptor(chain -> {
            requests.add(chain.request());
            return chain.proceed(chain.request());
        }).build();
        backend = MinioStorageBackend.create(config.httpClient(httpClient).build());
    }

    @AfterEach
    void close() {
        backend.close();
        HttpClients.shutDown(httpClient);
    }

    private Request last(String method, String header) {
        Request last = null;
        for (Request request : requests) {
            if (request.method().equals(method) && (header == null || request.header(header) != null)) {
                last = request;
            }
        }
        assertThat(last).as("a " + method + " request" + (header == null ? "" : " with " + header)).isNotNull();
        return last;
    }

    @Test
    void put_everyHeader_putRequestCarriesEach() {
        backend.put("a.png", new byte[] {1}, PutOptions.builder().headers(ALL).build());

        Request sent = last("PUT", null);
        assertThat(sent.header("Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(sent.header("Content-Disposition")).isEqualTo("attachment; filename=\"a.png\"");
        assertThat(sent.header("Content-Encoding")).isEqualTo("identity");
        assertThat(sent.header("Content-Language")).isEqualTo("de");
        assertThat(sent.header("Expires")).isEqualTo("Thu, 02 Jan 2031 03:04:05 GMT");
    }

    @Test
    void put_multipartOnEmbeddedServerWhichDropsExpires_createMultipartUploadCarriesEachHeader() {
        byte[] bytes = new byte[(int) MinioStorageConfig.MIN_PART_SIZE + 1];
        backend.put("big.bin", new ByteArrayInputStream(bytes), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().headers(ALL).build());

        Request sent = last("POST", "Expires");
        assertThat(sent.url().queryParameterNames()).contains("uploads");
        assertThat(sent.header("Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(sent.header("Content-Disposition")).isEqualTo("attachment; filename=\"a.png\"");
        assertThat(sent.header("Content-Encoding")).isEqualTo("identity");
        assertThat(sent.header("Content-Language")).isEqualTo("de");
        assertThat(sent.header("Expires")).isEqualTo("Thu, 02 Jan 2031 03:04:05 GMT");
    }

    @Test
    void copy_keepOnEmbeddedServerWhichDropsExpires_sendsNoReplaceAndKeepsTheOtherHeaders() {
        backend.put("a.png", new byte[] {1, 2}, PutOptions.builder().headers(ALL).build());

        backend.copy("a.png", "b.png");

        Request sent = last("PUT", "x-amz-copy-source");
        assertThat(sent.header("x-amz-metadata-directive")).isNotEqualTo("REPLACE");
        assertThat(sent.header("Cache-Control")).isNull();
        assertThat(sent.header("Expires")).isNull();
        assertThat(backend.head("b.png").orElseThrow().headers().toBuilder().expires(null).build())
                .isEqualTo(ALL.toBuilder().expires(null).build());
    }

    @Test
    void copy_replace_sendsDirectiveReplaceWithNewHeaders() {
        backend.put("a.png", new byte[] {1, 2}, PutOptions.builder().headers(ALL).build());

        backend.copy("a.png", "b.png", CopyOptions.replace(PutOptions.builder().contentType("image/png")
                .headers(h -> h.cacheControl("no-cache")).build()));

        Request sent = last("PUT", "x-amz-copy-source");
        assertThat(sent.header("x-amz-metadata-directive")).isEqualTo("REPLACE");
        assertThat(sent.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(sent.header("Content-Type")).isEqualTo("image/png");
        assertThat(backend.head("b.png").orElseThrow().headers()).isEqualTo(ObjectHeaders.of(h -> h.cacheControl("no-cache")));
    }
}
