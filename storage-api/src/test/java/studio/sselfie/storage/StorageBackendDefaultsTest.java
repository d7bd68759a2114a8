package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default methods of {@link StorageBackend}, run over {@link RecordingBackend}. */
class StorageBackendDefaultsTest {
    private final RecordingBackend backend = new RecordingBackend("rec://defaults");

    @TempDir
    Path dir;

    /** A backend whose every get yields {@code good} bytes and then fails. */
    private static RecordingBackend failingReads(int good) {
        return new RecordingBackend("rec://failing") {
            @Override
            protected StorageObject doGet(String key, GetOptions options) {
                StorageObject real = super.doGet(key, options);
                InputStream failing = new InputStream() {
                    private int served;

                    @Override
                    public int read() throws IOException {
                        if (served++ < good) {
                            return 'x';
                        }
                        throw new IOException("connection reset");
                    }
                };
                return new StorageObject(real.info(), failing, real.contentLength(), null);
            }
        };
    }

    private void putKeys(int count) {
        IntStream.range(0, count).forEach(i -> backend.put(String.format("p/%03d", i), "v"));
    }

    @Test
    void putBytes_storesBytesWithDefaultOptions() {
        ObjectInfo info = backend.put("k", new byte[] {1, 2, 3});

        assertThat(info.size()).isEqualTo(3);
        assertThat(info.contentType()).contains(PutOptions.DEFAULT_CONTENT_TYPE);
        assertThat(backend.getBytes("k")).containsExactly(1, 2, 3);
    }

