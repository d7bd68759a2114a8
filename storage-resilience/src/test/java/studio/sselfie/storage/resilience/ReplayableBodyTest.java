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

    @Test
    void read_pastTheSharedBudget_stopsKeepingAndCannotRewind() throws IOException {
        ReplayBudget budget = new ReplayBudget(100 * 1024);
        byte[] body = new byte[300 * 1024];
        new Random(7).nextBytes(body);
        ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 1024 * 1024, false,
                budget);

        assertThat(replayable.readAllBytes()).isEqualTo(body);

        assertThat(replayable.canRewind()).as("a body longer than the budget left cannot be replayed").isFalse();
        assertThat(budget.used()).as("a body that stopped keeping holds nothing of the budget").isZero();
    }

    @Test
    void close_givesItsShareOfTheBudgetBack() throws IOException {
        ReplayBudget budget = new ReplayBudget(1024 * 1024);
        byte[] body = new byte[200 * 1024];
        ReplayableBody first = new ReplayableBody(new ByteArrayInputStream(body), body.length, 512 * 1024, false, budget);
        first.readAllBytes();
        long held = budget.used();

        ReplayableBody second = new ReplayableBody(new ByteArrayInputStream(body), body.length, 512 * 1024, false, budget);
        second.readAllBytes();
        first.close();
        second.close();

        assertThat(held).as("a kept body holds its bytes of the budget").isGreaterThanOrEqualTo(body.length);
        assertThat(second.canRewind()).isFalse();
        assertThat(budget.used()).isZero();
    }

    @Test
    void concurrentBodies_neverHoldMoreThanTheBudget() throws IOException {
        ReplayBudget budget = new ReplayBudget(256 * 1024);
        byte[] body = new byte[100 * 1024];
        java.util.List<ReplayableBody> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ReplayableBody replayable = new ReplayableBody(new ByteArrayInputStream(body), body.length, 1024 * 1024,
                    false, budget);
            replayable.readAllBytes();
            bodies.add(replayable);
            assertThat(budget.used()).as("budget used after %s bodies", i + 1).isLessThanOrEqualTo(256 * 1024);
        }

        assertThat(bodies.stream().filter(ReplayableBody::canRewind).count())
                .as("bodies kept whole within a 256 KiB budget of 100 KiB bodies").isEqualTo(2);
    }
}
