package studio.sselfie.storage.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class FaultStreamsTest {
    private static final byte[] BYTES = {10, 11, 12, 13, 14, 15, 16, 17};

    @Test
    void truncating_singleByteReads_deliverPrefixThenFail() throws IOException {
        InputStream in = new TruncatingInputStream(new ByteArrayInputStream(BYTES), 3, BYTES.length, "test");

        assertThat(new int[] {in.read(), in.read(), in.read()}).containsExactly(10, 11, 12);
        assertThatThrownBy(in::read).isInstanceOf(IOException.class)
                .hasMessage("connection reset (injected) after 3 of 8 bytes, test");
    }

    @Test
    void truncating_skipPastPrefix_stopsAtPrefixThenFails() throws IOException {
        InputStream in = new TruncatingInputStream(new ByteArrayInputStream(BYTES), 5, BYTES.length, "test");

        assertThat(in.skip(100)).isEqualTo(5);
        assertThat(in.available()).isZero();
        assertThatThrownBy(() -> in.read(new byte[4])).isInstanceOf(IOException.class);
    }

    @Test
    void truncating_prefixZero_failsOnFirstRead() {
        InputStream in = new TruncatingInputStream(new ByteArrayInputStream(BYTES), 0, BYTES.length, "test");

        assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class).hasMessageContaining("after 0 of 8 bytes");
    }

    @Test
    void corrupting_singleByteReads_changeOnlyTheOffset() throws IOException {
        InputStream in = new CorruptingInputStream(new ByteArrayInputStream(BYTES), 7, 0xff);

        int[] read = new int[BYTES.length];
        for (int i = 0; i < read.length; i++) {
            read[i] = in.read();
        }

        assertThat(read).containsExactly(10, 11, 12, 13, 14, 15, 16, 17 ^ 0xff);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void corrupting_offsetSkipped_deliversRestUnchanged() throws IOException {
        InputStream in = new CorruptingInputStream(new ByteArrayInputStream(BYTES), 1, 1);

        assertThat(in.skip(2)).isEqualTo(2);
        assertThat(in.readAllBytes()).containsExactly(12, 13, 14, 15, 16, 17);
    }

    @Test
    void close_ofEitherWrapper_closesWrappedStream() throws IOException {
        AtomicBoolean truncatedClosed = new AtomicBoolean();
        AtomicBoolean corruptedClosed = new AtomicBoolean();

        new TruncatingInputStream(tracking(truncatedClosed), 2, BYTES.length, "test").close();
        new CorruptingInputStream(tracking(corruptedClosed), 2, 1).close();

        assertThat(truncatedClosed).isTrue();
        assertThat(corruptedClosed).isTrue();
    }

    private static InputStream tracking(AtomicBoolean closed) {
        return new ByteArrayInputStream(BYTES) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
    }
}
