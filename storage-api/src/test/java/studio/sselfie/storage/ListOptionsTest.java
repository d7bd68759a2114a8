package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListOptionsTest {

    @Test
    void builder_defaults_listEverythingFlatInLargestPages() {
        ListOptions options = ListOptions.builder().build();

        assertThat(options.prefix()).isEmpty();
        assertThat(options.delimiter()).isEmpty();
        assertThat(options.startAfter()).isEmpty();
        assertThat(options.pageSize()).isEqualTo(StorageLimits.MAX_PAGE_SIZE).isEqualTo(1000);
        assertThat(options.continuationToken()).isEmpty();
    }

    @Test
    void prefix_factory_setsOnlyPrefix() {
        assertThat(ListOptions.prefix("a/")).isEqualTo(ListOptions.builder().prefix("a/").build());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 999, 1000})
    void pageSize_withinBounds_isAccepted(int pageSize) {
        assertThat(ListOptions.builder().pageSize(pageSize).build().pageSize()).isEqualTo(pageSize);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 1001, Integer.MAX_VALUE})
    void pageSize_outOfBounds_isRejectedWithValue(int pageSize) {
        assertThatIllegalArgumentException().isThrownBy(() -> ListOptions.builder().pageSize(pageSize))
                .withMessage("pageSize must be between 1 and 1000, was " + pageSize);
    }

    @Test
    void delimiter_empty_isRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> ListOptions.builder().delimiter(""))
                .withMessage("delimiter must not be empty");
    }

    @Test
    void delimiter_set_isPresent() {
        assertThat(ListOptions.builder().delimiter("/").build().delimiter()).contains("/");
    }

    @Test
    void setters_null_throwNullPointerException() {
        ListOptions.Builder builder = ListOptions.builder();

        assertThatNullPointerException().isThrownBy(() -> builder.prefix(null)).withMessage("prefix is null");
        assertThatNullPointerException().isThrownBy(() -> builder.delimiter(null)).withMessage("delimiter is null");
        assertThatNullPointerException().isThrownBy(() -> builder.startAfter(null)).withMessage("startAfter is null");
    }

    @Test
    void continuationToken_null_clearsToken() {
        ListOptions options = ListOptions.builder().continuationToken("t").continuationToken(null).build();

        assertThat(options.continuationToken()).isEmpty();
    }

    @Test
    void toBuilder_unchanged_buildsEqualOptions() {
        ListOptions options = ListOptions.builder().prefix("p/").delimiter("/").startAfter("p/a").pageSize(7)
                .continuationToken("t").build();

        assertThat(options.toBuilder().build()).isEqualTo(options).hasSameHashCodeAs(options);
    }

    @Test
    void toBuilder_changed_leavesOriginalAlone() {
        ListOptions options = ListOptions.builder().prefix("p/").pageSize(7).build();

        ListOptions next = options.toBuilder().continuationToken("t").build();

        assertThat(options.continuationToken()).isEmpty();
        assertThat(next.continuationToken()).contains("t");
        assertThat(next.prefix()).isEqualTo("p/");
        assertThat(next.pageSize()).isEqualTo(7);
    }

    @Test
    void equals_eachFieldDiffering_isNotEqual() {
        ListOptions base = ListOptions.builder().prefix("p/").build();

        assertThat(base)
                .isNotEqualTo(base.toBuilder().prefix("q/").build())
                .isNotEqualTo(base.toBuilder().delimiter("/").build())
                .isNotEqualTo(base.toBuilder().startAfter("p/a").build())
                .isNotEqualTo(base.toBuilder().pageSize(1).build())
                .isNotEqualTo(base.toBuilder().continuationToken("t").build())
                .isNotEqualTo(null)
                .isNotEqualTo("p/");
    }

    @Test
    void toString_showsEveryField() {
        ListOptions options = ListOptions.builder().prefix("p/").delimiter("/").startAfter("p/a").pageSize(7)
                .continuationToken("tok").build();

        assertThat(options.toString()).contains("prefix='p/'", "delimiter=/", "startAfter=p/a", "pageSize=7",
                "continuationToken=tok");
    }
}
