package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class LengthCheckingInputStreamTest {

    private static LengthCheckingInputStream checking(int actual, long declared) {
        return new LengthCheckingInputStream(new ByteArrayInputStream(new byte[actual]), declared);
    }

    @Test
    void readAllBytes_exactLength_yieldsEveryByte() throws IOException {
        byte[] body = {1, 2, 3, 4, 5};

        try (InputStream in = new LengthCheckingInputStream(new ByteArrayInputStream(body), 5)) {
            assertThat(in.readAllBytes()).containsExactly(body);
        }
    }

    @Test
    void readAllBytes_shortBody_throwsLengthMismatch() {
        assertThatThrownBy(() -> checking(3, 5).readAllBytes())
                .isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class)
                .hasMessage("the body ended after 3 bytes, but its declared length is 5");
    }

    @Test
    void readAllBytes_longBody_throwsLengthMismatch() {
        assertThatThrownBy(() -> checking(6, 5).readAllBytes())
                .isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class)
                .hasMessage("the body has more bytes than its declared length of 5");
    }

    @Test
    void read_longBody_failsAsLastDeclaredByteIsRead() throws IOException {
        // The failure must come before the reader sees end-of-stream, or an upload could complete first.
        LengthCheckingInputStream in = checking(6, 5);
        byte[] buffer = new byte[4];

        assertThat(in.read(buffer, 0, 4)).isEqualTo(4);
        assertThatThrownBy(() -> in.read(buffer, 0, 4)).isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class);
    }

    @Test
    void read_declaredZeroButBodyHasBytes_throwsLengthMismatch() {
        assertThatThrownBy(() -> checking(3, 0).readAllBytes())
                .isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class);
    }

    @Test
    void read_declaredZeroAndEmptyBody_isEndOfStream() throws IOException {
        assertThat(checking(0, 0).read()).isEqualTo(-1);
    }

    @Test
    void readSingleByte_exactLength_yieldsBytesThenEnd() throws IOException {
        LengthCheckingInputStream in = new LengthCheckingInputStream(new ByteArrayInputStream(new byte[] {(byte) 200, 7}), 2);

        assertThat(in.read()).isEqualTo(200);
        assertThat(in.read()).isEqualTo(7);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void readSingleByte_shortBody_throwsLengthMismatch() throws IOException {
        LengthCheckingInputStream in = checking(1, 2);

        assertThat(in.read()).isZero();
        assertThatThrownBy(in::read).isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class);
    }

    @Test
    void read_zeroLength_returnsZeroWithoutReading() throws IOException {
        assertThat(checking(3, 3).read(new byte[1], 0, 0)).isZero();
    }

    @Test
    void skip_withinBody_skipsAndCounts() throws IOException {
        LengthCheckingInputStream in = new LengthCheckingInputStream(new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 4}), 5);

        assertThat(in.skip(3)).isEqualTo(3);
        assertThat(in.read()).isEqualTo(3);
    }

    @Test
    void skip_pastEnd_stopsAtDeclaredEnd() throws IOException {
        assertThat(checking(5, 5).skip(100)).isEqualTo(5);
    }

    @Test
    void skip_shortBody_throwsLengthMismatch() {
        assertThatThrownBy(() -> checking(2, 5).skip(5)).isInstanceOf(LengthCheckingInputStream.LengthMismatchException.class);
    }

    @Test
    void available_neverExceedsRemaining() throws IOException {
        assertThat(checking(10, 4).available()).isEqualTo(4);
        assertThat(checking(2, 4).available()).isEqualTo(2);
    }

    @Test
    void markReset_isUnsupported() {
        LengthCheckingInputStream in = checking(3, 3);
        in.mark(10);

        assertThat(in.markSupported()).isFalse();
        assertThatThrownBy(in::reset).isInstanceOf(IOException.class).hasMessage("mark/reset not supported");
    }

    @Test
    void close_leavesCallersStreamOpen() {
        AtomicBoolean closed = new AtomicBoolean();
        InputStream body = new ByteArrayInputStream(new byte[1]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };

        new LengthCheckingInputStream(body, 1).close();

        assertThat(closed).isFalse();
    }
}
