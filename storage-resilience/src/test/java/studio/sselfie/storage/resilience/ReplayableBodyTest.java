package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.StorageBackend;

class ReplayableBodyTest {

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void rewind_afterPartialRead_replaysTheKeptBytesThenTheRest() throws IOException {
        byte[] body = bytes(10_000, 1);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 20_000);
        replayable.readNBytes(3000);

        assertThat(replayable.rewind()).isTrue();

        assertThat(replayable.readAllBytes()).isEqualTo(body);
    }

    @Test
    void rewind_afterReadingPastTheLimit_isRefused() throws IOException {
        byte[] body = bytes(10_000, 2);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 4096);
        replayable.readNBytes(5000);

        assertThat(replayable.canRewind()).isFalse();
        assertThat(replayable.rewind()).isFalse();
        assertThat(replayable.readAllBytes()).isEqualTo(Arrays.copyOfRange(body, 5000, body.length));
    }

    @Test
    void rewind_ofBodyOfExactlyTheLimit_isAllowed() throws IOException {
        byte[] body = bytes(4096, 3);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), StorageBackend.UNKNOWN_LENGTH, 4096);
        replayable.readAllBytes();

        assertThat(replayable.rewind()).isTrue();
        assertThat(replayable.readAllBytes()).isEqualTo(body);
    }

    @Test
    void digests_afterReplays_areOfTheBodyReadOnce() throws Exception {
        byte[] body = bytes(10_000, 4);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), StorageBackend.UNKNOWN_LENGTH, 20_000);
        replayable.readNBytes(2500);
        replayable.rewind();
        replayable.readNBytes(7000);
        replayable.rewind();
        replayable.readAllBytes();

        ReplayableBody.Digests digests = replayable.digests().orElseThrow();

        assertThat(digests.size()).isEqualTo(body.length);
        assertThat(digests.sha256()).isEqualTo(sha256(body));
    }

    @Test
    void digests_ofBodyNotReadToItsEnd_areEmpty() throws IOException {
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(bytes(100, 5)), StorageBackend.UNKNOWN_LENGTH, 200);
        replayable.readNBytes(99);

        assertThat(replayable.digests()).isEmpty();
    }

    @Test
    void emptyBody_withZeroLimit_readsToTheEndAndRewinds() throws Exception {
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(new byte[0]), 0, 0);

        assertThat(replayable.read()).isEqualTo(-1);
        assertThat(replayable.rewind()).isTrue();
        assertThat(replayable.read()).isEqualTo(-1);
        assertThat(replayable.digests().orElseThrow().sha256()).isEqualTo(sha256(new byte[0]));
    }

    @Test
    void singleByteReads_afterRewind_giveTheSameBytes() throws IOException {
        byte[] body = {(byte) 0xff, 0, 1, (byte) 0x80};
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 16);
        replayable.read();
        replayable.read();
        replayable.rewind();

        assertThat(new int[] {replayable.read(), replayable.read(), replayable.read(), replayable.read(), replayable.read()})
                .containsExactly(0xff, 0, 1, 0x80, -1);
    }

    @Test
    void markAndReset_areNotSupported() {
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(new byte[10]), 10, 16);

        assertThat(replayable.markSupported()).isFalse();
        assertThatThrownBy(replayable::reset).isInstanceOf(IOException.class);
    }

    @Test
    void digests_ofBodyNotDigested_areEmptyButItStillReplays() throws IOException {
        byte[] body = bytes(1000, 6);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 2000, false);
        replayable.readAllBytes();

        assertThat(replayable.digests()).isEmpty();
        assertThat(replayable.rewind()).isTrue();
        assertThat(replayable.readAllBytes()).isEqualTo(body);
    }
}
