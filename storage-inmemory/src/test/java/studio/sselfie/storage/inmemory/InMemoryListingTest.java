package studio.sselfie.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

class InMemoryListingTest {
    private static final String EMOJI = "\uD83D\uDE00";
    private static final String MAX_CODE_POINT = "\uDBFF\uDFFF";

    private final InMemoryStorageBackend backend = InMemoryStorageBackend.create();

    @AfterEach
    void close() {
        backend.close();
    }

    private void write(String... keys) {
        for (String key : keys) {
            backend.put(key, new byte[] {1});
        }
    }

    private List<String> keys(ListOptions options) {
        return backend.list(options).map(ObjectInfo::key).collect(Collectors.toList());
    }

    /** Every entry of every page, common prefixes marked with a leading '+'. */
    private List<String> entries(ListOptions options) {
        List<String> entries = new ArrayList<>();
        backend.listPages(options).forEach(page -> {
            page.objects().forEach(o -> entries.add(o.key()));
            page.commonPrefixes().forEach(p -> entries.add("+" + p));
        });
        return entries;
    }

    @Test
    void list_supplementaryAndPrivateUseKeys_inUtf8ByteOrder() {
        write("z", EMOJI, "\uFFFD", "\uE000", "a");

        assertThat(keys(ListOptions.prefix(""))).containsExactly("a", "z", "\uE000", "\uFFFD", EMOJI);
    }

    @Test
    void list_entries_carryOnlyWhatS3Lists() {
        ObjectInfo stored = backend.put("a", "x".getBytes(StandardCharsets.UTF_8),
                PutOptions.builder().contentType("text/plain").metadata("k", "v").build());

        ObjectInfo listed = backend.list("").findFirst().orElseThrow();

        assertThat(listed).isEqualTo(ObjectInfo.builder().key("a").size(1).etag(stored.etag())
                .lastModified(stored.lastModified()).build());
    }

    @Test
    void listPage_lastEntryIsCommonPrefix_nextPageSkipsKeysUnderIt() {
        write("a/1", "a/2", "a/3", "b");
        ListOptions options = ListOptions.builder().delimiter("/").pageSize(1).build();

        ListPage first = backend.listPage(options);
        ListPage second = backend.listPage(options.toBuilder().continuationToken(first.nextToken().orElseThrow()).build());

        assertThat(first.commonPrefixes()).containsExactly("a/");
        assertThat(second.objects()).extracting(ObjectInfo::key).containsExactly("b");
        assertThat(second.nextToken()).isEmpty();
    }

    @Test
    void listPage_keysUnderPrefixPastGreatestCodePoint_areSkippedWithThePrefix() {
        write("p/x", "p/" + MAX_CODE_POINT, "p/" + MAX_CODE_POINT + "z", "q");

        assertThat(entries(ListOptions.builder().delimiter("/").pageSize(1).build())).containsExactly("+p/", "q");
    }

