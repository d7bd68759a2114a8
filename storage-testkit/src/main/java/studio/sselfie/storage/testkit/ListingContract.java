package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;

/**
 * Conformance of {@code list}, {@code listPage} and {@code listPages}: prefixes, ascending UTF-8 byte order,
 * pagination and continuation tokens, delimiters and common prefixes, start-after, and that listings see every
 * completed write and delete.
 */
public abstract class ListingContract extends ConformanceContract {

    /** Java's {@code String.compareTo} orders UTF-16 units, which is not the contract's UTF-8 byte order. */
    private static final Comparator<String> UTF8_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    /** More than any test here lists: reaching it means the listing never ends (a continuation token ignored). */
    private static final int MAX_ENTRIES = 1000;

    protected ListingContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void list_emptyNamespace_returnsNothing() {
        assertThat(backend.list("")).isEmpty();
    }

    @Test
    void listPage_emptyNamespace_returnsOneEmptyPageWithoutToken() {
        ListPage page = backend.listPage(ListOptions.builder().build());

        assertThat(page.objects()).isEmpty();
        assertThat(page.commonPrefixes()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void list_prefix_returnsOnlyKeysUnderIt() {
        putKeys("photos/a.jpg", "photos/b.jpg", "videos/a.mp4", "a.txt");

        assertThat(keys(backend.list("photos/"))).containsExactly("photos/a.jpg", "photos/b.jpg");
    }

    @Test
    void list_prefixEndingMidSegment_matchesKeysByLeadingCharacters() {
        putKeys("photos/a.jpg", "photosphere.jpg", "phone.txt", "video.mp4");

        assertThat(keys(backend.list("photo"))).containsExactly("photos/a.jpg", "photosphere.jpg");
    }

    @Test
    void list_prefixMatchingNothing_returnsNothing() {
        putKeys("photos/a.jpg", "videos/a.mp4");

        assertThat(backend.list("music/")).isEmpty();
    }

    @Test
    void list_prefixEqualToKey_returnsThatKeyAndKeysStartingWithIt() {
        putKeys("docs/report", "docs/report/v2", "docs/report.pdf", "docs/other", "docs/repo");

        assertThat(keys(backend.list("docs/report")))
                .containsExactly("docs/report", "docs/report.pdf", "docs/report/v2");
    }

    @Test
    void listPage_withoutDelimiter_returnsNestedKeysFlat() {
        putKeys("a/b/c/d.txt", "a/b.txt", "x.txt");

        ListPage page = backend.listPage(ListOptions.builder().build());

        assertThat(keys(page.objects().stream())).containsExactly("a/b.txt", "a/b/c/d.txt", "x.txt");
        assertThat(page.commonPrefixes()).isEmpty();
    }

    @Test
    void list_mixedKeys_areInAscendingUtf8ByteOrder() {
        List<String> keys = List.of("zebra", "Zebra", "a0", "a/b", "a-b", "a", "a b", "\u00e9t\u00e9", "\u65e5\u672c",
                "\uFFFD", "\uD83D\uDE00", "\uD83D\uDCF7/x", "~tilde", "100", "20", "_under", "A/z");
        putKeys(keys.toArray(String[]::new));

        assertThat(keys(backend.list(""))).containsExactlyElementsOf(keys.stream().sorted(UTF8_ORDER).toList());
    }

    @Test
    void list_supplementaryCharacter_sortsAfterEveryBmpCharacter() {
        // UTF-16 order would put the emoji (surrogate D83D) before U+E000 and U+FFFD; UTF-8 order puts it last.
        putKeys("x\uD83D\uDE00", "x\uFFFD", "x\uE000", "x\u00e9", "xz");

        assertThat(keys(backend.list("x"))).containsExactly("xz", "x\u00e9", "x\uE000", "x\uFFFD", "x\uD83D\uDE00");
    }

    @Test
    void list_upperAndLowerCase_upperCaseSortsFirst() {
        putKeys("b", "a", "B", "A", "ab", "aB");

        assertThat(keys(backend.list(""))).containsExactly("A", "B", "a", "aB", "ab", "b");
    }

    @Test
    void list_separatorsAndDigits_sortByByteValueNotBySegment() {
        // '-' (0x2D) < '/' (0x2F) < '0' (0x30): a file-tree order would put "a/b" right after "a".
        putKeys("a0", "a/b", "a-b", "a");

        assertThat(keys(backend.list(""))).containsExactly("a", "a-b", "a/b", "a0");
    }

    @ParameterizedTest(name = "pageSize {0}")
    @ValueSource(ints = {1, 2, 7})
    void listPages_smallPageSize_returnsEveryKeyOnceInOrder(int pageSize) {
        List<String> keys = numberedKeys("p/", 15);
        putKeys(keys.toArray(String[]::new));

        List<ListPage> pages = pages(ListOptions.builder().pageSize(pageSize).build());

        assertThat(pages).allSatisfy(page -> assertThat(page.objects()).hasSizeLessThanOrEqualTo(pageSize));
        assertThat(pages).hasSizeGreaterThanOrEqualTo((keys.size() + pageSize - 1) / pageSize);
        assertThat(keys(pages.stream().flatMap(page -> page.objects().stream()))).containsExactlyElementsOf(keys);
    }

    @Test
    void listPage_moreKeysThanPageSize_hasNextToken() {
        putKeys("a", "b", "c");

        ListPage page = backend.listPage(ListOptions.builder().pageSize(2).build());

        assertThat(keys(page.objects().stream())).containsExactly("a", "b");
        assertThat(page.nextToken()).isPresent();
    }

    @Test
    void listPage_allKeysFitInPage_hasNoNextToken() {
        putKeys("a", "b", "c");

        ListPage page = backend.listPage(ListOptions.builder().pageSize(10).build());

        assertThat(keys(page.objects().stream())).containsExactly("a", "b", "c");
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void listPage_tokenOnNewOptions_continuesAfterPreviousPage() {
        putKeys("p/0", "p/1", "p/2", "p/3", "p/4", "q/0");
        ListPage first = backend.listPage(ListOptions.builder().prefix("p/").pageSize(2).build());

        // A caller may keep only the token (e.g. across HTTP requests) and rebuild the options from scratch.
        ListPage second = backend.listPage(ListOptions.builder().prefix("p/").pageSize(2)
                .continuationToken(first.nextToken().orElseThrow()).build());

        assertThat(keys(second.objects().stream())).containsExactly("p/2", "p/3");
    }

    @Test
    void listPage_unknownContinuationToken_throwsInvalidRequestException() {
        putKeys("a", "b");

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken("!not a token!").build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void listPages_keyAddedAfterFirstPage_isSeenByLaterPage() {
        // Proves the pages are fetched as the stream is consumed: an eager listing would miss the later key.
        putKeys(numberedKeys("k", 25).toArray(String[]::new));
        Iterator<ListPage> pages = backend.listPages(ListOptions.builder().pageSize(5).build()).iterator();
        ListPage first = pages.next();

        write("z-late", new byte[] {1});
        List<String> rest = new ArrayList<>();
        for (int fetched = 0; pages.hasNext() && fetched < MAX_ENTRIES; fetched++) {
            pages.next().objects().forEach(info -> rest.add(info.key()));
        }

        assertThat(keys(first.objects().stream())).containsExactlyElementsOf(numberedKeys("k", 5));
        assertThat(rest).endsWith("z-late").hasSize(21);
    }

    @Test
    void list_limitedStream_returnsFirstKeysInOrder() {
        putKeys(numberedKeys("k", 25).toArray(String[]::new));

        Stream<ObjectInfo> firstSeven = backend.list(ListOptions.builder().pageSize(5).build()).limit(7);

        assertThat(keys(firstSeven)).containsExactlyElementsOf(numberedKeys("k", 7));
    }

    @Test
    void list_prefixOverload_returnsEveryKeyUnderPrefix() {
        List<String> keys = numberedKeys("p/", 25);
        putKeys(keys.toArray(String[]::new));
        putKeys("q/0");

        assertThat(keys(backend.list("p/"))).containsExactlyElementsOf(keys);
    }

    @Test
    void list_optionsWithSmallPageSize_streamsEveryKeyAcrossPages() {
        List<String> keys = numberedKeys("p/", 25);
        putKeys(keys.toArray(String[]::new));
        putKeys("q/0");

        assertThat(keys(backend.list(ListOptions.builder().prefix("p/").pageSize(4).build())))
                .containsExactlyElementsOf(keys);
    }

    @Test
    void listPage_delimiter_returnsDirectObjectsAndCommonPrefixes() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("a.txt", "photos/1.jpg", "photos/2.jpg", "photos/2024/x.jpg", "videos/v.mp4", "z.txt");

        ListPage page = backend.listPage(ListOptions.builder().delimiter("/").build());

        assertThat(keys(page.objects().stream())).containsExactly("a.txt", "z.txt");
        assertThat(page.commonPrefixes()).containsExactly("photos/", "videos/");
    }

    @Test
    void listPage_delimiterWithPrefix_listsOneLevelBelowPrefix() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("photos/1.jpg", "photos/2.jpg", "photos/2024/x.jpg", "photos/2024/y/z.jpg", "photos/2025/a.jpg", "videos/v.mp4");

        ListPage page = backend.listPage(ListOptions.builder().prefix("photos/").delimiter("/").build());

        assertThat(keys(page.objects().stream())).containsExactly("photos/1.jpg", "photos/2.jpg");
        assertThat(page.commonPrefixes()).containsExactly("photos/2024/", "photos/2025/");
    }

    @Test
    void listPage_delimiterWithPrefixEndingMidSegment_rollsUpToDelimiter() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("photos/a.jpg", "photos/b/c.jpg", "photosphere.jpg");

        ListPage page = backend.listPage(ListOptions.builder().prefix("photo").delimiter("/").build());

        assertThat(keys(page.objects().stream())).containsExactly("photosphere.jpg");
        assertThat(page.commonPrefixes()).containsExactly("photos/");
    }

    @Test
    void listPages_delimiterWithPageSize1_returnsEachCommonPrefixOnce() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("a/1", "a/2", "a/3", "b/1", "b/2", "c", "d/1", "d/2/x");

        List<ListPage> pages = pages(ListOptions.builder().delimiter("/").pageSize(1).build());

        assertThat(pages.stream().flatMap(page -> page.commonPrefixes().stream())).containsExactly("a/", "b/", "d/");
        assertThat(keys(pages.stream().flatMap(page -> page.objects().stream()))).containsExactly("c");
    }

