package studio.sselfie.storage.minio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.StorageObject;

/**
 * Streams closed early release their connection: a short rest is drained and the connection reused, a long rest is
 * not read and the connection dropped. Either way a small pool never runs dry.
 */
class MinioConnectionReleaseTest {
    private static final int SMALL = 32 * 1024;
    private static final int LARGE = 4 * 1024 * 1024;
    private static TestBucket bucket;

    @BeforeAll
    static void createBucket() {
        bucket = TestBucket.create("minio-release");
        try (MinioStorageBackend backend = bucket.backend()) {
            backend.put("small.bin", GeneratedStream.bytes(SMALL, 1));
            backend.put("large.bin", GeneratedStream.bytes(LARGE, 2));
        }
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    private final AtomicInteger connects = new AtomicInteger();
    private final ConnectionPool pool = new ConnectionPool(2, 1, TimeUnit.MINUTES);
    private final OkHttpClient client = new OkHttpClient.Builder()
            .connectionPool(pool)
            .eventListener(new EventListener() {
                @Override
                public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                    connects.incrementAndGet();
                }
            })
            .protocols(List.of(Protocol.HTTP_1_1))
            .build();
    private final MinioStorageBackend backend = MinioStorageBackend.create(bucket.config().httpClient(client).build());

    @AfterEach
    void closeBackend() {
        backend.close();
        HttpClients.shutDown(client);
    }

    @Test
    void get_thousandStreamsClosedAfterOneByte_allCompleteWithASmallPool() {
        byte first = GeneratedStream.bytes(LARGE, 2)[0];

        // A guard against a pool run dry (each get would hang), not a timing assertion.
        assertTimeoutPreemptively(Duration.ofMinutes(3), () -> {
            for (int i = 0; i < 1000; i++) {
                try (StorageObject object = backend.get("large.bin")) {
                    assertThat(object.stream().read()).isEqualTo(first & 0xFF);
                }
            }
        });

        assertThat(pool.connectionCount()).as("connections held after the loop").isLessThanOrEqualTo(2);
        assertThat(backend.getBytes("small.bin")).hasSize(SMALL);
    }

    @Test
    void get_closedWithShortRest_drainsItAndReusesTheConnection() throws IOException {
        backend.head("small.bin");
        int before = connects.get();

        for (int i = 0; i < 20; i++) {
            try (StorageObject object = backend.get("small.bin")) {
                object.stream().read();
            }
        }

        assertThat(connects.get() - before).as("new connections for 20 abandoned small reads").isZero();
        assertThat(pool.idleConnectionCount()).isEqualTo(1);
    }

    @Test
    void get_closedWithLongRest_dropsTheConnection() throws IOException {
        backend.head("large.bin");
        int before = connects.get();

        for (int i = 0; i < 20; i++) {
            try (StorageObject object = backend.get("large.bin")) {
                object.stream().read();
            }
        }

        // The first read may take the idle connection of the head; every later one needs a new connection.
        assertThat(connects.get() - before).as("new connections for 20 abandoned large reads").isGreaterThanOrEqualTo(19);
    }

    @Test
    void get_rangeClosedWithShortRest_reusesTheConnection() throws IOException {
        backend.head("large.bin");
        int before = connects.get();

        for (int i = 0; i < 20; i++) {
            try (StorageObject object = backend.get("large.bin", GetOptions.range(ByteRange.of(i * 1000L, i * 1000L + 9999)))) {
                object.stream().read();
            }
        }

        assertThat(connects.get() - before).isZero();
    }

    @Test
    void get_readToTheEnd_reusesTheConnection() {
        backend.head("small.bin");
        int before = connects.get();

        for (int i = 0; i < 10; i++) {
            assertThat(backend.getBytes("small.bin")).hasSize(SMALL);
        }

        assertThat(connects.get() - before).isZero();
    }
}
