package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.StorageObject;

/**
 * Streams closed early give their connection back: with a pool of 8 connections and a 2 s wait for a free one, 1,000
 * gets each closed after one byte would fail with a pool timeout if a single close leaked its connection.
 */
@Timeout(120)
class S3ConnectionReleaseTest {
    private static final int GETS = 1_000;
    private static final int LARGE = 256 * 1024;

    private static S3TestBucket bucket;
    private static S3StorageBackend backend;

    @BeforeAll
    static void open() {
        bucket = S3TestBucket.create("s3-connections");
        backend = new S3StorageBackend(bucket.config(c -> c.maxConnections(8)
                .connectionAcquisitionTimeout(Duration.ofSeconds(2)).sdkRetries(1)));
        backend.put("large.bin", new byte[LARGE]);
        backend.put("small.bin", new byte[(int) S3ObjectStream.DRAIN_LIMIT - 1]);
    }

    @AfterAll
    static void close() {
        backend.close();
        bucket.close();
    }

    @Test
    void get_largeObjectClosedAfterOneByte_1000Times_neverExhaustsThePool() throws Exception {
        assertThat(readFirstByteRepeatedly("large.bin", GetOptions.whole())).isEqualTo(GETS);
    }

    @Test
    void get_smallObjectClosedAfterOneByte_1000Times_neverExhaustsThePool() throws Exception {
        assertThat(readFirstByteRepeatedly("small.bin", GetOptions.whole())).isEqualTo(GETS);
    }

    @Test
    void get_rangeClosedAfterOneByte_200Times_neverExhaustsThePool() throws Exception {
        assertThat(readFirstByteRepeatedly("large.bin", GetOptions.range(ByteRange.of(1000, 200_000)), 200)).isEqualTo(200);
    }

    @Test
    void get_afterEarlyCloses_stillReadsWholeObject() throws Exception {
        readFirstByteRepeatedly("large.bin", GetOptions.whole(), 100);

        assertThat(backend.getBytes("large.bin")).hasSize(LARGE);
    }

    private static int readFirstByteRepeatedly(String key, GetOptions options) throws Exception {
        return readFirstByteRepeatedly(key, options, GETS);
    }

    private static int readFirstByteRepeatedly(String key, GetOptions options, int gets) throws Exception {
        int completed = 0;
        for (int i = 0; i < gets; i++) {
            try (StorageObject object = backend.get(key, options)) {
                assertThat(object.stream().read()).isEqualTo(0);
            }
            completed++;
        }
        return completed;
    }
}
