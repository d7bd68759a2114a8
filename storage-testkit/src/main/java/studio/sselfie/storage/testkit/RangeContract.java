package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests of ranged reads, following {@link ByteRange}: every backend honours a range, whether or not the
 * store serves it ({@link studio.sselfie.storage.Capability#RANGE_READ} only says the store does). Edges matter most:
 * first and last byte, a last byte past the end, a first byte at or past the end, empty objects.
 */
public abstract class RangeContract extends ConformanceContract {
    private static final String KEY = "ranged.bin";
    private static final int SIZE = 1000;
    private static final byte[] BYTES = randomBytes(SIZE, 42);

    protected RangeContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void get_rangeOfFirstByte_returnsThatByte() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.of(0, 0))).containsExactly(BYTES[0]);
    }

    @Test
    void get_rangeOfLastByte_returnsThatByte() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.of(SIZE - 1, SIZE - 1))).containsExactly(BYTES[SIZE - 1]);
    }

    @Test
    void get_rangeInTheMiddle_returnsThoseBytes() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.of(100, 349))).isEqualTo(Arrays.copyOfRange(BYTES, 100, 350));
    }

    @Test
    void get_rangeFromAnOffset_returnsTheRestOfTheObject() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.from(900))).isEqualTo(Arrays.copyOfRange(BYTES, 900, SIZE));
    }

    @Test
    void get_suffixRange_returnsTheLastBytes() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.suffix(10))).isEqualTo(Arrays.copyOfRange(BYTES, SIZE - 10, SIZE));
    }

    @Test
    void get_suffixLongerThanTheObject_returnsTheWholeObject() {
        write(KEY, BYTES);

        assertThat(readRange(KEY, ByteRange.suffix(SIZE + 500))).isEqualTo(BYTES);
    }

    @Test
    void get_rangeEndingPastTheEnd_isCutToTheEnd() {
        write(KEY, BYTES);

        try (StorageObject object = backend.get(KEY, GetOptions.range(ByteRange.of(990, 5000)))) {
            assertThat(object.contentLength()).isEqualTo(10);
            assertThat(object.readAllBytes()).isEqualTo(Arrays.copyOfRange(BYTES, 990, SIZE));
        }
    }

    @Test
    void get_rangeStartingAtTheSize_throwsRangeNotSatisfiable() {
        write(KEY, BYTES);

        assertNotSatisfiable(KEY, ByteRange.of(SIZE, SIZE + 10));
    }

    @Test
    void get_rangeStartingFarPastTheEnd_throwsRangeNotSatisfiable() {
        write(KEY, BYTES);

        assertNotSatisfiable(KEY, ByteRange.from(1_000_000));
    }

    @Test
    void get_firstByteRangeOfEmptyObject_throwsRangeNotSatisfiable() {
        write("empty.bin", new byte[0]);

        assertNotSatisfiable("empty.bin", ByteRange.of(0, 0));
    }

    @Test
    void get_openRangeOfEmptyObject_throwsRangeNotSatisfiable() {
        write("empty.bin", new byte[0]);

        assertNotSatisfiable("empty.bin", ByteRange.from(0));
    }

    /** ByteRange: for an empty object "every range but a suffix" fails; a suffix selects none but is allowed. */
    @Test
    void get_suffixRangeOfEmptyObject_returnsNoBytes() {
        write("empty.bin", new byte[0]);

        try (StorageObject object = backend.get("empty.bin", GetOptions.range(ByteRange.suffix(5)))) {
            assertThat(object.contentLength()).isZero();
            assertThat(object.info().size()).isZero();
            assertThat(object.readAllBytes()).isEmpty();
        }
    }

    @Test
    void get_rangeOfMissingKey_throwsObjectNotFound() {
        write(KEY, BYTES);

        assertThatThrownBy(() -> readRange("absent.bin", ByteRange.of(0, 9)))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> assertThat(e.key()).hasValue("absent.bin"));
    }

    @Test
    void get_range_contentLengthIsTheRangesAndInfoSizeTheObjects() {
        write(KEY, BYTES);

        try (StorageObject object = backend.get(KEY, GetOptions.range(ByteRange.of(10, 19)))) {
            assertThat(object.contentLength()).isEqualTo(10);
            assertThat(object.info().size()).isEqualTo(SIZE);
        }
    }

    @Test
    void get_range_infoHasTheWholeObjectsEtag() {
        String etag = write(KEY, BYTES).etag();

        try (StorageObject object = backend.get(KEY, GetOptions.range(ByteRange.of(10, 19)))) {
            assertThat(object.info().etag()).isEqualTo(etag);
        }
    }

    @Test
    void get_range_reportsTheRequestedRange() {
        write(KEY, BYTES);
        ByteRange range = ByteRange.suffix(50);

        try (StorageObject object = backend.get(KEY, GetOptions.range(range))) {
            assertThat(object.range()).hasValue(range);
        }
    }

    @Test
    void get_whole_reportsNoRangeAndTheFullLength() {
        write(KEY, BYTES);

        try (StorageObject object = backend.get(KEY, GetOptions.whole())) {
            assertThat(object.range()).isEmpty();
            assertThat(object.contentLength()).isEqualTo(SIZE);
        }
    }

    @Test
    void get_rangeInTheMiddleOfLargeObject_isByteExact() {
        byte[] large = randomBytes(5 * 1024 * 1024, 43);
        write("large.bin", large);
        int first = 2 * 1024 * 1024 + 17;
        int last = first + 1024 * 1024;

        assertThat(readRange("large.bin", ByteRange.of(first, last))).isEqualTo(Arrays.copyOfRange(large, first, last + 1));
    }

    @Test
    void byteRangeOf_negativeFirstByte_throwsIllegalArgument() {
        assertThatThrownBy(() -> ByteRange.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteRangeOf_lastBeforeFirst_throwsIllegalArgument() {
        assertThatThrownBy(() -> ByteRange.of(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteRangeFrom_negativeFirstByte_throwsIllegalArgument() {
        assertThatThrownBy(() -> ByteRange.from(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void byteRangeSuffix_zeroLength_throwsIllegalArgument() {
        assertThatThrownBy(() -> ByteRange.suffix(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void get_rangedStreamClosedEarly_objectStaysReadable() throws IOException {
        byte[] bytes = randomBytes(2 * 1024 * 1024, 44);
        write("big.bin", bytes);

        try (StorageObject object = backend.get("big.bin", GetOptions.range(ByteRange.from(1000)))) {
            assertThat(object.stream().readNBytes(16)).isEqualTo(Arrays.copyOfRange(bytes, 1000, 1016));
        }

        assertThat(read("big.bin")).isEqualTo(bytes);
    }

    /** Many abandoned ranged reads in a row must each release their connection, or a pooled client runs dry. */
    @Test
    void get_manyRangedStreamsClosedEarly_backendKeepsServing() throws IOException {
        byte[] bytes = randomBytes(256 * 1024, 45);
        write("pooled.bin", bytes);

        for (int i = 0; i < 64; i++) {
            try (StorageObject object = backend.get("pooled.bin", GetOptions.range(ByteRange.from(i)))) {
                assertThat(object.stream().read()).isEqualTo(bytes[i] & 0xFF);
            }
        }

        assertThat(read("pooled.bin")).isEqualTo(bytes);
    }

    private byte[] readRange(String key, ByteRange range) {
        try (StorageObject object = backend.get(key, GetOptions.range(range))) {
            return object.readAllBytes();
        }
    }

    private void assertNotSatisfiable(String key, ByteRange range) {
        assertThatThrownBy(() -> readRange(key, range))
                .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> assertThat(e.key()).hasValue(key));
    }
}