    @Test
    void putBytes_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.put("k", (byte[]) null)).withMessage("bytes is null");
    }

    @Test
    void putString_storesUtf8AsPlainText() {
        ObjectInfo info = backend.put("k", "héllo");

        assertThat(info.contentType()).contains("text/plain; charset=utf-8");
        assertThat(backend.stored("k")).hasValue("héllo".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void putString_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.put("k", (String) null)).withMessage("text is null");
    }

    @Test
    void putPath_storesFileContent() throws IOException {
        Path file = Files.write(dir.resolve("in.bin"), new byte[] {9, 8, 7, 6});

        ObjectInfo info = backend.put("k", file, PutOptions.builder().contentType("image/png").build());

        assertThat(info.size()).isEqualTo(4);
        assertThat(info.contentType()).contains("image/png");
        assertThat(backend.getBytes("k")).containsExactly(9, 8, 7, 6);
    }

    @Test
    void putPath_missingFile_throwsUncheckedNamingFile() {
        Path missing = dir.resolve("missing.bin");

        assertThatThrownBy(() -> backend.put("k", missing, PutOptions.defaults()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void putPath_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.put("k", (Path) null, PutOptions.defaults()))
                .withMessage("file is null");
    }

    @Test
    void get_noOptions_readsWholeObject() {
        backend.put("k", "hello");

        try (StorageObject object = backend.get("k")) {
            assertThat(object.range()).isEmpty();
            assertThat(object.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        }
    }

    @Test
    void getString_decodesUtf8() {
        backend.put("k", "ключ");

        assertThat(backend.getString("k")).isEqualTo("ключ");
    }

    @Test
    void getBytes_missing_throwsNotFound() {
        assertThatThrownBy(() -> backend.getBytes("nope")).isInstanceOf(ObjectNotFoundException.class);
    }

    @Test
    void getBytes_bodyFailsMidway_throwsRetryableUnavailable() {
        RecordingBackend failing = failingReads(2);
        failing.put("k", "hello");

        assertThatThrownBy(() -> failing.getBytes("k"))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessage("[rec://failing] get 'k': reading the body failed")
                .hasRootCauseMessage("connection reset");
    }

    @Test
    void download_writesObjectToFile() throws IOException {
        backend.put("k", "hello");
        Path target = dir.resolve("out.txt");

        ObjectInfo info = backend.download("k", target);

        assertThat(target).hasContent("hello");
        assertThat(info.key()).isEqualTo("k");
    }

    @Test
    void download_existingTarget_isReplaced() throws IOException {
        backend.put("k", "new");
        Path target = Files.writeString(dir.resolve("out.txt"), "old content");

        backend.download("k", target);

        assertThat(target).hasContent("new");
    }

    @Test
    void download_bodyFailsMidway_throwsUnavailableAndLeavesNoPartFile() throws IOException {
        RecordingBackend failing = failingReads(2);
        failing.put("k", "hello");
        Path target = Files.writeString(dir.resolve("out.txt"), "old");

        assertThatThrownBy(() -> failing.download("k", target)).isInstanceOf(StorageUnavailableException.class);

        assertThat(target).hasContent("old");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void download_missingObject_throwsNotFoundAndCreatesNoFile() {
        Path target = dir.resolve("out.txt");

        assertThatThrownBy(() -> backend.download("nope", target)).isInstanceOf(ObjectNotFoundException.class);

        assertThat(target).doesNotExist();
    }

    @Test
    void download_unwritableDirectory_throwsUnchecked() {
        backend.put("k", "hello");
        Path target = dir.resolve("no-such-dir").resolve("out.txt");

        assertThatThrownBy(() -> backend.download("k", target)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("writing");
    }

    @Test
    void download_nullTarget_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.download("k", null)).withMessage("target is null");
    }

    @Test
    void exists_reflectsHead() {
        backend.put("k", "v");

        assertThat(backend.exists("k")).isTrue();
        assertThat(backend.exists("other")).isFalse();
    }

    @Test
    void listPages_manyPages_yieldsEveryPageInOrder() {
        putKeys(5);

        List<ListPage> pages = backend.listPages(ListOptions.builder().prefix("p/").pageSize(2).build())
                .collect(Collectors.toList());

        assertThat(pages).hasSize(3);
        assertThat(pages).flatMap(ListPage::objects).extracting(ObjectInfo::key)
                .containsExactly("p/000", "p/001", "p/002", "p/003", "p/004");
    }

    @Test
    void listPages_eachPageHandedOut_beforeTheNextIsFetched() {
        putKeys(6);
        List<Long> fetchesWhenHandedOut = new ArrayList<>();

        backend.listPages(ListOptions.builder().prefix("p/").pageSize(2).build())
                .forEach(page -> fetchesWhenHandedOut.add(listPageCalls()));

        assertThat(fetchesWhenHandedOut).as("page fetches made by the time page 1, 2, 3 was handed out")
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void listPages_firstPageOnly_fetchesOnePage() {
        putKeys(6);

        backend.listPages(ListOptions.builder().prefix("p/").pageSize(2).build()).findFirst();

        assertThat(listPageCalls()).as("page fetches for findFirst over three pages").isEqualTo(1);
    }

    @Test
    void listPages_iteratorAtFirstPage_hasFetchedOnlyIt() {
        putKeys(6);
        Iterator<ListPage> pages = backend.listPages(ListOptions.builder().prefix("p/").pageSize(2).build()).iterator();

        pages.next();

        assertThat(listPageCalls()).as("page fetches once page one is handed out by an iterator").isEqualTo(1);
    }

    @Test
    void list_firstKeysOfFirstPage_fetchOnePage() {
        putKeys(6);

        List<String> keys = backend.list(ListOptions.builder().prefix("p/").pageSize(2).build()).limit(2)
                .map(ObjectInfo::key).collect(Collectors.toList());

        assertThat(keys).containsExactly("p/000", "p/001");
        assertThat(listPageCalls()).as("page fetches for the first two keys, on a page of two").isEqualTo(1);
    }

    private long listPageCalls() {
        return backend.calls().stream().filter(call -> call.startsWith("doListPage")).count();
    }

    @Test
    void listPages_emptyListing_yieldsOneEmptyPage() {
        assertThat(backend.listPages(ListOptions.prefix("none/"))).singleElement()
                .satisfies(page -> assertThat(page.objects()).isEmpty());
    }

    @Test
    void listPages_nullOptions_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> backend.listPages(null)).withMessage("options is null");
    }

    @Test
    void listPrefix_flattensPages() {
        putKeys(3);
        backend.put("q/other", "v");

        assertThat(backend.list("p/")).extracting(ObjectInfo::key).containsExactly("p/000", "p/001", "p/002");
    }

    @Test
    void listOptions_leavesCommonPrefixesOut() {
        backend.put("a/1", "v");
        backend.put("a/sub/2", "v");
        backend.put("b", "v");

        assertThat(backend.list(ListOptions.builder().delimiter("/").build())).extracting(ObjectInfo::key).containsExactly("b");
        assertThat(backend.list(ListOptions.builder().prefix("a/").delimiter("/").build()))
                .extracting(ObjectInfo::key).containsExactly("a/1");
    }
}
