package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class MockImageGeneratorTest {

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void generate_sameSettingsTwice_givesSameBytes(ImageFormat format) {
        MockImageGenerator first = image(format, 200, 150, 42).targetBytes(120_000).build();
        MockImageGenerator second = image(format, 200, 150, 42).targetBytes(120_000).build();

        assertThat(second.generate()).isEqualTo(first.generate());
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void generate_differentSeeds_giveDifferentBytes(ImageFormat format) {
        byte[] one = image(format, 200, 150, 1).build().generate();
        byte[] two = image(format, 200, 150, 2).build().generate();

        assertThat(two).isNotEqualTo(one);
    }

    @ParameterizedTest
    @CsvSource({"PNG, 1, 1", "PNG, 17, 9", "PNG, 640, 480", "PNG, 1080, 1920",
            "JPEG, 1, 1", "JPEG, 17, 9", "JPEG, 640, 480", "JPEG, 1080, 1920"})
    void generate_anySize_decodesToRequestedDimensions(ImageFormat format, int width, int height) {
        BufferedImage decoded = decode(image(format, width, height, 5).build().generate());

        assertThat(decoded.getWidth()).isEqualTo(width);
        assertThat(decoded.getHeight()).isEqualTo(height);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void generate_anyFormat_startsWithItsMagicBytes(ImageFormat format) {
        byte[] bytes = image(format, 33, 21, 3).targetBytes(5_000).build().generate();

        assertThat(format.hasMagicBytes(bytes)).isTrue();
    }

    @Test
    void generate_pngAndJpegOfOneSeed_showTheSamePicture() {
        BufferedImage png = decode(MockImageGenerator.png(160, 120, 9));
        BufferedImage jpeg = decode(MockImageGenerator.jpeg(160, 120, 9));

        long difference = 0;
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 160; x++) {
                int a = png.getRGB(x, y);
                int b = jpeg.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    difference += Math.abs((a >>> shift & 0xFF) - (b >>> shift & 0xFF));
                }
            }
        }

        // JPEG is lossy and the noise is high-frequency; a wrong PNG row or filter would be off by far more.
        assertThat(difference / (160.0 * 120 * 3)).isLessThan(8.0);
    }

    @ParameterizedTest
    @CsvSource({"PNG, 160, 120, 10000", "JPEG, 640, 480, 10000", "PNG, 640, 480, 200000", "JPEG, 640, 480, 200000",
            "PNG, 640, 480, 2000000", "JPEG, 1080, 1920, 2000000"})
    void generate_withTarget_reachesTargetExactly(ImageFormat format, int width, int height, long target) {
        MockImageGenerator generator = image(format, width, height, 11).targetBytes(target).build();

        byte[] bytes = generator.generate();

        assertThat(bytes).hasSize((int) target);
        assertThat(generator.size()).isEqualTo(target);
        assertThat(decode(bytes).getWidth()).isEqualTo(width);
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void generate_targetOneByteAboveUnpaddedSize_overshootsByLessThanOneSegment(ImageFormat format) {
        // The picture that target + 1 picks: the JPEG at its natural size; the plain PNG (a noisy one would not fit).
        long unpadded = image(format, 40, 30, 12).targetBytes(format == ImageFormat.PNG ? 1 : 0).build().size();

        long padded = image(format, 40, 30, 12).targetBytes(unpadded + 1).build().size();

        assertThat(padded).isEqualTo(unpadded + format.paddingOverhead());
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void generate_targetBelowSmallestEncoding_givesPlainestPictureUnpadded(ImageFormat format) {
        long natural = image(format, 160, 120, 13).build().size();

        byte[] smallest = image(format, 160, 120, 13).targetBytes(1).build().generate();

        assertThat((long) smallest.length).isGreaterThan(1).isLessThan(natural);
        assertThat(decode(smallest).getHeight()).isEqualTo(120);
    }

    @Test
    void generate_paddedPng_decodesToSamePixelsAsUnpadded() {
        // Both targets are below the natural size of the noisy picture, so both hold the plain one.
        byte[] small = image(ImageFormat.PNG, 64, 48, 14).targetBytes(1).build().generate();
        byte[] padded = image(ImageFormat.PNG, 64, 48, 14).targetBytes(9_000).build().generate();

        assertThat(padded.length).isGreaterThan(small.length);
        assertThat(pixels(decode(padded))).isEqualTo(pixels(decode(small)));
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void stream_paddedToSeveralSegments_equalsGenerate(ImageFormat format) throws IOException {
        MockImageGenerator generator = image(format, 80, 60, 15).targetBytes(300_001).build();

        byte[] streamed;
        try (InputStream in = generator.stream()) {
            streamed = in.readAllBytes();
        }

        assertThat(streamed).isEqualTo(generator.generate());
    }

    @Test
    void stream_readOneByteAtATime_equalsGenerate() throws IOException {
        MockImageGenerator generator = image(ImageFormat.JPEG, 16, 16, 16).targetBytes(70_000).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        try (InputStream in = generator.stream()) {
            for (int b; (b = in.read()) >= 0; ) {
                out.write(b);
            }
        }

        assertThat(out.toByteArray()).isEqualTo(generator.generate());
    }

    @Test
    void writeTo_returnsSizeAndWritesGeneratedBytes() {
        MockImageGenerator generator = image(ImageFormat.PNG, 30, 20, 17).targetBytes(100_000).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = generator.writeTo(out);

        assertThat(written).isEqualTo(generator.size());
        assertThat(out.toByteArray()).isEqualTo(generator.generate());
    }

    @Test
    void sha256_isDigestOfGeneratedBytes() throws Exception {
        MockImageGenerator generator = image(ImageFormat.JPEG, 30, 20, 18).targetBytes(100_000).build();

        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(generator.generate()));

        assertThat(generator.sha256()).isEqualTo(expected);
    }

    @Test
    void builder_noSetting_usesDocumentedDefaults() {
        MockImageGenerator generator = MockImageGenerator.builder().build();

        assertThat(generator.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(generator.width()).isEqualTo(640);
        assertThat(generator.height()).isEqualTo(480);
        assertThat(generator.seed()).isZero();
        assertThat(generator.targetBytes()).isZero();
    }

    @Test
    void toBuilder_unchanged_buildsEqualGenerator() {
        MockImageGenerator generator = image(ImageFormat.PNG, 12, 34, 56).targetBytes(789).build();

        assertThat(generator.toBuilder().build()).isEqualTo(generator).hasSameHashCodeAs(generator);
    }

    @Test
    void of_configure_equalsBuilder() {
        assertThat(MockImageGenerator.of(b -> b.format(ImageFormat.PNG).seed(3)))
                .isEqualTo(MockImageGenerator.builder().format(ImageFormat.PNG).seed(3).build());
    }

    @Test
    void png_shortcut_equalsBuilderOutput() {
        assertThat(MockImageGenerator.png(20, 10, 4)).isEqualTo(image(ImageFormat.PNG, 20, 10, 4).build().generate());
    }

    @Test
    void jpeg_shortcut_equalsBuilderOutput() {
        assertThat(MockImageGenerator.jpeg(20, 10, 4)).isEqualTo(image(ImageFormat.JPEG, 20, 10, 4).build().generate());
    }

    @ParameterizedTest
    @CsvSource({"0", "-1", "16385", "2147483647"})
    void width_outOfRange_isRejectedNamingIt(int width) {
        assertThatIllegalArgumentException().isThrownBy(() -> MockImageGenerator.builder().width(width))
                .withMessage("width must be between 1 and 16384, was " + width);
    }

    @ParameterizedTest
    @CsvSource({"0", "-5", "16385"})
    void height_outOfRange_isRejectedNamingIt(int height) {
        assertThatIllegalArgumentException().isThrownBy(() -> MockImageGenerator.builder().height(height))
                .withMessage("height must be between 1 and 16384, was " + height);
    }

    @ParameterizedTest
    @CsvSource({"-1", "268435457", "9223372036854775807"})
    void targetBytes_outOfRange_isRejectedNamingIt(long target) {
        assertThatIllegalArgumentException().isThrownBy(() -> MockImageGenerator.builder().targetBytes(target))
                .withMessage("targetBytes must be between 0 and 268435456, was " + target);
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 0", "16385, 1"})
    void png_badDimensions_isRejected(int width, int height) {
        assertThatIllegalArgumentException().isThrownBy(() -> MockImageGenerator.png(width, height, 0))
                .withMessageContaining("must be between 1 and 16384");
    }

    @Test
    void format_null_isRejectedNamingIt() {
        assertThatNullPointerException().isThrownBy(() -> MockImageGenerator.builder().format(null))
                .withMessage("format is null");
    }

    @Test
    void writeTo_null_isRejectedNamingIt() {
        assertThatNullPointerException().isThrownBy(() -> MockImageGenerator.builder().build().writeTo(null))
                .withMessage("out is null");
    }

    private static MockImageGenerator.Builder image(ImageFormat format, int width, int height, long seed) {
        return MockImageGenerator.builder().format(format).width(width).height(height).seed(seed);
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertThat(image).as("ImageIO decodes the bytes").isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
