package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListPageTest {
    private static final ObjectInfo A = info("a");
    private static final ObjectInfo B = info("b");

    private static ObjectInfo info(String key) {
        return ObjectInfo.builder().key(key).size(1).etag("e").lastModified(Instant.EPOCH).build();
    }

    @Test
    void constructor_copiesLists() {
        List<ObjectInfo> objects = new ArrayList<>(List.of(A));
        List<String> prefixes = new ArrayList<>(List.of("p/"));

        ListPage page = new ListPage(objects, prefixes, null);
        objects.add(B);
        prefixes.add("q/");

        assertThat(page.objects()).containsExactly(A);
        assertThat(page.commonPrefixes()).containsExactly("p/");
    }

    @Test
    void lists_areImmutable() {
        ListPage page = new ListPage(List.of(A), List.of("p/"), null);

        assertThatThrownBy(() -> page.objects().add(B)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> page.commonPrefixes().add("q/")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_nullLists_throwNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new ListPage(null, List.of(), null)).withMessage("objects is null");
        assertThatNullPointerException().isThrownBy(() -> new ListPage(List.of(), null, null))
                .withMessage("commonPrefixes is null");
    }

    @Test
    void constructor_nullElement_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new ListPage(Arrays.asList(A, null), List.of(), null));
    }

    @Test
    void nextToken_lastPage_isEmpty() {
        assertThat(new ListPage(List.of(), List.of(), null).nextToken()).isEmpty();
    }

    @Test
    void nextToken_morePages_isPresent() {
        assertThat(new ListPage(List.of(A), List.of(), "t").nextToken()).contains("t");
    }

    @Test
    void equals_sameContent_isEqualWithSameHash() {
        assertThat(new ListPage(List.of(A), List.of("p/"), "t"))
                .isEqualTo(new ListPage(List.of(A), List.of("p/"), "t"))
                .hasSameHashCodeAs(new ListPage(List.of(A), List.of("p/"), "t"));
    }

    @Test
    void equals_eachFieldDiffering_isNotEqual() {
        assertThat(new ListPage(List.of(A), List.of("p/"), "t"))
                .isNotEqualTo(new ListPage(List.of(B), List.of("p/"), "t"))
                .isNotEqualTo(new ListPage(List.of(A), List.of("q/"), "t"))
                .isNotEqualTo(new ListPage(List.of(A), List.of("p/"), null))
                .isNotEqualTo(null);
    }

    @Test
    void toString_countsObjectsAndShowsPrefixesAndToken() {
        assertThat(new ListPage(List.of(A, B), List.of("p/"), "t"))
                .hasToString("ListPage{objects=2, commonPrefixes=[p/], nextToken=t}");
    }
}
