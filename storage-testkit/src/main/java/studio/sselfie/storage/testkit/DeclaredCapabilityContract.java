package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance of the capabilities that promise how the work is done rather than what it gives: the functional tests
 * pass with or without them (a copy through the client still copies), so these tests watch the wire through
 * {@link StorageBackendConformanceSuite#trafficMeter()}. A backend declaring {@link Capability#SERVER_SIDE_COPY} must
 * move no body through the client on copy, {@link Capability#RANGE_READ} must receive about the range and not the
 * object, {@link Capability#BATCH_DELETE} must delete a batch in one request, {@link Capability#MULTIPART_UPLOAD} must
 * send a body over a part in several requests, and {@link Capability#PRESIGNED_URLS} must give a presigner (one that
 * does not must refuse with {@code InvalidRequestException}: a decorator that forgets to pass it on fails here). Each
 * wire test is skipped for a backend that does not declare its
 * capability, and for a suite without a traffic meter.
 */
public abstract class DeclaredCapabilityContract extends ConformanceContract {
    private static final int OBJECT_BYTES = 1024 * 1024;
    /** Far above what the heads of a few requests take, far below the object. */
    private static final long SMALL_TRAFFIC_BYTES = OBJECT_BYTES / 8;

    private Optional<StorageBackend> partSized = Optional.empty();

    protected DeclaredCapabilityContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void presigner_isThereExactlyWhenPresignedUrlsAreDeclared() {
        if (backend.supports(Capability.PRESIGNED_URLS)) {
            assertThat(backend.presigner().download("presign/declared.jpg", java.time.Duration.ofMinutes(1)).url())
                    .as("a download signed by %s, which declares PRESIGNED_URLS", backend.name()).isNotNull();
        } else {
            assertThatThrownBy(backend::presigner)
                    .as("%s does not declare PRESIGNED_URLS", backend.name())
                    .isInstanceOf(studio.sselfie.storage.InvalidRequestException.class)
                    .hasMessageContaining("PRESIGNED_URLS");
        }
    }

    @Test
    void copy_withServerSideCopy_movesNoBodyThroughTheClient() {
        assumeCapability(Capability.SERVER_SIDE_COPY);
        TrafficMeter meter = assumeTrafficMeter();
        byte[] bytes = randomBytes(OBJECT_BYTES, 1);
        putSeenByMeter(meter, "copy/source.bin", bytes);

        TrafficDelta copy = TrafficDelta.during(meter, () -> backend.copy("copy/source.bin", "copy/target.bin"));

        assertThat(copy.bytes())
                .as("bytes on the wire while %s, which declares SERVER_SIDE_COPY, copied a %d-byte object (%s): the"
                        + " copy must run inside the store", backend.name(), OBJECT_BYTES, copy)
                .isLessThan(SMALL_TRAFFIC_BYTES);
        assertThat(sha256(read("copy/target.bin"))).as("bytes of the server-side copy").isEqualTo(sha256(bytes));
    }

    @Test
    void getRange_withRangeRead_receivesAboutTheRangeOnly() {
        assumeCapability(Capability.RANGE_READ);
        TrafficMeter meter = assumeTrafficMeter();
        byte[] bytes = randomBytes(OBJECT_BYTES, 2);
        putSeenByMeter(meter, "range/object.bin", bytes);
        byte[][] range = new byte[1][];

        TrafficDelta get = TrafficDelta.during(meter, () -> {
            try (StorageObject object = backend.get("range/object.bin", GetOptions.range(ByteRange.of(500_000, 500_099)))) {
                range[0] = object.readAllBytes();
            }
        });

        assertThat(range[0]).as("bytes of range 500000-500099").hasSize(100);
        assertThat(get.responseBytes())
                .as("bytes received while %s, which declares RANGE_READ, read 100 bytes of a %d-byte object (%s): the"
                        + " store must serve the range", backend.name(), OBJECT_BYTES, get)
                .isLessThan(SMALL_TRAFFIC_BYTES);
    }

    @Test
    void deleteAll_withBatchDelete_sendsOneRequestForTheBatch() {
        assumeCapability(Capability.BATCH_DELETE);
        TrafficMeter meter = assumeTrafficMeter();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            keys.add(String.format("batch/%02d", i));
            putSeenByMeter(meter, keys.get(i), randomBytes(16, i));
        }
        DeleteResult[] result = new DeleteResult[1];

        TrafficDelta delete = TrafficDelta.during(meter, () -> result[0] = backend.deleteAll(keys));

        assertThat(result[0].failures()).as("keys that failed to delete (key to failure)").isEmpty();
        assertThat(delete.requests())
                .as("requests %s, which declares BATCH_DELETE, sent to delete a batch of %d keys (%s): one request per"
                        + " batch, not one per key", backend.name(), keys.size(), delete)
                .isEqualTo(1);
        assertThat(backend.list("batch/")).as("keys left after the batch delete").isEmpty();
    }

    @Test
    void put_withMultipartUploadOverOnePart_sendsSeveralRequests() {
        assumeCapability(Capability.MULTIPART_UPLOAD);
        TrafficMeter meter = assumeTrafficMeter();
        StorageBackend multipart = assumePartSizedBackend();
        int size = MultipartContract.PART + 1000;

        TrafficDelta put = TrafficDelta.during(meter, () -> multipart.put("multipart/object.bin",
                new GeneratedStream(size, 3), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()));

        assertThat(put.requestBytes()).as("bytes sent for the put of %d bytes: the meter must see the backend's"
                + " traffic", size).isGreaterThanOrEqualTo(size);
        assertThat(put.requests())
                .as("requests %s, which declares MULTIPART_UPLOAD, sent for a %d-byte body in %d-byte parts (%s): at"
                        + " least one per part and one to complete", multipart.name(), size, MultipartContract.PART, put)
                .isGreaterThanOrEqualTo(3);
    }

    @Override
    StorageBackend createBackend(StorageBackendConformanceSuite suite) {
        StorageBackend plain = suite.createBackend();
        if (plain.supports(Capability.MULTIPART_UPLOAD)) {
            // Only the multipart test uses it; made here so the kit cleans it up like the test's own backend.
            partSized = suite.createBackendWithPartSize(StorageBackendConformanceSuite.MULTIPART_PART_SIZE);
        }
        return plain;
    }

    @AfterEach
    final void closePartSizedBackend() {
        partSized.ifPresent(extra -> {
            try {
                suite().cleanUp(extra);
            } finally {
                extra.close();
            }
        });
    }

    private StorageBackend assumePartSizedBackend() {
        Assumptions.assumeTrue(partSized.isPresent(), () -> backend.name() + " declares"
                + " MULTIPART_UPLOAD, but its suite does not override"
                + " StorageBackendConformanceSuite.createBackendWithPartSize(long): test skipped");
        return partSized.orElseThrow();
    }

    /** Puts {@code bytes} and checks the meter saw them go out, so a meter the backend bypasses fails the test. */
    private void putSeenByMeter(TrafficMeter meter, String key, byte[] bytes) {
        TrafficDelta put = TrafficDelta.during(meter, () -> write(key, bytes));
        assertThat(put.requestBytes())
                .as("bytes the traffic meter saw sent for a put of %d bytes: is every backend of the suite routed"
                        + " through trafficMeter()?", bytes.length)
                .isGreaterThanOrEqualTo(bytes.length);
    }
}
