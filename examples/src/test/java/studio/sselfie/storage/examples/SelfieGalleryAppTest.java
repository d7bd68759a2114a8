package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class SelfieGalleryAppTest {
    private final StorageBackend backend = InMemoryStorageBackend.create("gallery-test");
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void closeBackend() {
        backend.close();
    }

    @Test
    void run_emptyStore_storesEveryOriginalAndOneThumbnail() {
        run();

        assertThat(backend.list("").map(ObjectInfo::key).collect(Collectors.toList())).containsExactly(
                "users/ana/originals/1.jpg", "users/ana/originals/2.jpg", "users/ana/originals/3.jpg",
                "users/ana/thumbnails/1.jpg", "users/ben/originals/1.jpg");
    }

    @Test
    void run_emptyStore_printsEveryKeyWithItsSizeAndEtag() {
        run();

        String report = printed.toString(StandardCharsets.UTF_8);
        backend.list("").forEach(info -> assertThat(report)
                .containsPattern(info.key() + "\\s+" + info.size() + "\\s+" + java.util.regex.Pattern.quote(info.etag())));
    }

    @Test
    void run_originals_carryJpegContentTypeAndUserMetadata() {
        run();

        ObjectInfo info = backend.head("users/ben/originals/1.jpg").orElseThrow();
        assertThat(info.contentType()).contains("image/jpeg");
        assertThat(info.metadata()).containsEntry("user", "ben");
    }

    @Test
    void run_thumbnail_decodesAt160PixelsWithTheOriginalsAspectRatio() throws IOException {
        run();

        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(backend.getBytes("users/ana/thumbnails/1.jpg")));
        assertThat(thumbnail.getWidth()).isEqualTo(160);
        assertThat(thumbnail.getHeight()).isEqualTo(213); // 480 x 640 scaled to 160 wide
    }

    @Test
    void run_thumbnail_namesItsSourceInMetadata() {
        run();

        assertThat(backend.head("users/ana/thumbnails/1.jpg").orElseThrow().metadata())
                .containsEntry("source", "users/ana/originals/1.jpg")
                .containsEntry("width", "160")
                .containsEntry("height", "213");
    }

    @Test
    void run_storeWithoutDelimiterListingOrMetadata_stillRunsThrough() {
        try (StorageBackend plain = InMemoryStorageBackend.builder().name("plain")
                .withoutCapabilities(Capability.DELIMITER_LISTING, Capability.USER_METADATA).build()) {
            SelfieGalleryApp.run(plain, new PrintStream(printed, true, StandardCharsets.UTF_8));

            assertThat(plain.exists("users/ana/thumbnails/1.jpg")).isTrue();
        }
    }

    @Test
    void run_twice_replacesTheObjectsWithTheSameBytes() {
        run();
        String first = StoreSnapshot.sha256(backend, "users/ana/originals/2.jpg");

        run();

        assertThat(StoreSnapshot.sha256(backend, "users/ana/originals/2.jpg")).isEqualTo(first);
    }

    @Test
    void run_report_namesTheStoreByItsName() {
        run();

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith("Selfie gallery on " + backend.name());
    }

    @Test
    void main_withAMemoryUri_returnsNormally() {
        System.setProperty(ExampleConfig.STORAGE_URI, "mem://main-test");

        assertThatCode(() -> SelfieGalleryApp.main(new String[0])).doesNotThrowAnyException();
    }

    @AfterEach
    void clearStorageUri() {
        System.clearProperty(ExampleConfig.STORAGE_URI);
    }

    private void run() {
        SelfieGalleryApp.run(backend, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }
}
