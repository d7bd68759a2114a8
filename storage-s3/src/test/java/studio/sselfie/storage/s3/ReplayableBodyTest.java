package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

class ReplayableBodyTest {

    @Test
    void newStream_afterAFailedAttemptOfASmallBody_replaysTheSameBytes() throws IOException {
        byte[] bytes = new byte[10_000];
        new java.util.Random(1).nextBytes(bytes);
        ReplayableBody body = new ReplayableBody(new ByteArrayInputStream(bytes));
        InputStream first = body.newStream();
        first.readNBytes(4_000);

        byte[] replayed = body.newStream().readAllBytes();

        assertThat(replayed).isEqualTo(bytes);
    }

    @Test
    void newStream_afterTheCallersStreamFailed_rethrowsThatFailure() throws IOException {
        ReplayableBody body = new ReplayableBody(TestBodies.failingAfter(new ByteArrayInputStream(new byte[100]), 50));
        InputStream first = body.newStream();
        first.readNBytes(50);
        assertThatThrownBy(first::read).isInstanceOf(IOException.class);

        assertThatThrownBy(body::newStream)
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class)
                .cause().hasMessageContaining("broke after 50 bytes");
    }

    @Test
    void newStream_afterMoreThanTheReplayLimitWasRead_refusesToSendAgain() throws IOException {
        ReplayableBody body = new ReplayableBody(TestBodies.random(ReplayableBody.REPLAY_LIMIT + 1, 2));
        body.newStream().readAllBytes();

        assertThatThrownBy(body::newStream).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void newStream_bodyOfExactlyTheReplayLimit_canBeSentAgain() throws IOException {
        ReplayableBody body = new ReplayableBody(TestBodies.random(ReplayableBody.REPLAY_LIMIT, 3));
        body.newStream().readAllBytes();

        assertThat(TestBodies.sha256(body.newStream()))
                .isEqualTo(TestBodies.sha256(TestBodies.random(ReplayableBody.REPLAY_LIMIT, 3)));
    }
}
