package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectInfoTest {
    private static final Instant WHEN = Instant.parse("2024-05-01T10:15:30Z");

    private static ObjectInfo.Builder minimal() {
        return ObjectInfo.builder().key("a/b.png").size(42).etag("\"abc\"").lastModified(WHEN);
    }

    private static ObjectInfo full() {
        return minimal().contentType("image/png").metadata(Map.of("camera", "x100")).sha256("ab12").build();
    }

    @Test
    void build_minimal_hasRequiredFieldsAndNoOptionalOnes() {
        ObjectInfo info = minimal().build();

        assertThat(info.key()).isEqualTo("a/b.png");
        assertThat(info.size()).isEqualTo(42);
        assertThat(info.etag()).isEqualTo("\"abc\"");
        assertThat(info.lastModified()).isEqualTo(WHEN);
        assertThat(info.contentType()).isEmpty();
        assertThat(info.metadata()).isEmpty();
        assertThat(info.sha256()).isEmpty();
    }

    @Test
    void build_full_hasOptionalFields() {
        ObjectInfo info = full();

        assertThat(info.contentType()).contains("image/png");
        assertThat(info.metadata()).containsExactly(Map.entry("camera", "x100"));
        assertThat(info.sha256()).contains("ab12");
    }

    @Test
    void build_missingKey_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> minimal().key(null).build()).withMessage("key is null");
    }

    @Test
    void build_missingEtag_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> minimal().etag(null).build()).withMessage("etag is null");
    }

    @Test
    void build_missingLastModified_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> minimal().lastModified(null).build())
                .withMessage("lastModified is null");
    }

    @Test
    void metadata_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> minimal().metadata(null)).withMessage("metadata is null");
    }

    @Test
    void build_negativeSize_throwsWithValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> minimal().size(-1).build()).withMessage("size must be >= 0, was -1");
    }

    @Test
    void build_zeroSize_isAccepted() {
        assertThat(minimal().size(0).build().size()).isZero();
    }

    @Test
    void build_copiesMetadata() {
        Map<String, String> metadata = new HashMap<>(Map.of("k", "v"));

        ObjectInfo info = minimal().metadata(metadata).build();
        metadata.put("k2", "v2");

        assertThat(info.metadata()).containsOnlyKeys("k");
    }

    @Test
    void metadata_isImmutable() {
        assertThatThrownBy(() -> full().metadata().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilder_unchanged_buildsEqualInfo() {
        assertThat(full().toBuilder().build()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(minimal().build().toBuilder().build()).isEqualTo(minimal().build());
    }

    @Test
    void equals_eachFieldDiffering_isNotEqual() {
        ObjectInfo base = full();

        assertThat(base)
                .isEqualTo(base)
                .isNotEqualTo(base.toBuilder().key("other").build())
                .isNotEqualTo(base.toBuilder().size(43).build())
                .isNotEqualTo(base.toBuilder().etag("\"def\"").build())
                .isNotEqualTo(base.toBuilder().lastModified(WHEN.plusSeconds(1)).build())
                .isNotEqualTo(base.toBuilder().contentType(null).build())
                .isNotEqualTo(base.toBuilder().metadata(Map.of()).build())
                .isNotEqualTo(base.toBuilder().sha256(null).build())
                .isNotEqualTo(null)
                .isNotEqualTo("a/b.png");
    }

    @Test
    void toString_showsFields() {
        assertThat(full().toString()).contains("key='a/b.png'", "size=42", "etag=\"abc\"", "2024-05-01T10:15:30Z",
                "contentType=image/png", "camera=x100", "sha256=ab12");
    }
}
