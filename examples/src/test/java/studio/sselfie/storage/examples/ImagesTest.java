package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.testkit.MockImageGenerator;

class ImagesTest {

    @Test
    void size_jpeg_readsWidthHeightAndFormat() throws IOException {
        byte[] jpeg = MockImageGenerator.jpeg(300, 200, 1);

        assertThat(Images.size(new ByteArrayInputStream(jpeg))).isEqualTo(new Images.ImageSize(300, 200, "jpeg"));
    }

    @Test
    void size_png_readsItsFormat() throws IOException {
        byte[] png = MockImageGenerator.png(30, 20, 1);

        assertThat(Images.size(new ByteArrayInputStream(png)).format()).isEqualTo("png");
    }

    @Test
    void size_notAnImage_throwsIOException() {
        byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> Images.size(new ByteArrayInputStream(text))).isInstanceOf(IOException.class);
    }

    @Test
    void thumbnail_portrait_decodesAtTheWidthWithTheAspectRatio() throws IOException {
        byte[] jpeg = MockImageGenerator.jpeg(480, 640, 2);

        Images.Thumbnail thumbnail = Images.thumbnail(new ByteArrayInputStream(jpeg), 160);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(160);
        assertThat(decoded.getHeight()).isEqualTo(213).isEqualTo(thumbnail.height());
    }

    @Test
    void thumbnail_largeImage_subsampledStillKeepsTheAspectRatio() throws IOException {
        byte[] jpeg = MockImageGenerator.jpeg(1920, 1080, 3);

        Images.Thumbnail thumbnail = Images.thumbnail(new ByteArrayInputStream(jpeg), 160);

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(thumbnail.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(160);
        assertThat(decoded.getHeight()).isEqualTo(90);
    }

    @Test
    void thumbnail_zeroWidth_throws() {
        byte[] jpeg = MockImageGenerator.jpeg(10, 10, 4);

        assertThatThrownBy(() -> Images.thumbnail(new ByteArrayInputStream(jpeg), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void selfieDrawing_sameSeed_givesTheSameBytes() {
        assertThat(SelfieDrawing.jpeg(120, 160, 9)).isEqualTo(SelfieDrawing.jpeg(120, 160, 9));
    }

    @Test
    void selfieDrawing_jpeg_decodesAtItsSize() throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(SelfieDrawing.jpeg(120, 160, 9)));

        assertThat(decoded.getWidth()).isEqualTo(120);
        assertThat(decoded.getHeight()).isEqualTo(160);
    }
}
