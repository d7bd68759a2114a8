package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** How a download stream gives back its connection: drained when the rest is small, aborted when it is large. */
class S3ObjectStreamTest {
    private final AtomicBoolean aborted = new AtomicBoolean();
    private ByteArrayInputStream body;

    private S3ObjectStream stream(int length) {
        body = new ByteArrayInputStream(new byte[length]);
        ResponseInputStream<GetObjectResponse> in = new ResponseInputStream<>(GetObjectResponse.builder().build(),
                AbortableInputStream.create(body, () -> aborted.set(true)));
        return new S3ObjectStream(in, length);
    }

    @Test
    void close_smallRest_drainsWithoutAborting() throws IOException {
        S3ObjectStream stream = stream((int) S3ObjectStream.DRAIN_LIMIT);
        stream.read();

        stream.close();

        assertThat(aborted).isFalse();
        assertThat(body.available()).isZero();
    }

    @Test
    void close_largeRest_abortsWithoutReading() throws IOException {
        S3ObjectStream stream = stream((int) S3ObjectStream.DRAIN_LIMIT + 2);
        stream.read();

        stream.close();

        assertThat(aborted).isTrue();
        assertThat(body.available()).isEqualTo((int) S3ObjectStream.DRAIN_LIMIT + 1);
    }

    @Test
    void close_afterReadingEverything_neitherDrainsNorAborts() throws IOException {
        S3ObjectStream stream = stream(100);
        stream.readAllBytes();

        stream.close();

        assertThat(aborted).isFalse();
    }

    @Test
    void close_twice_abortsOnce() throws IOException {
        S3ObjectStream stream = stream((int) S3ObjectStream.DRAIN_LIMIT * 2);
        stream.close();
        aborted.set(false);

        stream.close();

        assertThat(aborted).isFalse();
    }
}
