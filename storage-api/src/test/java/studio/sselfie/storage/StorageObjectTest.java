package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class StorageObjectTest {
    private static final ObjectInfo INFO = ObjectInfo.builder().key("k").size(5).etag("e").lastModified(Instant.EPOCH).build();

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readAllBytes_returnsStreamContent() {
        try (StorageObject object = new StorageObject(INFO, bytes("hello"), 5, null)) {
            assertThat(object.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
    }

    @Test
    void readAllBytes_failingStream_throwsUncheckedNamingKey() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("reset");
            }
        };
        StorageObject object = new StorageObject(INFO, failing, 5, null);

        assertThatThrownBy(object::readAllBytes).isInstanceOf(UncheckedIOException.class)
                .hasMessage("reading 'k' failed").hasRootCauseMessage("reset");
    }

    @Test
    void close_closesStream() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream stream = new ByteArrayInputStream(new byte[5]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        new StorageObject(INFO, stream, 5, null).close();

        assertThat(closed).isTrue();
    }

    @Test
    void close_failingStream_throwsUncheckedNamingKey() {
        InputStream stream = new ByteArrayInputStream(new byte[5]) {
            @Override
            public void close() throws IOException {
                throw new IOException("close failed");
            }
        };
        StorageObject object = new StorageObject(INFO, stream, 5, null);

        assertThatThrownBy(object::close).isInstanceOf(UncheckedIOException.class).hasMessage("closing 'k' failed");
    }

    @Test
    void constructor_negativeContentLength_throwsWithValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StorageObject(INFO, bytes(""), -1, null))
                .withMessage("contentLength must be >= 0, was -1");
    }

    @Test
    void constructor_nulls_throwNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new StorageObject(null, bytes(""), 0, null)).withMessage("info is null");
        assertThatNullPointerException().isThrownBy(() -> new StorageObject(INFO, null, 0, null)).withMessage("stream is null");
    }

    @Test
    void accessors_returnWhatWasGiven() {
        InputStream stream = bytes("ell");

        StorageObject object = new StorageObject(INFO, stream, 3, ByteRange.of(1, 3));

        assertThat(object.info()).isSameAs(INFO);
        assertThat(object.stream()).isSameAs(stream);
        assertThat(object.contentLength()).isEqualTo(3);
        assertThat(object.range()).contains(ByteRange.of(1, 3));
    }

    @Test
    void range_wholeObject_isEmpty() {
        assertThat(new StorageObject(INFO, bytes(""), 0, null).range()).isEmpty();
    }

    @Test
    void toString_namesKeyLengthAndRange() {
        assertThat(new StorageObject(INFO, bytes("ell"), 3, ByteRange.of(1, 3)))
                .hasToString("StorageObject{key='k', contentLength=3, range=1-3}");
    }
}
