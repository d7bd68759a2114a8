package studio.sselfie.storage.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GalleryKeysTest {

    @Test
    void oldToNew_flatSelfie_movesItUnderOriginals() {
        assertThat(GalleryKeys.oldToNew("selfies/ana/beach.jpg")).isEqualTo("users/ana/originals/beach.jpg");
    }

    @Test
    void oldToNew_notASelfie_returnsTheKeyUnchanged() {
        assertThat(GalleryKeys.oldToNew("selfies/ana/notes.txt")).isEqualTo("selfies/ana/notes.txt");
    }

    @Test
    void oldToNew_deeperKey_returnsTheKeyUnchanged() {
        assertThat(GalleryKeys.oldToNew("selfies/ana/2020/beach.jpg")).isEqualTo("selfies/ana/2020/beach.jpg");
    }

    @Test
    void newToOld_original_returnsTheFlatKey() {
        assertThat(GalleryKeys.newToOld("users/ana/originals/beach.jpg")).isEqualTo("selfies/ana/beach.jpg");
    }

    @Test
    void newToOld_thumbnail_returnsTheKeyUnchanged() {
        assertThat(GalleryKeys.newToOld("users/ana/thumbnails/beach.jpg")).isEqualTo("users/ana/thumbnails/beach.jpg");
    }

    @Test
    void thumbnailOf_original_swapsTheFolder() {
        assertThat(GalleryKeys.thumbnailOf("users/ana/originals/beach.JPG")).isEqualTo("users/ana/thumbnails/beach.JPG");
    }

    @Test
    void thumbnailOf_pngOriginal_isAJpegName() {
        assertThat(GalleryKeys.thumbnailOf("users/ana/originals/beach.png")).isEqualTo("users/ana/thumbnails/beach.jpg");
    }

    @Test
    void newToOld_pngOriginal_returnsTheKeyUnchanged() {
        assertThat(GalleryKeys.newToOld("users/ana/originals/beach.png")).isEqualTo("users/ana/originals/beach.png");
    }

    @Test
    void thumbnailOf_notAnOriginal_throwsNamingTheKey() {
        assertThatThrownBy(() -> GalleryKeys.thumbnailOf("users/ana/thumbnails/beach.jpg"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("users/ana/thumbnails/beach.jpg");
    }

    @Test
    void isThumbnail_original_isFalse() {
        assertThat(GalleryKeys.isThumbnail("users/ana/originals/beach.jpg")).isFalse();
    }

    @Test
    void asMetadataValue_unicodeSpaceAndPercent_percentEncodesThem() {
        assertThat(GalleryKeys.asMetadataValue("users/zoë/originals/a b%.jpg"))
                .isEqualTo("users/zo%C3%AB/originals/a%20b%25.jpg");
    }
}
