package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFormatTest {

    @ParameterizedTest
    @CsvSource({"PNG, image/png, png", "JPEG, image/jpeg, jpg"})
    void mediaTypeAndExtension_eachFormat_areTheUsualOnes(ImageFormat format, String mediaType, String extension) {
        assertThat(format.mediaType()).isEqualTo(mediaType);
        assertThat(format.extension()).isEqualTo(extension);
    }

    @Test
    void magicBytes_png_isThePngSignature() {
        assertThat(ImageFormat.PNG.magicBytes()).containsExactly(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
    }

    @Test
    void magicBytes_jpeg_isStartOfImageAndAMarker() {
        assertThat(ImageFormat.JPEG.magicBytes()).containsExactly(0xFF, 0xD8, 0xFF);
    }

    @Test
    void magicBytes_changedByCaller_leavesFormatUnchanged() {
        ImageFormat.PNG.magicBytes()[0] = 0;

        assertThat(ImageFormat.PNG.magicBytes()[0]).isEqualTo((byte) 0x89);
    }

    @Test
    void hasMagicBytes_otherFormatOrShortHeader_isFalse() {
        byte[] png = MockImageGenerator.png(4, 4, 1);

        assertThat(ImageFormat.JPEG.hasMagicBytes(png)).isFalse();
        assertThat(ImageFormat.PNG.hasMagicBytes(new byte[] {(byte) 0x89, 'P', 'N'})).isFalse();
    }

    @Test
    void png_padded_everyChunkHasValidCrcAndPaddingIsPrivateAncillaryBeforeIend() {
        byte[] png = MockImageGenerator.builder().format(ImageFormat.PNG).width(50).height(40).seed(2)
                .targetBytes(200_000).build().generate();

        List<String> types = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        while (buffer.hasRemaining()) {
            int length = buffer.getInt();
            byte[] typeAndData = new byte[4 + length];
            buffer.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            assertThat(buffer.getInt()).as("CRC of chunk %s", types.size()).isEqualTo((int) crc.getValue());
            types.add(new String(typeAndData, 0, 4, StandardCharsets.US_ASCII));
        }

        assertThat(types.get(0)).isEqualTo("IHDR");
        assertThat(types.get(types.size() - 1)).isEqualTo("IEND");
        String padding = types.get(types.size() - 2);
        assertThat(types.subList(types.lastIndexOf("IDAT") + 1, types.size() - 1)).hasSizeGreaterThan(1)
                .containsOnly(padding);
        // Letter case carries the chunk's properties: ancillary (decoders skip it), private, reserved bit clear.
        assertThat(padding.charAt(0)).isLowerCase();
        assertThat(padding.charAt(1)).isLowerCase();
        assertThat(padding.charAt(2)).isUpperCase();
    }

    @Test
    void png_imageData_inflatesToOneFilteredRowPerLine() throws DataFormatException {
        byte[] png = MockImageGenerator.png(37, 23, 3);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.wrap(png, 8, png.length - 8);
        while (buffer.hasRemaining()) {
            int length = buffer.getInt();
            byte[] typeAndData = new byte[4 + length + 4];
            buffer.get(typeAndData);
            if (new String(typeAndData, 0, 4, StandardCharsets.US_ASCII).equals("IDAT")) {
                compressed.write(typeAndData, 4, length);
            }
        }

        Inflater inflater = new Inflater();
        inflater.setInput(compressed.toByteArray());
        byte[] raw = new byte[23 * (1 + 3 * 37) + 1];
        int inflated = inflater.inflate(raw);

        assertThat(inflater.finished()).as("zlib stream complete, Adler-32 checked").isTrue();
        assertThat(inflated).isEqualTo(23 * (1 + 3 * 37));
        for (int row = 0; row < 23; row++) {
            assertThat((int) raw[row * (1 + 3 * 37)]).as("filter type of row %d", row).isBetween(0, 4);
        }
    }

    @Test
    void jpeg_padded_commentSegmentsFollowTheJfifHeader() {
        byte[] jpeg = MockImageGenerator.builder().format(ImageFormat.JPEG).width(50).height(40).seed(2)
                .targetBytes(200_000).build().generate();

        List<Integer> markers = new ArrayList<>();
        int offset = 2;
        while (markers.isEmpty() || markers.get(markers.size() - 1) != 0xDA) { // up to start of scan
            assertThat(jpeg[offset] & 0xFF).as("marker prefix at %d", offset).isEqualTo(0xFF);
            markers.add(jpeg[offset + 1] & 0xFF);
            offset += 2 + ((jpeg[offset + 2] & 0xFF) << 8 | jpeg[offset + 3] & 0xFF);
        }

        int comments = (int) markers.stream().filter(marker -> marker == 0xFE).count();
        assertThat(markers.get(0)).as("JFIF APP0").isEqualTo(0xE0);
        assertThat(comments).isGreaterThan(1);
        assertThat(markers.subList(1, 1 + comments)).as("comments right after APP0").containsOnly(0xFE);
        assertThat(jpeg[jpeg.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[jpeg.length - 1] & 0xFF).as("end of image").isEqualTo(0xD9);
    }
}
