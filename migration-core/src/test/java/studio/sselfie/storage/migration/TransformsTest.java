package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.testkit.MockImageGenerator;

class TransformsTest {
    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    private Migrator migrator(Migration... migrations) {
        return Migrator.builder().backend(store).migrations(migrations).build();
    }

    @Test
    void moveKeys_twoSourcesToOneTarget_isRejectedNamingBothBeforeTheFirstWrite() {
        Stores.seed(store, "photos/", 3);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration clash = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "all.txt"));

        assertThatThrownBy(() -> migrator(clash).migrate()).isInstanceOf(MigrationValidationException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("photos/000.txt").hasMessageContaining("photos/001.txt").hasMessageContaining("all.txt");
        assertThat(Stores.snapshot(store)).isEqualTo(seed);
    }

    @Test
    void moveKeys_invalidTarget_isRejectedNamingSourceAndTarget() {
        Stores.seed(store, "photos/", 2);
        TestMigration bad = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "out//" + key));

        assertThatThrownBy(() -> migrator(bad).migrate()).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'out//photos/000.txt' of 'photos/000.txt'");
        assertThat(store.list("photos/").count()).isEqualTo(2);
    }

    @Test
    void moveKeys_targetThatIsItselfMoved_isRejected() {
        Stores.seed(store, "n/", 2);
        TestMigration chain = TestMigration.of("1", ctx -> ctx.moveKeys("n/", key -> key.equals("n/000.txt") ? "n/001.txt" : "n/002.txt"));

        assertThatThrownBy(() -> migrator(chain).migrate()).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("itself a key to move");
    }

    @Test
    void verify_moveKeys_keepsBytesContentTypeAndMetadata() {
        Stores.seed(store, "photos/", 3);
        Map<String, String> seed = Stores.snapshot(store);
        TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));

        List<MigrationInfo> ran = migrator(move).migrate();

        Map<String, String> expected = new HashMap<>();
        seed.forEach((key, value) -> expected.put("originals/" + key.substring(7), value));
        assertThat(Stores.snapshot(store)).isEqualTo(expected);
        assertThat(ran.get(0).objects()).isEqualTo(3);
    }

    private static Map<String, String> contents(StorageBackend store, String prefix) {
        Map<String, String> contents = new java.util.TreeMap<>();
        store.list(prefix).forEach(info -> contents.put(info.key(), store.getString(info.key())));
        return contents;
    }

    /** Counts the calls of {@code plain}'s methods per key under {@code prefix}, into {@code calls}. */
    private static StorageBackend counting(StorageBackend plain, String prefix, Map<String, Integer> calls) {
        return (StorageBackend) Proxy.newProxyInstance(TransformsTest.class.getClassLoader(),
                new Class<?>[] {StorageBackend.class}, (proxy, method, args) -> {
                    if (args != null && args[0] instanceof String key && key.startsWith(prefix)) {
                        calls.merge(method.getName() + " " + key, 1, Integer::sum);
                    }
                    try {
                        return method.invoke(plain, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void moveKeys_toFreeTargets_copiesAndDeletesEachSourceWithoutReadingIt() {
        // The listing's MD5 ETag and the copy's answer prove the copy; the listing showed the targets free.
        InMemoryStorageBackend plain = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONTENT_SHA256).build();
        Stores.seed(plain, "photos/", 5);
        Map<String, String> seed = contents(plain, "photos/");
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));

        Migrator.builder().backend(counting(plain, "photos/", calls)).migrations(move).concurrency(1).build().migrate();

        for (String key : seed.keySet()) {
            assertThat(calls).as("calls on " + key).containsEntry("copy " + key, 1).containsEntry("delete " + key, 1)
                    .doesNotContainKeys("get " + key, "head " + key);
            assertThat(plain.getString("originals/" + key.substring(7))).isEqualTo(seed.get(key));
        }
        assertThat(plain.list("photos/").count()).isZero();
    }

    @Test
    void moveKeys_overExistingTargetsOnAStoreWithoutSha256_readsEachSourceOnceAndNeverHeadsIt() {
        // A target that held an object is backed up first, and the source's bytes are hashed for its record: by one
        // read, not again for the record.
        InMemoryStorageBackend plain = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONTENT_SHA256).build();
        Stores.seed(plain, "photos/", 5);
        Map<String, String> seed = contents(plain, "photos/");
        seed.keySet().forEach(key -> plain.put("originals/" + key.substring(7), "an older " + key));
        Map<String, Integer> calls = new ConcurrentHashMap<>();
        TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));
        Migrator migrator = Migrator.builder().backend(counting(plain, "photos/", calls)).migrations(move).concurrency(1).build();

        migrator.migrate();

        for (String key : seed.keySet()) {
            assertThat(calls.get("get " + key)).as("reads of " + key).isEqualTo(1);
            // The one GET gives the info a HEAD gave, of the same version as the bytes hashed.
            assertThat(calls.get("head " + key)).as("heads of " + key).isNull();
            assertThat(plain.exists(key)).isFalse();
            assertThat(plain.getString("originals/" + key.substring(7))).isEqualTo(seed.get(key));
        }
        migrator.undo(MigrationVersion.ZERO);
        for (String key : seed.keySet()) {
            assertThat(plain.getString(key)).isEqualTo(seed.get(key));
            assertThat(plain.getString("originals/" + key.substring(7))).isEqualTo("an older " + key);
        }
    }

    @Test
    void concurrency_two_neverWorksOnMoreThanTwoObjectsAtOnce() {
        Stores.seed(store, "photos/", 40);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TestMigration slow = TestMigration.of("1", ctx -> ctx.transform("photos/", info -> true, (original, body) -> {
            if (!ctx.isDryRun()) {
                most.accumulateAndGet(active.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    active.decrementAndGet();
                }
            }
            return Optional.empty();
        }));

        Migrator.builder().backend(store).migrations(slow).concurrency(2).build().migrate();

        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void copyFrom_anotherBackend_copiesEveryObjectAndChecksCleanly() {
        InMemoryStorageBackend source = InMemoryStorageBackend.create();
        Stores.seed(source, "photos/", 5);
        source.put("elsewhere.txt", "not copied");
        TestMigration copy = TestMigration.of("1", ctx -> ctx.copyFrom(source, "photos/", key -> key));

        List<MigrationInfo> ran = migrator(copy).migrate();

        assertThat(ran.get(0).objects()).isEqualTo(5);
        CheckReport report = BackendCheck.compare(source, store, "photos/");
        assertThat(report.isMatch()).isTrue();
        assertThat(report.lines()).hasSize(5).allMatch(line -> line.startsWith("= photos/")).contains("= photos/000.txt");
        assertThat(store.exists("elsewhere.txt")).isFalse();
    }

    @Test
    void verify_backendCheck_reportsEveryKindOfDifference() {
        InMemoryStorageBackend source = InMemoryStorageBackend.create();
        source.put("p/same", "1");
        source.put("p/differs", "source bytes");
        source.put("p/only-source", "x");
        store.put("p/same", "1");
        store.put("p/differs", "target bytes");
        store.put("p/only-target", "y");

        CheckReport report = BackendCheck.compare(source, store, "p/");

        assertThat(report.lines()).containsExactly("* p/differs (sha256 " + sha("source bytes") + " vs " + sha("target bytes") + ")",
                "- p/only-source", "+ p/only-target", "= p/same");
        assertThat(report.isMatch()).isFalse();
        assertThat(report.summary()).isEqualTo("= 1, + 1, - 1, * 1, ! 0");
    }

    @Test
    void verify_corruptedReadDuringCopy_failsTheStepAndRollsBack() {
        InMemoryStorageBackend healthy = InMemoryStorageBackend.create();
        Stores.seed(healthy, "photos/", 3);
        CorruptingBackend source = new CorruptingBackend(healthy, "photos/001.txt");
        store.put("photos/001.txt", "what the target had before");
        Map<String, String> before = Stores.snapshot(store);
        TestMigration copy = TestMigration.of("1", ctx -> ctx.copyFrom(source, "photos/", key -> key));

        assertThatThrownBy(() -> Migrator.builder().backend(store).migrations(copy).concurrency(1).build().migrate())
                .isInstanceOf(MigrationFailedException.class)
                .hasMessageContaining("photos/001.txt").hasMessageContaining("sha256");
        assertThat(Stores.snapshot(store)).isEqualTo(before);
    }

    @Test
    void transform_thumbnails_writesVerifiedJpegsAtTheNewSize() throws IOException {
        for (int i = 0; i < 3; i++) {
            store.put("photos/p" + i + ".jpg", MockImageGenerator.jpeg(640, 480, i), PutOptions.builder().contentType("image/jpeg").build());
        }
        Map<String, String> originals = Stores.snapshot(store);
        TestMigration thumbnails = TestMigration.of("1", ctx -> ctx.transform("photos/", info -> info.key().endsWith(".jpg"),
                (original, body) -> Optional.of(new DerivedObject("thumbs/" + original.key().substring(7), thumbnail(body, 160, 120),
                        "image/jpeg", Map.of("source", original.key())))));

        migrator(thumbnails).migrate();

        for (int i = 0; i < 3; i++) {
            ObjectInfo info = store.head("thumbs/p" + i + ".jpg").orElseThrow();
            assertThat(info.contentType()).contains("image/jpeg");
            assertThat(info.metadata()).containsEntry("source", "photos/p" + i + ".jpg");
            BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(store.getBytes(info.key())));
            assertThat(thumb.getWidth()).isEqualTo(160);
            assertThat(thumb.getHeight()).isEqualTo(120);
        }
        assertThat(Stores.snapshot(store)).containsAllEntriesOf(originals).hasSize(6);
        migrator(thumbnails).undo(MigrationVersion.ZERO);
        assertThat(Stores.snapshot(store)).isEqualTo(originals);
    }

    @Test
    void updateMetadata_addsAnEntry_keepsBytesAndContentTypeAndSkipsUnchanged() {
        Stores.seed(store, "photos/", 4);
        store.put("photos/done.txt", "already tagged".getBytes(), PutOptions.builder().metadata("layout", "v2").build());
        Map<String, String> before = Stores.snapshot(store);
        TestMigration tag = TestMigration.of("1", ctx -> ctx.updateMetadata("photos/", info -> {
            Map<String, String> metadata = new HashMap<>(info.metadata());
            metadata.put("layout", "v2");
            return metadata;
        }));

        List<MigrationInfo> ran = migrator(tag).migrate();

        assertThat(ran.get(0).objects()).isEqualTo(4);
        for (int i = 0; i < 4; i++) {
            String key = String.format("photos/%03d.txt", i);
            ObjectInfo info = store.head(key).orElseThrow();
            assertThat(info.metadata()).containsEntry("layout", "v2").containsEntry("seed", Integer.toString(i));
            assertThat(info.contentType()).contains("text/plain");
            assertThat(before.get(key)).startsWith(info.sha256().orElseThrow());
        }
    }

    @Test
    void progress_listener_hearsStepsAndObjectAndByteTotals() {
        Stores.seed(store, "photos/", 5);
        long bytes = store.list("photos/").mapToLong(ObjectInfo::size).sum();
        List<Progress> progress = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void stepStarted(MigrationVersion version, boolean down, boolean resumed) {
                events.add("started " + version + " down=" + down + " resumed=" + resumed);
            }

            @Override
            public void progress(MigrationVersion version, Progress p) {
                progress.add(p);
            }

            @Override
            public void stepSucceeded(MigrationInfo info) {
                events.add("succeeded " + info.version() + " " + info.objects() + " objects " + info.bytes() + " bytes");
            }
        };
        TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));

        Migrator.builder().backend(store).migrations(move).listener(listener).build().migrate();

        assertThat(events).containsExactly("started 1 down=false resumed=false", "succeeded 1 5 objects " + bytes + " bytes");
        Progress last = progress.get(progress.size() - 1);
        assertThat(last.operation()).isEqualTo("moveKeys 'photos/'");
        assertThat(last.objectsDone()).isEqualTo(5);
        assertThat(last.objectsTotal()).hasValue(5);
        assertThat(last.bytesDone()).isEqualTo(bytes);
        assertThat(last.bytesTotal()).hasValue(bytes);
        assertThat(progress).extracting(Progress::objectsDone).isSorted();
    }

    @Test
    void custom_stepWithCheckpoints_skipsDoneUnitsAndBacksUpWrites() {
        store.put("a", "1");
        TestMigration custom = TestMigration.of("1", ctx -> {
            for (String key : List.of("a", "b")) {
                if (!ctx.isDone(key)) {
                    ctx.store().put(key, "rewritten " + key);
                    ctx.checkpoint(key);
                }
            }
            ctx.progress(2, 20, 2);
        });

        migrator(custom).migrate();
        assertThat(store.getString("a")).isEqualTo("rewritten a");
        migrator(custom).undo(MigrationVersion.ZERO);

        assertThat(Stores.snapshot(store).keySet()).containsExactly("a");
        assertThat(store.getString("a")).isEqualTo("1");
    }

    private static byte[] thumbnail(InputStream body, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(body);
        BufferedImage thumb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = thumb.createGraphics();
        graphics.drawImage(image, 0, 0, width, height, null);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(thumb, "jpg", out);
        return out.toByteArray();
    }

    private static String sha(String text) {
        return studio.sselfie.storage.migration.internal.Hashing.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Hands out the bytes of one key with the first byte flipped, as a faulty network or disk would. */
    private static final class CorruptingBackend extends AbstractStorageBackend {
        private final InMemoryStorageBackend store;
        private final String corrupted;

        CorruptingBackend(InMemoryStorageBackend store, String corrupted) {
            super("corrupting(" + store.name() + ")", store.capabilities());
            this.store = store;
            this.corrupted = corrupted;
        }

        @Override
        protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
            return store.put(key, body, length, options);
        }

        @Override
        protected StorageObject doGet(String key, GetOptions options) {
            StorageObject object = store.get(key, options);
            if (!key.equals(corrupted)) {
                return object;
            }
            byte[] bytes = object.readAllBytes();
            object.close();
            bytes[0] ^= 1;
            return new StorageObject(object.info(), new ByteArrayInputStream(bytes), bytes.length, null);
        }

        @Override
        protected Optional<ObjectInfo> doHead(String key) {
            return store.head(key);
        }

        @Override
        protected void doDelete(String key) {
            store.delete(key);
        }

        @Override
        protected ListPage doListPage(ListOptions options) {
            return store.listPage(options);
        }

        @Override
        protected void doClose() {
        }
    }

}
