package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance of a read whose object is replaced or deleted while it is open, step by step on one thread (no race to
 * win): the reader gets the old bytes whole, or fails with a clear exception ({@link IOException} or
 * {@link StorageException}) after a prefix of the old bytes; never new bytes, never a mix. Catches a backend whose
 * open stream shares a mutable buffer with the stored object, or that resumes a broken read from the new object.
 */
public abstract class ReadDuringOverwriteContract extends ConformanceContract {
    /** Larger than the buffers HTTP clients fill ahead, so the rest is still on the wire when the key is replaced. */
    private static final int OLD_SIZE = 1024 * 1024 + 17;
    private static final int FIRST_READ = 64 * 1024;
    private static final String KEY = "overwritten/photo.bin";

    protected ReadDuringOverwriteContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void get_partlyReadThenReplacedByLongerObject_restIsOldBytesOrClearFailure() throws IOException {
        assertReaderUnaffected(randomBytes(OLD_SIZE + 300_000, 2), FIRST_READ);
    }

    @Test
    void get_partlyReadThenReplacedByShorterObject_restIsOldBytesOrClearFailure() throws IOException {
        assertReaderUnaffected(randomBytes(5_000, 3), FIRST_READ);
    }

    @Test
    void get_openedThenReplacedBeforeFirstRead_readsOldBytesOrFailsClearly() throws IOException {
        assertReaderUnaffected(randomBytes(OLD_SIZE / 2, 4), 0);
    }

    @Test
    void get_partlyReadThenDeleted_restIsOldBytesOrClearFailure() throws IOException {
        byte[] old = randomBytes(OLD_SIZE, 5);
        ObjectInfo before = write(KEY, old);

        try (StorageObject object = backend.get(KEY)) {
            byte[] first = object.stream().readNBytes(FIRST_READ);
            backend.delete(KEY);
            assertOldBytesOrClearFailure(object, before, old, first, 0);
        }
        assertThat(backend.head(KEY)).as("head after the delete that happened during a read").isEmpty();
    }

    @Test
    void getRange_partlyReadThenReplaced_restIsOldRangeOrClearFailure() throws IOException {
        byte[] old = randomBytes(OLD_SIZE, 6);
        ObjectInfo before = write(KEY, old);
        int from = 100_000;

        try (StorageObject object = backend.get(KEY, GetOptions.range(ByteRange.from(from)))) {
            byte[] first = object.stream().readNBytes(FIRST_READ);
            write(KEY, randomBytes(OLD_SIZE, 7));
            assertOldBytesOrClearFailure(object, before, Arrays.copyOfRange(old, from, old.length), first, from);
        }
    }

    /**
     * Writes an old object, opens it, reads {@code firstRead} bytes, replaces it with {@code replacement}, and reads
     * on; then checks the reader and that a new get sees the replacement.
     */
    private void assertReaderUnaffected(byte[] replacement, int firstRead) throws IOException {
        byte[] old = randomBytes(OLD_SIZE, 1);
        ObjectInfo before = write(KEY, old);

        try (StorageObject object = backend.get(KEY)) {
            byte[] first = object.stream().readNBytes(firstRead);
            write(KEY, replacement);
            assertOldBytesOrClearFailure(object, before, old, first, 0);
        }

        assertThat(sha256(read(KEY))).as("a get opened after the overwrite must read the new bytes")
                .isEqualTo(sha256(replacement));
    }

    /**
     * Reads the rest of {@code object}: all of it must be {@code expected} (what the object held when it was opened),
     * or the read must fail with an {@link IOException} or {@link StorageException} after a prefix of it.
     */
    private static void assertOldBytesOrClearFailure(StorageObject object, ObjectInfo before, byte[] expected,
            byte[] first, long offset) {
        assertThat(object.info().etag()).as("etag in the info of a reader opened before the object changed")
                .isEqualTo(before.etag());
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        seen.writeBytes(first);
        Exception failure = readRest(object.stream(), seen);
        byte[] read = seen.toByteArray();
        if (failure == null) {
            assertThat(read.length).as("bytes read by a reader opened before the object changed (from offset %d)", offset)
                    .isEqualTo(expected.length);
            assertThat(sha256(read)).as("a reader opened before the object changed must return the old bytes whole")
                    .isEqualTo(sha256(expected));
            return;
        }
        assertThat(failure.getMessage()).as("message of the failure of a reader whose object changed: %s", failure)
                .isNotBlank();
        assertThat(read.length).as("bytes read before the failure (%s)", failure).isLessThanOrEqualTo(expected.length);
        assertThat(Arrays.equals(read, 0, read.length, expected, 0, read.length))
                .as("the %d bytes read before the failure (%s) must be the old object's first bytes, never new ones",
                        read.length, failure)
                .isTrue();
    }

    /** Reads {@code in} to its end into {@code sink}; returns the clear failure that ended it early, if any. */
    private static Exception readRest(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[16 * 1024];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                sink.write(buffer, 0, n);
            }
            return null;
        } catch (IOException | UncheckedIOException | StorageException clear) {
            return clear;
        }
    }
}
