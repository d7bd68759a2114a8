package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests: real images from {@link MockImageGenerator} stored and read back the way the studio does it:
 * byte-exact round trips with their content type, a large photo streamed with unknown length, decoding after the round
 * trip, a thumbnail next to its original, sniffing the format from a ranged read, and replacing an image by one of
 * another format.
 */
public abstract class ImageContract extends ConformanceContract {

    /** For the suite's nested class {@code Images}. */
    protected ImageContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_pngWithContentType_roundTripsByteExact() {
        byte[] png = MockImageGenerator.png(64, 64, 1);

        backend.put("avatars/u1.png", png, typed(ImageFormat.PNG));

        try (StorageObject object = backend.get("avatars/u1.png")) {
            assertThat(object.readAllBytes()).isEqualTo(png);
            assertThat(object.info().contentType()).contains("image/png");
        }
    }

    @Test
    void put_jpegWithContentType_roundTripsByteExact() {
        byte[] jpeg = MockImageGenerator.jpeg(640, 480, 2);

        backend.put("photos/u1/orig.jpg", jpeg, typed(ImageFormat.JPEG));

        try (StorageObject object = backend.get("photos/u1/orig.jpg")) {
            assertThat(object.readAllBytes()).isEqualTo(jpeg);
            assertThat(object.info().contentType()).contains("image/jpeg");
        }
    }

    @Test
    void put_twoMegabyteJpegOfUnknownLength_readsBackWithSameSha256() throws IOException {
        MockImageGenerator photo = MockImageGenerator.builder()
                .format(ImageFormat.JPEG).width(1080).height(1920).seed(3).targetBytes(2_000_000).build();

        try (InputStream body = photo.stream()) {
            backend.put("photos/u1/orig.jpg", body, StorageBackend.UNKNOWN_LENGTH, typed(ImageFormat.JPEG));
        }

        try (StorageObject object = backend.get("photos/u1/orig.jpg")) {
            assertThat(object.info().size()).isEqualTo(photo.size());
            assertThat(sha256(object.stream())).isEqualTo(photo.sha256());
        }
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void get_storedImage_decodesToItsDimensions(ImageFormat format) throws IOException {
        MockImageGenerator image = MockImageGenerator.builder().format(format).width(320).height(240).seed(4).build();
        backend.put("images/card." + format.extension(), image.generate(), typed(format));

        BufferedImage decoded;
        try (StorageObject object = backend.get("images/card." + format.extension())) {
            decoded = ImageIO.read(object.stream());
        }

        assertThat(decoded).as("ImageIO decodes the stored %s", format).isNotNull();
        assertThat(decoded.getWidth()).isEqualTo(320);
        assertThat(decoded.getHeight()).isEqualTo(240);
    }

    @Test
    void list_thumbnailNextToOriginal_bothListedUnderUserPrefix() {
        byte[] original = MockImageGenerator.jpeg(640, 480, 5);
        byte[] thumbnail = MockImageGenerator.jpeg(160, 120, 5);
        write("photos/u1/orig.jpg", original);
        write("photos/u1/thumb.jpg", thumbnail);
        write("photos/u10/orig.jpg", MockImageGenerator.jpeg(32, 32, 6));

        Map<String, Long> listed = backend.list("photos/u1/")
                .collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::size, (a, b) -> a, LinkedHashMap::new));

        assertThat(listed).containsExactly(Map.entry("photos/u1/orig.jpg", (long) original.length),
                Map.entry("photos/u1/thumb.jpg", (long) thumbnail.length));
    }

    @ParameterizedTest
    @EnumSource(ImageFormat.class)
    void get_firstEightBytes_areTheFormatsMagicBytes(ImageFormat format) {
        byte[] image = MockImageGenerator.builder().format(format).width(48).height(48).seed(7).build().generate();
        write("sniff/image", image);

        byte[] head;
        try (StorageObject object = backend.get("sniff/image", GetOptions.range(ByteRange.of(0, 7)))) {
            head = object.readAllBytes();
        }

        assertThat(head).isEqualTo(Arrays.copyOf(image, 8));
        assertThat(format.hasMagicBytes(head)).as("starts with the %s magic bytes", format).isTrue();
    }

    @Test
    void put_jpegOverPng_changesContentTypeAndEtag() {
        ObjectInfo png = backend.put("avatars/u1", MockImageGenerator.png(64, 64, 8), typed(ImageFormat.PNG));
        byte[] jpeg = MockImageGenerator.jpeg(64, 64, 8);

        backend.put("avatars/u1", jpeg, typed(ImageFormat.JPEG));

        ObjectInfo replaced = backend.head("avatars/u1").orElseThrow();
        assertThat(replaced.contentType()).contains("image/jpeg");
        assertThat(replaced.etag()).isNotEqualTo(png.etag());
        assertThat(replaced.size()).isEqualTo(jpeg.length);
        assertThat(read("avatars/u1")).isEqualTo(jpeg);
    }

    @Test
    void copy_image_keepsBytesAndContentType() {
        byte[] png = MockImageGenerator.png(120, 90, 9);
        backend.put("photos/u1/orig.png", png, typed(ImageFormat.PNG));

        backend.copy("photos/u1/orig.png", "archive/u1/orig.png");

        assertThat(read("archive/u1/orig.png")).isEqualTo(png);
        assertThat(backend.head("archive/u1/orig.png").orElseThrow().contentType()).contains("image/png");
    }

    @Test
    void put_imageWithDimensionsAsMetadata_headReturnsThem() {
        assumeCapability(Capability.USER_METADATA);
        PutOptions options = PutOptions.builder().contentType(ImageFormat.JPEG.mediaType())
                .metadata("width", "160").metadata("height", "120").build();

        backend.put("photos/u1/thumb.jpg", MockImageGenerator.jpeg(160, 120, 10), options);

        assertThat(backend.head("photos/u1/thumb.jpg").orElseThrow().metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("width", "160", "height", "120"));
    }

    @Test
    void put_image_infoCarriesItsSha256() {
        assumeCapability(Capability.CONTENT_SHA256);
        MockImageGenerator image = MockImageGenerator.builder().format(ImageFormat.PNG).width(96).height(96).seed(11)
                .targetBytes(50_000).build();

        backend.put("avatars/u2.png", image.generate(), typed(ImageFormat.PNG));

        assertThat(backend.head("avatars/u2.png").orElseThrow().sha256()).contains(image.sha256());
    }

    private static PutOptions typed(ImageFormat format) {
        return PutOptions.builder().contentType(format.mediaType()).build();
    }
}