    @Test
    void listPage_fullPageWithNothingAfter_hasNoToken() {
        write("a", "b");

        ListPage page = backend.listPage(ListOptions.builder().pageSize(2).build());

        assertThat(page.objects()).hasSize(2);
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void listPage_pagesOfOne_countObjectsAndPrefixesTogether() {
        write("a", "b/1", "b/2", "c", "d/1");

        assertThat(entries(ListOptions.builder().delimiter("/").pageSize(1).build()))
                .containsExactly("a", "+b/", "c", "+d/");
    }

    @Test
    void listPage_delimiterAfterPrefix_rollsUpRestUpToFirstDelimiter() {
        write("photos/2024/a.png", "photos/2024/b/c.png", "photos/top.png", "photosx");

        assertThat(entries(ListOptions.builder().prefix("photos/").delimiter("/").build()))
                .containsExactly("photos/top.png", "+photos/2024/");
    }

    @Test
    void listPage_multiCharacterDelimiter_rollsUpIncludingWholeDelimiter() {
        write("a--b--c", "a--d", "e");

        assertThat(entries(ListOptions.builder().delimiter("--").build())).containsExactly("e", "+a--");
    }

    @Test
    void listPage_startAfterWithDelimiter_listsCommonPrefixesOfLaterKeysLikeS3() {
        write("a/1", "b/1", "b/2", "c", "d/1");

        // b/1 sorts after "b/", so its common prefix "b/" is listed although "b/" itself is not after "b/".
        assertThat(entries(ListOptions.builder().delimiter("/").startAfter("b/").build())).containsExactly("c", "+b/", "+d/");
        assertThat(entries(ListOptions.builder().delimiter("/").startAfter("b/2").build())).containsExactly("c", "+d/");
    }

    @Test
    void listPage_startAfterBeforePrefix_startsAtPrefix() {
        write("a", "m/1", "m/2", "z");

        assertThat(keys(ListOptions.builder().prefix("m/").startAfter("b").build())).containsExactly("m/1", "m/2");
    }

    @Test
    void listPage_startAfterAKey_isExclusive() {
        write("a", "b", "c");

        assertThat(keys(ListOptions.builder().startAfter("b").build())).containsExactly("c");
    }

    @Test
    void listPage_tokenAndStartAfter_resumesAfterToken() {
        write("a", "b", "c", "d");
        ListOptions options = ListOptions.builder().startAfter("a").pageSize(1).build();

        assertThat(entries(options)).containsExactly("b", "c", "d");
    }

    @Test
    void listPage_prefixTokenWithLaterStartAfter_honoursStartAfter() {
        write("a/1", "a/2", "b", "c", "d");
        ListPage first = backend.listPage(ListOptions.builder().delimiter("/").pageSize(1).build());
        ListOptions later = ListOptions.builder().delimiter("/").startAfter("b")
                .continuationToken(first.nextToken().orElseThrow()).build();

        assertThat(backend.listPage(later).objects()).extracting(ObjectInfo::key).containsExactly("c", "d");
    }

    @Test
    void listPage_keyWrittenBetweenPages_listedInItsPlace() {
        write("a", "c");
        ListOptions options = ListOptions.builder().pageSize(1).build();
        ListPage first = backend.listPage(options);
        write("b");

        ListPage second = backend.listPage(options.toBuilder().continuationToken(first.nextToken().orElseThrow()).build());

        assertThat(second.objects()).extracting(ObjectInfo::key).containsExactly("b");
    }

    @Test
    void listPage_everythingAfterPrefixTokenDeleted_givesEmptyLastPage() {
        write("a/1", "b");
        ListOptions options = ListOptions.builder().delimiter("/").pageSize(1).build();
        ListPage first = backend.listPage(options);
        backend.delete("b");

        ListPage second = backend.listPage(options.toBuilder().continuationToken(first.nextToken().orElseThrow()).build());

        assertThat(second.objects()).isEmpty();
        assertThat(second.commonPrefixes()).isEmpty();
        assertThat(second.nextToken()).isEmpty();
    }

    @Test
    void listPage_garbageToken_isInvalidRequestNamingTheToken() {
        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken("not a token!").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("continuation token 'not a token!'");
    }

    @Test
    void listPage_base64TokenOfUnknownFormat_isInvalidRequest() {
        String token = Base64.getUrlEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken(token).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("format is unknown");
    }

    @Test
    void listPage_tokenOfAnotherBackend_isInvalidRequest() {
        try (StorageBackend other = InMemoryStorageBackend.create()) {
            other.put("a", new byte[1]);
            other.put("b", new byte[1]);
            String token = other.listPage(ListOptions.builder().pageSize(1).build()).nextToken().orElseThrow();

            assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken(token).build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("another backend");
        }
    }

    @Test
    void listPage_tamperedTokenKind_isInvalidRequest() {
        write("a", "b");
        byte[] token = Base64.getUrlDecoder().decode(
                backend.listPage(ListOptions.builder().pageSize(1).build()).nextToken().orElseThrow());
        token[9] = 'X';
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(token);

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken(tampered).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("format is unknown");
    }

    @Test
    void listPage_tokenPositionNotUtf8_isInvalidRequest() {
        write("a", "b");
        byte[] token = Base64.getUrlDecoder().decode(
                backend.listPage(ListOptions.builder().pageSize(1).build()).nextToken().orElseThrow());
        token[token.length - 1] = (byte) 0xFF;
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(token);

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken(tampered).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void listPage_withoutDelimiterCapability_rejectsDelimiter() {
        try (StorageBackend flat = InMemoryStorageBackend.builder().withoutCapabilities(Capability.DELIMITER_LISTING).build()) {
            assertThatThrownBy(() -> flat.listPage(ListOptions.builder().delimiter("/").build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("DELIMITER_LISTING");
        }
    }
}
