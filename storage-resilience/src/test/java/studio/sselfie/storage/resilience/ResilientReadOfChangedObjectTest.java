package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * A resumed read whose object changed meanwhile: the decorator reopens at the byte it got to, sees another version,
 * and must fail with an {@link IOException}, never splice the new version's bytes onto the old ones. Deterministic:
 * the test replaces the object, then cuts the first connection (an {@code IOException}, or an early end as a
 * truncated body gives), so the very next read has to resume.
 */
class ResilientReadOfChangedObjectTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
    private static final int OLD_SIZE = 100_000;
    private static final int FIRST_READ = 10_000;

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final Cutting cutting = new Cutting(store);
    private final ResilientStorageBackend backend = ResilientStorageBackend.wrap(cutting, FAST);
    private final byte[] old = bytes(OLD_SIZE, 1);

    @Test
    void read_cutAfterObjectReplacedByLongerOne_throwsIOExceptionNamingTheChange() throws IOException {
        assertFailsWithoutSplicing(bytes(OLD_SIZE + 50_000, 2), false, "changed while it was read");
    }

    @Test
    void read_cutAfterObjectReplacedBySameLengthOtherBytes_throwsIOExceptionNamingTheChange() throws IOException {
        assertFailsWithoutSplicing(bytes(OLD_SIZE, 3), false, "changed while it was read");
    }

    @Test
    void read_truncatedAfterObjectReplaced_throwsIOExceptionNamingTheChange() throws IOException {
        assertFailsWithoutSplicing(bytes(OLD_SIZE + 7, 4), true, "changed while it was read");
    }

    @Test
    void read_cutAfterObjectReplacedByOneShorterThanTheReadSoFar_throwsIOException() throws IOException {
        // The resumed range starts past the new object's end: the store refuses the range, the read fails.
        assertFailsWithoutSplicing(bytes(FIRST_READ / 2, 5), false, "resuming the read");
    }

    @Test
    void read_cutAfterObjectDeleted_throwsIOException() throws IOException {
        store.put("k", old);
        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            byte[] first = stream.readNBytes(FIRST_READ);
            store.delete("k");
            cutting.cut(false);

            assertRestFails(stream, first, old, "resuming the read");
        }
    }

    @Test
    void readRange_cutAfterObjectReplaced_throwsIOExceptionNamingTheChange() throws IOException {
        store.put("k", old);
        try (StorageObject object = backend.get("k", GetOptions.range(ByteRange.of(20_000, 79_999)))) {
            InputStream stream = object.stream();
            byte[] first = stream.readNBytes(FIRST_READ);
            store.put("k", bytes(OLD_SIZE, 6));
            cutting.cut(false);

            assertRestFails(stream, first, Arrays.copyOfRange(old, 20_000, 80_000), "changed while it was read");
        }
    }

    @Test
    void read_cutWhileObjectUnchanged_resumesAndReturnsTheBytesWhole() throws IOException {
        store.put("k", old);
        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            byte[] first = stream.readNBytes(FIRST_READ);
            cutting.cut(false);
            byte[] rest = stream.readAllBytes();

            assertThat(concat(first, rest)).as("bytes of a read resumed on an unchanged object").isEqualTo(old);
        }
        assertThat(cutting.opened).as("gets sent: the first and the resumed one").isEqualTo(2);
    }

    private void assertFailsWithoutSplicing(byte[] replacement, boolean truncate, String message) throws IOException {
        store.put("k", old);
        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            byte[] first = stream.readNBytes(FIRST_READ);
            store.put("k", replacement);
            cutting.cut(truncate);

            assertRestFails(stream, first, old, message);
        }
        assertThat(backend.getBytes("k")).as("a new read after the change gets the new bytes").isEqualTo(replacement);
    }

    /** Reads on: must fail with an IOException whose message says {@code message}, after old bytes only. */
    private static void assertRestFails(InputStream stream, byte[] first, byte[] expected, String message) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        seen.writeBytes(first);
        byte[] buffer = new byte[4096];

        assertThatThrownBy(() -> {
            for (int n; (n = stream.read(buffer)) >= 0; ) {
                seen.write(buffer, 0, n);
            }
        }).as("reading on after the object changed and the connection broke").isInstanceOf(IOException.class)
                .hasMessageContaining(message);

        byte[] read = seen.toByteArray();
        assertThat(Arrays.equals(read, 0, read.length, expected, 0, read.length))
                .as("the %d bytes read before the failure must be the old version's first bytes", read.length).isTrue();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    /** Hands out the first stream of a get so that the test can cut it; later gets (the resumes) pass through. */
    private static final class Cutting extends FlakyBackend {
        private volatile CuttableStream first;
        volatile int opened;

        Cutting(StorageBackend delegate) {
            super(delegate);
        }

        /** From now on the first stream fails: with an IOException, or (truncate) with an early end. */
        void cut(boolean truncate) {
            first.cut = truncate ? CuttableStream.Cut.END : CuttableStream.Cut.FAIL;
        }

        @Override
        public StorageObject get(String key, GetOptions options) {
            StorageObject object = super.get(key, options);
            if (opened++ > 0) {
                return object;
            }
            first = new CuttableStream(object.stream());
            return new StorageObject(object.info(), first, object.contentLength(), object.range().orElse(null));
        }
    }

    private static final class CuttableStream extends FilterInputStream {
        enum Cut { NONE, FAIL, END }

        volatile Cut cut = Cut.NONE;

        CuttableStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (cut == Cut.FAIL) {
                throw new IOException("connection reset (test)");
            }
            return cut == Cut.END ? -1 : super.read(b, off, len);
        }
    }
}
