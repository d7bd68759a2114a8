package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.minio.CopyObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MinioAsyncClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.SourceObject;
import io.minio.StatObjectArgs;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import okhttp3.OkHttpClient;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;

/**
 * The backend sends the requests the raw MinIO client sends for the same work, no more: both go through one
 * {@link HttpFaultProxy}, which counts them; the raw client is built as the backend builds its own (same OkHttp client
 * settings, {@link HttpClients}). No HEAD after a put or a copy.
 */
class MinioRequestCountTest {
    private static final long PART = MinioStorageConfig.MIN_PART_SIZE;
    private static TestBucket bucket;
    private static HttpFaultProxy proxy;

    private MinioStorageConfig config;
    private OkHttpClient httpClient;
    private MinioAsyncClient raw;
    private StorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-request-count");
        proxy = HttpFaultProxy.start(bucket.endpoint().endpoint());
    }

    @AfterAll
    static void deleteBucket() {
        proxy.close();
        bucket.close();
    }

    @BeforeEach
    void open() {
        config = MinioStorageConfig.builder().endpoint(proxy.endpoint()).bucket(bucket.name())
                .region(bucket.endpoint().region())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())
                .partSize(PART).build();
        httpClient = HttpClients.create(config);
        raw = MinioAsyncClient.builder().endpoint(config.endpoint().toString()).region(config.region())
                .credentials(bucket.endpoint().accessKey(), bucket.endpoint().secretKey())
                .httpClient(httpClient, false).build();
        backend = MinioStorageBackend.create(config);
    }

    @AfterEach
    void close() throws Exception {
        backend.close();
        raw.close();
        HttpClients.shutDown(httpClient);
    }

    /** The methods of the requests {@code work} sent through the proxy. */
    private static List<String> requests(ThrowingRunnable work) {
        return proxy.methodsDuring(() -> {
            try {
                work.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private void rawPut(String key, byte[] body) throws Exception {
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).region(config.region()).object(key)
                .stream(new ByteArrayInputStream(body), (long) body.length, PART).contentType("image/jpeg").build())
                .join();
    }

    @Test
    void put_singlePart_sendsOnePutLikeTheRawClient() {
        byte[] body = bytes(16 * 1024);

        List<String> rawRequests = requests(() -> rawPut("raw/a.jpg", body));
        List<String> put = requests(() -> backend.put("sdk/a.jpg", body, PutOptions.builder().contentType("image/jpeg").build()));

        assertThat(put).as("a put sends what the raw client sends").isEqualTo(rawRequests).containsExactly("PUT");
    }

    @Test
    void put_multipart_sendsCreatePartsAndCompleteLikeTheRawClient() {
        byte[] body = bytes((int) (2 * PART + 1000));

        List<String> rawRequests = requests(() -> rawPut("raw/big", body));
        List<String> known = requests(() -> backend.put("sdk/big", new ByteArrayInputStream(body), body.length,
                PutOptions.defaults()));
        List<String> unknown = requests(() -> backend.put("sdk/big-unknown", new ByteArrayInputStream(body),
                StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()));

        assertThat(rawRequests).containsExactly("POST", "PUT", "PUT", "PUT", "POST");
        assertThat(known).as("multipart put of known length").isEqualTo(rawRequests);
        assertThat(unknown).as("multipart put of unknown length").isEqualTo(rawRequests);
    }

    @Test
    void get_wholeAndRanged_sendOneGetLikeTheRawClient() throws Exception {
        rawPut("k", bytes(1000));

        List<String> rawWhole = requests(() -> rawRead(GetObjectArgs.builder()));
        List<String> rawRanged = requests(() -> rawRead(GetObjectArgs.builder().offset(10L).length(10L)));
        List<String> whole = requests(() -> readAll(backend.get("k")));
        List<String> ranged = requests(() -> readAll(backend.get("k", GetOptions.range(ByteRange.of(10, 19)))));

        assertThat(whole).as("whole get").isEqualTo(rawWhole).containsExactly("GET");
        assertThat(ranged).as("ranged get").isEqualTo(rawRanged).containsExactly("GET");
    }

    private void rawRead(GetObjectArgs.Builder args) throws Exception {
        try (GetObjectResponse response = raw.getObject(args.bucket(config.bucket()).region(config.region()).object("k")
                .build()).join()) {
            response.readAllBytes();
        }
    }

    private static void readAll(StorageObject object) {
        try (object) {
            object.stream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void headAndDelete_sendOneRequestEachLikeTheRawClient() throws Exception {
        rawPut("k", bytes(10));

        List<String> rawHead = requests(() -> raw.statObject(StatObjectArgs.builder().bucket(config.bucket())
                .region(config.region()).object("k").build()).join());
        List<String> head = requests(() -> backend.head("k"));
        List<String> rawDelete = requests(() -> raw.removeObject(RemoveObjectArgs.builder().bucket(config.bucket())
                .region(config.region()).object("k").build()).join());
        List<String> delete = requests(() -> backend.delete("k"));

        assertThat(head).as("head").isEqualTo(rawHead).containsExactly("HEAD");
        assertThat(delete).as("delete").isEqualTo(rawDelete).containsExactly("DELETE");
    }

    /** The raw client's copyObject heads the source itself (for its size); the backend's head replaces that one. */
    @Test
    void copy_sendsHeadAndOneCopyLikeTheRawClient() throws Exception {
        rawPut("src", bytes(100));

        List<String> rawRequests = requests(() -> raw.copyObject(CopyObjectArgs.builder().bucket(config.bucket())
                .region(config.region()).object("raw-copy").source(SourceObject.builder().bucket(config.bucket())
                        .region(config.region()).object("src").build()).build()).join());
        List<String> copy = requests(() -> backend.copy("src", "sdk-copy"));

        assertThat(copy).as("copy").isEqualTo(rawRequests).containsExactly("HEAD", "PUT");
    }

    @Test
    void deleteAll_thousandKeys_sendsOneBatchLikeTheRawClient() {
        List<String> keys = new ArrayList<>();
        List<DeleteRequest.Object> objects = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            keys.add("batch/" + i);
            objects.add(new DeleteRequest.Object("batch/" + i));
        }

        List<String> rawRequests = requests(() -> {
            for (Result<DeleteResult.Error> error : raw.removeObjects(RemoveObjectsArgs.builder()
                    .bucket(config.bucket()).region(config.region()).objects(objects).build())) {
                error.get();
            }
        });
        List<String> deleteAll = requests(() -> backend.deleteAll(keys));

        assertThat(deleteAll).as("deleteAll of 1,000 keys").isEqualTo(rawRequests).containsExactly("POST");
    }

    @Test
    void put_infoWithoutHead_carriesWhatTheWriteSentAndTheAnswersDate() {
        byte[] body = "selfie".getBytes(StandardCharsets.UTF_8);

        ObjectInfo info = backend.put("dated", body, PutOptions.builder().contentType("image/png")
                .metadata("owner", "u1").build());
        ObjectInfo stored = backend.head("dated").orElseThrow();

        assertThat(info.etag()).as("etag from the put's answer").isEqualTo(stored.etag());
        assertThat(info.size()).isEqualTo(stored.size());
        assertThat(info.contentType()).isEqualTo(stored.contentType());
        assertThat(info.metadata()).isEqualTo(stored.metadata());
        assertThat(Duration.between(stored.lastModified(), info.lastModified()).abs())
                .as("the put answer's Date is the object's Last-Modified, within the time the write took")
                .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
}