    @Test
    void listPages_delimiterWithPageSize1_interleavesObjectsAndPrefixesInByteOrder() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("a0", "a/1", "a/2", "a-1", "b");

        List<String> entries = pages(ListOptions.builder().delimiter("/").pageSize(1).build()).stream()
                .flatMap(page -> Stream.concat(keys(page.objects().stream()).stream(), page.commonPrefixes().stream())
                        .sorted(UTF8_ORDER))
                .toList();

        assertThat(entries).containsExactly("a-1", "a/", "a0", "b");
    }

    @Test
    void listPage_delimiter_pageSizeCountsObjectsAndCommonPrefixes() {
        assumeCapability(Capability.DELIMITER_LISTING);
        putKeys("a/1", "a/2", "b/1", "c", "d");

        List<ListPage> pages = pages(ListOptions.builder().delimiter("/").pageSize(2).build());

        assertThat(pages).allSatisfy(page ->
                assertThat(page.objects().size() + page.commonPrefixes().size()).isLessThanOrEqualTo(2));
        assertThat(pages.stream().mapToInt(page -> page.objects().size() + page.commonPrefixes().size()).sum())
                .isEqualTo(4);
    }

    @Test
    void listPage_delimiterWithoutCapability_throwsInvalidRequestException() {
        Assumptions.assumeFalse(backend.supports(Capability.DELIMITER_LISTING),
                () -> backend.name() + " declares DELIMITER_LISTING: nothing to refuse, test skipped");

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().delimiter("/").build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void listPage_invalidPrefix_throwsInvalidKeyException() {
        assertThatThrownBy(() -> backend.listPage(ListOptions.prefix("x".repeat(1025))))
                .isInstanceOf(InvalidKeyException.class).hasMessageContaining("1024");
    }

    @Test
    void list_startAfter_excludesThatKeyAndEarlierOnes() {
        putKeys("k1", "k2", "k3", "k4", "k5");

        assertThat(keys(backend.list(ListOptions.builder().startAfter("k3").build()))).containsExactly("k4", "k5");
    }

    @Test
    void list_startAfterMissingKey_startsAtNextGreaterKey() {
        putKeys("k1", "k2", "k3", "k4");

        assertThat(keys(backend.list(ListOptions.builder().startAfter("k25").build()))).containsExactly("k3", "k4");
    }

    @Test
    void list_startAfterWithSmallPageSize_pagesThroughEveryLaterKey() {
        putKeys(numberedKeys("k", 10).toArray(String[]::new));

        assertThat(keys(backend.list(ListOptions.builder().startAfter("k03").pageSize(2).build())))
                .containsExactlyElementsOf(numberedKeys("k", 10).subList(4, 10));
    }

    @Test
    void list_startAfterLastKey_returnsNothing() {
        putKeys("k1", "k2", "k3");

        ListPage page = backend.listPage(ListOptions.builder().startAfter("k3").build());

        assertThat(page.objects()).isEmpty();
        assertThat(page.nextToken()).isEmpty();
    }

    @Test
    void list_startAfterWithPrefix_returnsLaterKeysUnderPrefix() {
        putKeys("a/1", "a/2", "a/3", "b/1", "b/2");

        assertThat(keys(backend.list(ListOptions.builder().prefix("a/").startAfter("a/1").build())))
                .containsExactly("a/2", "a/3");
    }

    @Test
    void list_startAfterBeforePrefix_returnsWholePrefix() {
        putKeys("a/1", "a/2", "b/1", "b/2", "c/1");

        assertThat(keys(backend.list(ListOptions.builder().prefix("b/").startAfter("a/2").build())))
                .containsExactly("b/1", "b/2");
    }

    @Test
    void list_entries_haveSizeAndEtagOfHead() {
        write("e/empty", new byte[0]);
        write("e/small", randomBytes(17, 1));
        write("e/larger", randomBytes(70_000, 2));

        assertThat(backend.list("e/").limit(MAX_ENTRIES).toList()).hasSize(3).allSatisfy(listed -> {
            ObjectInfo head = backend.head(listed.key()).orElseThrow();
            assertThat(listed.size()).as("size of %s", listed.key()).isEqualTo(head.size());
            assertThat(listed.etag()).as("etag of %s", listed.key()).isEqualTo(head.etag());
        });
    }

    @Test
    void list_sizes_areExactIncludingZero() {
        Map<String, Integer> sizes = Map.of("s/0", 0, "s/1", 1, "s/1000", 1000, "s/4097", 4097);
        sizes.forEach((key, size) -> write(key, randomBytes(size, size)));

        assertThat(backend.list("s/").collect(Collectors.toMap(ObjectInfo::key, info -> (int) info.size())))
                .isEqualTo(sizes);
    }

    @Test
    void list_afterPut_showsKeyAtOnce() {
        putKeys("a", "c");

        write("b", new byte[] {1});

        assertThat(keys(backend.list(""))).containsExactly("a", "b", "c");
    }

    @Test
    void list_afterDelete_omitsKeyAtOnce() {
        putKeys("a", "b", "c");

        backend.delete("b");

        assertThat(keys(backend.list(""))).containsExactly("a", "c");
    }

    @Test
    void list_afterOverwrite_showsNewSizeAndEtag() {
        write("doc", randomBytes(10, 1));
        ObjectInfo second = write("doc", randomBytes(25, 2));

        ObjectInfo listed = backend.list("doc").findFirst().orElseThrow();

        assertThat(listed.size()).isEqualTo(25);
        assertThat(listed.etag()).isEqualTo(second.etag());
    }

    /** Stores a few bytes at each key, in a shuffled order so that no backend gets the keys pre-sorted. */
    private void putKeys(String... keys) {
        List<String> shuffled = new ArrayList<>(List.of(keys));
        Collections.shuffle(shuffled, new Random(keys.length));
        for (String key : shuffled) {
            write(key, key.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** {@code count} keys {@code prefix00, prefix01, ...}, in ascending order. */
    private static List<String> numberedKeys(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%s%02d", prefix, i)).toList();
    }

    /** The keys of {@code infos}, cut at {@value #MAX_ENTRIES} so that a listing that never ends fails instead of hanging. */
    private static List<String> keys(Stream<ObjectInfo> infos) {
        return infos.limit(MAX_ENTRIES).map(ObjectInfo::key).toList();
    }

    /** Every page of a listing; fails, instead of hanging, if the backend keeps handing out tokens. */
    private List<ListPage> pages(ListOptions options) {
        List<ListPage> pages = backend.listPages(options).limit(MAX_ENTRIES + 1).toList();
        assertThat(pages).as("pages of a listing that should end").hasSizeLessThanOrEqualTo(MAX_ENTRIES);
        return pages;
    }
}
