package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PushbackInputStream;

import org.junit.jupiter.api.Test;

class PartBufferTest {

    @Test
    void fill_bodyShorterThanCapacity_holdsItAllAndReportsTheEnd() throws IOException {
        PartBuffer part = new PartBuffer(1_000_000);

        boolean ended = part.fill(new PushbackInputStream(TestBodies.random(300_000, 1), 1));

        assertThat(ended).isTrue();
        assertThat(part.size()).isEqualTo(300_000);
    }

    @Test
    void fill_bodyOfExactlyCapacity_reportsTheEnd() throws IOException {
        PartBuffer part = new PartBuffer(600_000);

        assertThat(part.fill(new PushbackInputStream(TestBodies.random(600_000, 2), 1))).isTrue();
    }

    @Test
    void fill_bodyLongerThanCapacity_stopsAtCapacityAndKeepsTheNextByteForTheNextPart() throws IOException {
        PushbackInputStream in = new PushbackInputStream(TestBodies.random(600_001, 3), 1);
        PartBuffer first = new PartBuffer(600_000);
        PartBuffer second = new PartBuffer(600_000);

        assertThat(first.fill(in)).isFalse();
        assertThat(second.fill(in)).isTrue();

        assertThat(first.size()).isEqualTo(600_000);
        assertThat(second.size()).isEqualTo(1);
    }

    @Test
    void requestBody_readTwice_givesTheSameBytesEachTime() throws IOException {
        PartBuffer part = new PartBuffer(700_000);
        part.fill(new PushbackInputStream(TestBodies.random(650_000, 4), 1));
        String expected = TestBodies.sha256(TestBodies.random(650_000, 4));

        assertThat(TestBodies.sha256(part.requestBody().contentStreamProvider().newStream())).isEqualTo(expected);
        assertThat(TestBodies.sha256(part.requestBody().contentStreamProvider().newStream())).isEqualTo(expected);
        assertThat(part.requestBody().optionalContentLength()).contains(650_000L);
    }
}
