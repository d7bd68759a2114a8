package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PutOptionsTest {

    @Test
    void defaults_haveNoContentTypeMetadataOrPrecondition() {
        PutOptions options = PutOptions.defaults();

        assertThat(options.contentType()).isEmpty();
        assertThat(options.metadata()).isEmpty();
        assertThat(options.ifNoneMatchAny()).isFalse();
        assertThat(options.ifMatch()).isEmpty();
        assertThat(options.hasPrecondition()).isFalse();
    }

    @Test
    void defaults_equalAFreshBuild() {
        assertThat(PutOptions.defaults()).isEqualTo(PutOptions.builder().build());
    }

    @Test
    void defaultContentType_isOctetStream() {
        assertThat(PutOptions.DEFAULT_CONTENT_TYPE).isEqualTo("application/octet-stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "image/jpeg", "application/vnd.api+json", "application/x-www-form-urlencoded",
            "text/plain; charset=utf-8", "text/plain;charset=utf-8", "text/plain; charset=utf-8; format=flowed",
            "multipart/form-data; boundary=\"a b;c=d\"", "text/plain; name=\"\"", "video/mp4"})
    void contentType_mediaType_isAccepted(String contentType) {
        assertThat(PutOptions.builder().contentType(contentType).build().contentType()).contains(contentType);
    }

    @Test
    void contentType_surroundingSpaces_areStripped() {
        assertThat(PutOptions.builder().contentType("  image/png\t").build().contentType()).contains("image/png");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "png", "image/", "/png", "image/png/x", "image png", "text/plain;",
            "text/plain; charset", "text/plain; charset=", "text/plain; charset=\"utf-8", "text/plain; =utf-8",
            "image/png\r\nX-Injected: 1", "text/plain; a=\"x\ny\"", "text/plain; a=b c", "image/pn\u00E9"})
    void contentType_notAMediaType_isRejectedNamingIt(String contentType) {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().contentType(contentType))
                .withMessage("contentType '" + contentType + "' is not a media type (type/subtype[; param=value])");
    }

    @Test
    void contentType_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> PutOptions.builder().contentType(null))
                .withMessage("contentType is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "x-amz-1", "1abc", "camera-model", "a-"})
    void metadata_validName_isAccepted(String name) {
        assertThat(PutOptions.builder().metadata(name, "v").build().metadata()).containsEntry(name, "v");
    }

    @Test
    void metadata_nameOf128Chars_isAccepted() {
        String name = "n".repeat(128);

        assertThat(PutOptions.builder().metadata(name, "v").build().metadata()).containsKey(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-a", "A", "Camera", "a_b", "a b", "a.b", "é", "a:b"})
    void metadata_invalidName_isRejectedNamingIt(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().metadata(name, "v"))
                .withMessageStartingWith("metadata name '" + name + "' must be 1-128 lower-case ASCII letters");
    }

    @Test
    void metadata_nameOf129Chars_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().metadata("n".repeat(129), "v"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "hello world", "!~", "a  b", "Mixed-Case_value=1;2"})
    void metadata_validValue_isAccepted(String value) {
        assertThat(PutOptions.builder().metadata("k", value).build().metadata()).containsEntry("k", value);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", " a", "a ", "a\tb", "a\nb", "é", "\u007F", "a\u0000"})
    void metadata_invalidValue_isRejectedNamingTheEntry(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().metadata("camera", value))
                .withMessage("metadata value of 'camera' must be printable ASCII without leading or trailing spaces");
    }

    @Test
    void metadata_nullNameOrValue_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> PutOptions.builder().metadata(null, "v"))
                .withMessage("metadata name is null");
        assertThatNullPointerException().isThrownBy(() -> PutOptions.builder().metadata("k", null))
                .withMessage("metadata value is null");
        assertThatNullPointerException().isThrownBy(() -> PutOptions.builder().metadata(null))
                .withMessage("metadata is null");
    }

    @Test
    void metadata_exactly2048Bytes_isAccepted() {
        PutOptions options = PutOptions.builder().metadata("a", "x".repeat(1000)).metadata("b", "y".repeat(1046)).build();

        assertThat(options.metadata()).hasSize(2);
    }

    @Test
    void metadata_2049Bytes_isRejectedWithSize() {
        PutOptions.Builder builder = PutOptions.builder().metadata("a", "x".repeat(2047));

        assertThatIllegalArgumentException().isThrownBy(() -> builder.metadata("b", ""))
                .withMessage("metadata would take 2049 bytes, over the limit of 2048 bytes (names and values)");
    }

    @Test
    void metadata_singleEntryOverLimit_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().metadata("a", "x".repeat(2048)));
    }

    @Test
    void metadata_failedNewEntry_leavesBuilderUnchanged() {
        PutOptions.Builder builder = PutOptions.builder().metadata("a", "x".repeat(2000));
        PutOptions before = builder.build();

        assertThatThrownBy(() -> builder.metadata("b", "y".repeat(100))).isInstanceOf(IllegalArgumentException.class);

        assertThat(builder.build()).isEqualTo(before);
    }

    @Test
    void metadata_failedReplacement_keepsEarlierValue() {
        PutOptions.Builder builder = PutOptions.builder().metadata("a", "small");

        assertThatThrownBy(() -> builder.metadata("a", "x".repeat(2048))).isInstanceOf(IllegalArgumentException.class);

        assertThat(builder.build().metadata()).containsExactly(Map.entry("a", "small"));
    }

    @Test
    void metadata_sameNameTwice_replacesValue() {
        PutOptions options = PutOptions.builder().metadata("k", "one").metadata("k", "two").build();

        assertThat(options.metadata()).containsExactly(Map.entry("k", "two"));
    }

    @Test
    void metadata_replacingLargeValueWithinLimit_countsOnlyNewValue() {
        PutOptions options = PutOptions.builder().metadata("k", "x".repeat(2000)).metadata("k", "y".repeat(2047)).build();

        assertThat(options.metadata().get("k")).hasSize(2047);
    }

    @Test
    void metadataMap_addsEveryEntry() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("a", "1");
        entries.put("b", "2");

        assertThat(PutOptions.builder().metadata(entries).build().metadata()).isEqualTo(entries);
    }

    @Test
    void metadata_ofBuiltOptions_isImmutable() {
        Map<String, String> metadata = PutOptions.builder().metadata("k", "v").build().metadata();

        assertThatThrownBy(() -> metadata.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_laterBuilderChange_doesNotAffectBuiltOptions() {
        PutOptions.Builder builder = PutOptions.builder().metadata("k", "v");
        PutOptions built = builder.build();

        builder.metadata("other", "w");

        assertThat(built.metadata()).containsOnlyKeys("k");
    }

    @Test
    void ifNoneMatchAny_thenIfMatch_isRejected() {
        PutOptions.Builder builder = PutOptions.builder().ifNoneMatchAny();

        assertThatIllegalArgumentException().isThrownBy(() -> builder.ifMatch("\"etag\""))
                .withMessage("ifNoneMatchAny and ifMatch cannot both be set");
    }

    @Test
    void ifMatch_thenIfNoneMatchAny_isRejected() {
        PutOptions.Builder builder = PutOptions.builder().ifMatch("\"etag\"");

        assertThatIllegalArgumentException().isThrownBy(builder::ifNoneMatchAny)
                .withMessage("ifNoneMatchAny and ifMatch cannot both be set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void ifMatch_blank_isRejected(String etag) {
        assertThatIllegalArgumentException().isThrownBy(() -> PutOptions.builder().ifMatch(etag))
                .withMessage("ifMatch etag must not be blank");
    }

    @Test
    void ifMatch_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> PutOptions.builder().ifMatch(null)).withMessage("etag is null");
    }

    @Test
    void ifNoneMatchAny_set_isAPrecondition() {
        PutOptions options = PutOptions.builder().ifNoneMatchAny().build();

        assertThat(options.ifNoneMatchAny()).isTrue();
        assertThat(options.hasPrecondition()).isTrue();
    }

    @Test
    void ifMatch_set_isAPrecondition() {
        PutOptions options = PutOptions.builder().ifMatch("e1").build();

        assertThat(options.ifMatch()).contains("e1");
        assertThat(options.hasPrecondition()).isTrue();
    }

    @Test
    void toBuilder_unchanged_buildsEqualOptions() {
        PutOptions options = PutOptions.builder().contentType("image/png").metadata("k", "v").ifMatch("e").build();

        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    }

    @Test
    void toBuilder_changed_leavesOriginalAlone() {
        PutOptions options = PutOptions.builder().contentType("image/png").metadata("k", "v").build();

        PutOptions changed = options.toBuilder().contentType("image/jpeg").metadata("k2", "v2").ifNoneMatchAny().build();

        assertThat(options.contentType()).contains("image/png");
        assertThat(options.metadata()).containsOnlyKeys("k");
        assertThat(options.hasPrecondition()).isFalse();
        assertThat(changed.contentType()).contains("image/jpeg");
        assertThat(changed.metadata()).containsOnlyKeys("k", "k2");
    }

    @Test
    void of_configures_likeBuilder() {
        PutOptions options = PutOptions.of(b -> b.contentType("image/png").metadata("k", "v"));

        assertThat(options).isEqualTo(PutOptions.builder().contentType("image/png").metadata("k", "v").build());
    }

    @Test
    void equals_eachFieldDiffering_isNotEqual() {
        PutOptions base = PutOptions.builder().contentType("image/png").metadata("k", "v").build();

        assertThat(base)
                .isNotEqualTo(base.toBuilder().contentType("image/gif").build())
                .isNotEqualTo(base.toBuilder().metadata("k", "w").build())
                .isNotEqualTo(base.toBuilder().ifNoneMatchAny().build())
                .isNotEqualTo(base.toBuilder().ifMatch("e").build())
                .isNotEqualTo(null)
                .isNotEqualTo("image/png");
    }

    @Test
    void toString_showsEveryField() {
        String text = PutOptions.builder().contentType("image/png").metadata("k", "v").ifMatch("e9").build().toString();

        assertThat(text).contains("image/png", "k=v", "ifNoneMatchAny=false", "ifMatch=e9");
    }
}
