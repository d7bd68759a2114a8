package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** The streams of {@link ResilientStorageBackend#get}: resumed, verified, and well-behaved as {@link InputStream}s. */
class ResilientReadTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void read_afterClose_failsWithoutOpeningTheObjectAgain() throws IOException {
        store.put("k", bytes(10_000, 1));
        // Like an HTTP body: reading it after close fails.
        StreamWrapping http = new StreamWrapping(store, in -> new FilterInputStream(in) {
            private boolean closed;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("Stream closed (test)");
                }
                return super.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closed = true;
                super.close();
            }
        });
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(http, FAST);
        StorageObject object = backend.get("k");
        InputStream stream = object.stream();
        stream.read(new byte[100]);

        object.close();

        assertThatThrownBy(() -> stream.read(new byte[100])).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(http.opened).hasValue(1);
    }

    @Test
    void close_twice_closesTheUnderlyingStreamOnce() throws IOException {
        store.put("k", bytes(1000, 2));
        AtomicInteger closes = new AtomicInteger();
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(new StreamWrapping(store, in -> new FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                closes.incrementAndGet();
                super.close();
            }
        }), FAST);
        StorageObject object = backend.get("k");

        object.close();
        object.close();

        assertThat(closes).hasValue(1);
    }

    @Test
    void read_brokenOffAfterTheLastByte_returnsTheBytesWithoutResuming() throws IOException {
        byte[] body = bytes(5000, 3);
        store.put("k", body);
        StreamWrapping breaking = new StreamWrapping(store, in -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset after the last byte (test)");
                }
                return n;
            }
        });
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(breaking, FAST);

        try (StorageObject object = backend.get("k")) {
            assertThat(object.stream().readAllBytes()).isEqualTo(body);
        }
        assertThat(breaking.opened).hasValue(1);
    }

    @Test
    void read_afterCorruptReadException_keepsFailing() throws IOException {
        byte[] body = bytes(5000, 4);
        store.put("k", body);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(new StreamWrapping(store, in -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    b[off] ^= 0x01;
                }
                return n;
            }
        }), FAST);

        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(CorruptReadException.class);

            assertThatThrownBy(stream::read).isInstanceOf(CorruptReadException.class);
        }
    }

    @Test
    void read_whoseResumeFailsWithAnUncheckedException_throwsIOExceptionKeepingBothFailures() throws IOException {
        store.put("k", bytes(5000, 5));
        StreamWrapping breaking = new StreamWrapping(store, in -> new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset (test)");
            }
        });
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(breaking, FAST);

        try (StorageObject object = backend.get("k")) {
            breaking.failReopen = true;

            assertThatThrownBy(() -> object.stream().read(new byte[10])).isInstanceOf(IOException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(
                            s -> assertThat(s).hasMessageContaining("connection reset (test)")));
        }
    }

    @Test
    void skip_thenReadToTheEnd_isVerifiedOverTheSkippedBytesToo() throws IOException {
        byte[] body = bytes(20_000, 6);
        store.put("k", body);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(store, FAST);

        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            assertThat(stream.skip(7000)).isEqualTo(7000);
            byte[] rest = stream.readAllBytes();

            assertThat(rest).isEqualTo(java.util.Arrays.copyOfRange(body, 7000, body.length));
        }
    }

    @Test
    void read_ofRangeBrokenOffMidway_resumesWithinTheRange() throws IOException {
        byte[] body = bytes(30_000, 7);
        store.put("k", body);
        StreamWrapping breaking = new StreamWrapping(store, in -> new FilterInputStream(in) {
            private int position;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= 1000) {
                    throw new IOException("connection reset (test)");
                }
                int n = super.read(b, off, Math.min(len, 1000 - position));
                position += Math.max(n, 0);
                return n;
            }
        });
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(breaking, FAST);

        try (StorageObject object = backend.get("k", GetOptions.range(ByteRange.of(10_000, 14_999)))) {
            assertThat(object.stream().readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(body, 10_000, 15_000));
        }
        assertThat(breaking.opened).hasValue(2);
    }

    @Test
    void markSupported_isFalse_andAvailableNeverExceedsWhatIsLeft() throws IOException {
        store.put("k", bytes(100, 8));
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(store, FAST);

        try (StorageObject object = backend.get("k")) {
            InputStream stream = object.stream();
            stream.readNBytes(60);

            assertThat(stream.markSupported()).isFalse();
            assertThat(stream.available()).isBetween(0, 40);
            assertThatThrownBy(stream::reset).isInstanceOf(IOException.class);
        }
    }

    /**
     * Wraps the stream of the first get in {@code wrap}; later gets (resumes) are served plainly, or fail with
     * {@link IllegalStateException} (as a closed backend does) once {@link #failReopen} is set.
     */
    private static final class StreamWrapping extends FlakyBackend {
        final AtomicInteger opened = new AtomicInteger();
        private final UnaryOperator<InputStream> wrap;
        volatile boolean failReopen;

        StreamWrapping(StorageBackend delegate, UnaryOperator<InputStream> wrap) {
            super(delegate);
            this.wrap = wrap;
        }

        @Override
        public StorageObject get(String key, GetOptions options) {
            if (opened.incrementAndGet() > 1) {
                if (failReopen) {
                    throw new IllegalStateException("[test] backend is closed");
                }
                return super.get(key, options);
            }
            StorageObject object = super.get(key, options);
            return new StorageObject(object.info(), wrap.apply(object.stream()), object.contentLength(),
                    object.range().orElse(null));
        }
    }
}
