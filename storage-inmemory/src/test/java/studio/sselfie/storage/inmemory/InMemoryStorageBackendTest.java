package studio.sselfie.storage.inmemory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

class InMemoryStorageBackendTest {
    private final InMemoryStorageBackend backend = InMemoryStorageBackend.create();

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void create_withoutName_generatesDistinctMemNames() {
        try (InMemoryStorageBackend other = InMemoryStorageBackend.create()) {
            assertThat(backend.name()).startsWith("mem://store-");
            assertThat(other.name()).startsWith("mem://store-").isNotEqualTo(backend.name());
        }
    }

    @Test
    void create_withName_isNamedMemName() {
        try (InMemoryStorageBackend named = InMemoryStorageBackend.create("photos")) {
            assertThat(named.name()).isEqualTo("mem://photos");
            assertThat(named.toString()).contains("mem://photos");
        }
    }

    @Test
    void builderName_blank_isRejected() {
        assertThatThrownBy(() -> InMemoryStorageBackend.builder().name(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
    }

    @Test
    void capabilities_byDefault_areAllButMultipartAndPresignedUrls() {
        assertThat(backend.capabilities())
                .isEqualTo(EnumSet.complementOf(EnumSet.of(Capability.MULTIPART_UPLOAD, Capability.PRESIGNED_URLS)));
    }

    @Test
    void withoutCapabilities_conditionalWrite_isNotDeclaredAndPreconditionsAreRejected() {
        try (StorageBackend limited = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONDITIONAL_WRITE).build()) {
            assertThat(limited.supports(Capability.CONDITIONAL_WRITE)).isFalse();
            assertThat(limited.supports(Capability.RANGE_READ)).isTrue();
            assertThatThrownBy(() -> limited.put("a", new byte[1], PutOptions.builder().ifNoneMatchAny().build()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("CONDITIONAL_WRITE");
            assertThat(limited.exists("a")).isFalse();
        }
    }

    @Test
    void withoutCapabilities_contentSha256_leavesSha256Unknown() {
        try (StorageBackend limited = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONTENT_SHA256).build()) {
            ObjectInfo info = limited.put("a", new byte[] {1, 2});

            assertThat(info.sha256()).isEmpty();
            assertThat(limited.head("a").orElseThrow().sha256()).isEmpty();
        }
    }

    @Test
    void withoutCapabilities_serverSideCopy_stillCopiesThroughTheClient() {
        try (StorageBackend limited = InMemoryStorageBackend.builder().withoutCapabilities(Capability.SERVER_SIDE_COPY).build()) {
            limited.put("a", "hello".getBytes(UTF_8), PutOptions.builder().contentType("text/plain").metadata("k", "v").build());

            ObjectInfo copy = limited.copy("a", "b");

            assertThat(limited.getString("b")).isEqualTo("hello");
            assertThat(copy.contentType()).contains("text/plain");
            assertThat(copy.metadata()).containsEntry("k", "v");
        }
    }

    @Test
    void withoutCapabilities_batchDelete_stillDeletesEveryKey() {
        try (StorageBackend limited = InMemoryStorageBackend.builder().withoutCapabilities(Capability.BATCH_DELETE).build()) {
            limited.put("a", new byte[1]);
            limited.put("b", new byte[1]);

            assertThat(limited.deleteAll(List.of("a", "b", "missing")).deleted()).containsExactly("a", "b", "missing");
            assertThat(limited.list("")).isEmpty();
        }
    }

    @Test
    void withoutCapabilities_nullCapability_isRejected() {
        assertThatThrownBy(() -> InMemoryStorageBackend.builder().withoutCapabilities((Capability) null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("capability is null");
    }

    @Test
    void put_emptyBody_hasS3EtagAndSha256OfNothing() {
        ObjectInfo info = backend.put("empty", new byte[0]);

        assertThat(info.etag()).isEqualTo("\"d41d8cd98f00b204e9800998ecf8427e\"");
        assertThat(info.sha256()).contains("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(info.size()).isZero();
    }

    @Test
    void put_withoutContentType_storesOctetStreamAndSecondPrecision() {
        ObjectInfo info = backend.put("a", new byte[] {1});

        assertThat(info.contentType()).contains(PutOptions.DEFAULT_CONTENT_TYPE);
        assertThat(info.lastModified().getNano()).isZero();
        assertThat(backend.head("a")).contains(info);
    }

    @Test
    void put_bodyThrowsMidway_failsAndLeavesOldObject() {
        backend.put("a", "old");
        InputStream failing = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ < 3) {
                    return 'x';
                }
                throw new IOException("disk gone");
            }
        };

        assertThatThrownBy(() -> backend.put("a", failing, StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()))
                .isExactlyInstanceOf(StorageException.class)
                .hasMessageContaining("reading the body failed")
                .hasRootCauseMessage("disk gone");
        assertThat(backend.getString("a")).isEqualTo("old");
    }

    @Test
    void put_bodyShorterThanDeclared_isInvalidRequestAndStoresNothing() {
        assertThatThrownBy(() -> backend.put("a", new ByteArrayInputStream(new byte[3]), 5, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(backend.exists("a")).isFalse();
    }

    @Test
    void put_bodyLongerThanDeclared_isInvalidRequestAndKeepsOldObject() {
        backend.put("a", "old");

        assertThatThrownBy(() -> backend.put("a", new ByteArrayInputStream(new byte[6]), 5, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("more bytes than its declared length of 5");
        assertThat(backend.getString("a")).isEqualTo("old");
    }

    @Test
    void put_knownLengthInSmallReads_storesEveryByte() {
        byte[] bytes = new byte[100_000];
        new java.util.Random(5).nextBytes(bytes);
        // A body that hands out at most 7 bytes a read, so the presized buffer fills over many reads.
        InputStream trickle = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };

        backend.put("a", trickle, bytes.length, PutOptions.defaults());

        assertThat(backend.getBytes("a")).isEqualTo(bytes);
    }

    @Test
    void put_declaredLengthFarOverBody_isInvalidRequestNamingBothLengths() {
        // Over the presized first buffer: the buffer grows as bytes come, so the lie fails without a huge array.
        long declared = 1L << 30;

        assertThatThrownBy(() -> backend.put("a", new ByteArrayInputStream(new byte[10]), declared, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("after 10 bytes")
                .hasMessageContaining(Long.toString(declared));
        assertThat(backend.exists("a")).isFalse();
    }

    @Test
    void put_declaredLengthOverArrayLimit_failsNamingLimitWithoutReading() {
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[10]);
        long length = InMemoryStorageBackend.MAX_OBJECT_BYTES + 1L;

        assertThatThrownBy(() -> backend.put("big", body, length, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(Integer.toString(InMemoryStorageBackend.MAX_OBJECT_BYTES));
        assertThat(body.available()).as("body left unread").isEqualTo(10);
        assertThat(backend.exists("big")).isFalse();
    }

    @Test
    void put_unknownLengthGrowingPastLimit_failsAndStoresNothing() {
        try (StorageBackend small = InMemoryStorageBackend.builder().maxObjectBytes(10).build()) {
            small.put("a", "old");

            assertThatThrownBy(() -> small.put("a", new ByteArrayInputStream(new byte[11]), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults()))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("limit of 10 bytes");
            assertThat(small.getString("a")).isEqualTo("old");
        }
    }

    @Test
    void put_unknownLengthExactlyAtLimit_isStored() {
        try (StorageBackend small = InMemoryStorageBackend.builder().maxObjectBytes(10).build()) {
            small.put("a", new ByteArrayInputStream(new byte[10]), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

            assertThat(small.head("a").orElseThrow().size()).isEqualTo(10);
        }
    }

    @Test
    void put_unknownLengthLargerThanFirstBuffer_storesEveryByte() {
        byte[] bytes = new byte[100_000];
        new java.util.Random(7).nextBytes(bytes);

        backend.put("a", new ByteArrayInputStream(bytes), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(backend.getBytes("a")).isEqualTo(bytes);
    }

    @Test
    void builderMaxObjectBytes_negative_isRejected() {
        assertThatThrownBy(() -> InMemoryStorageBackend.builder().maxObjectBytes(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void putIfMatch_unquotedEtag_matchesQuotedEtag() {
        ObjectInfo old = backend.put("a", "old");
        String unquoted = old.etag().replace("\"", "");

        backend.put("a", "new".getBytes(UTF_8), PutOptions.builder().ifMatch(unquoted).build());

        assertThat(backend.getString("a")).isEqualTo("new");
    }

    @Test
    void putIfMatch_otherEtag_failsNamingBothEtags() {
        ObjectInfo old = backend.put("a", "old");

        assertThatThrownBy(() -> backend.put("a", "new".getBytes(UTF_8), PutOptions.builder().ifMatch("\"0\"").build()))
                .isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining(old.etag());
        assertThat(backend.getString("a")).isEqualTo("old");
    }

    @Test
    void putIfNoneMatchAny_racingWriters_exactlyOneWins() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] bytes = {(byte) i};
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        backend.put("lock", bytes, PutOptions.builder().ifNoneMatchAny().build());
                        return true;
                    } catch (PreconditionFailedException lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Boolean> outcome : outcomes) {
                wins += outcome.get() ? 1 : 0;
            }
            assertThat(wins).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void put_concurrentWritersToDistinctKeys_storesEveryObject() throws Exception {
        int writers = 4;
        int perWriter = 200;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perWriter; i++) {
                        backend.put("w" + writer + "/" + i, ("value " + writer + "/" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(backend.list("")).hasSize(writers * perWriter);
        assertThat(backend.getString("w3/199")).isEqualTo("value 3/199");
    }

    @Test
    void get_streamOpenedBeforeOverwrite_readsOldBytes() throws IOException {
        backend.put("a", "old");
        try (StorageObject object = backend.get("a")) {
            backend.put("a", "new and longer");

            assertThat(new String(object.stream().readAllBytes(), UTF_8)).isEqualTo("old");
        }
    }

    @Test
    void get_rangeOfObject_hasWholeInfoAndRangeLength() {
        ObjectInfo info = backend.put("a", "0123456789");
        try (StorageObject object = backend.get("a", GetOptions.range(ByteRange.of(2, 4)))) {
            assertThat(object.info()).isEqualTo(info);
            assertThat(object.contentLength()).isEqualTo(3);
            assertThat(new String(object.readAllBytes(), UTF_8)).isEqualTo("234");
        }
    }

    @Test
    void get_rangePastEnd_failsNamingRangeAndSize() {
        backend.put("a", "0123456789");

        assertThatThrownBy(() -> backend.get("a", GetOptions.range(ByteRange.from(10))))
                .isInstanceOf(RangeNotSatisfiableException.class)
                .hasMessageContaining("10-")
                .hasMessageContaining("10 bytes");
    }

    @Test
    void copy_toItself_leavesObjectUnchanged() {
        ObjectInfo info = backend.put("a", "hello");

        assertThat(backend.copy("a", "a")).isEqualTo(info);
        assertThat(backend.head("a")).contains(info);
    }

    @Test
    void copy_missingSource_failsAndLeavesTargetUntouched() {
        backend.put("b", "target");

        assertThatThrownBy(() -> backend.copy("missing", "b")).isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("missing");
        assertThat(backend.getString("b")).isEqualTo("target");
    }

    @Test
    void copy_toOtherKey_keepsEtagContentTypeAndMetadata() {
        ObjectInfo source = backend.put("a", "hello".getBytes(UTF_8),
                PutOptions.builder().contentType("text/plain").metadata("owner", "ann").build());

        ObjectInfo copy = backend.copy("a", "b");

        assertThat(copy.toBuilder().key("a").lastModified(source.lastModified()).build()).isEqualTo(source);
        assertThat(backend.head("b")).contains(copy);
    }

    @Test
    void deleteAll_batch_reportsEveryKeyDeleted() {
        backend.put("a", new byte[1]);

        assertThat(backend.deleteAll(List.of("a", "b")).deleted()).containsExactly("a", "b");
        assertThat(backend.exists("a")).isFalse();
    }

    @Test
    void close_dropsEveryObject() {
        backend.put("a", new byte[1]);
        backend.put("b", new byte[1]);

        backend.close();

        assertThat(backend.objectCount()).isZero();
        assertThatThrownBy(() -> backend.head("a")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_streamHandedOutBefore_staysReadable() {
        backend.put("a", "kept");
        StorageObject object = backend.get("a");

        backend.close();

        assertThat(new String(object.readAllBytes(), UTF_8)).isEqualTo("kept");
    }

    @Test
    void sharing_storeKeys_writesWhatPortableRefusesAndBothSeeIt() {
        InMemoryStorageBackend writer = backend.sharing(KeyPolicy.STORE);

        writer.put("photos/", new byte[0]);
        writer.put("a//b", "x");

        assertThatThrownBy(() -> backend.put("a//b", "y")).isInstanceOf(InvalidKeyException.class);
        assertThat(backend.list("").map(ObjectInfo::key)).containsExactly("a//b", "photos/");
        assertThat(backend.writeKeys()).isEqualTo(KeyPolicy.PORTABLE);
        assertThat(writer.writeKeys()).isEqualTo(KeyPolicy.STORE);
        assertThat(writer.name()).isEqualTo(backend.name());
    }

    @Test
    void close_ofOneSharer_keepsTheObjectsUntilTheLastCloses() {
        InMemoryStorageBackend writer = backend.sharing(KeyPolicy.STORE);
        writer.put("a", "x");

        writer.close();
        assertThat(backend.exists("a")).as("the other sharer still sees the object").isTrue();
        backend.close();

        assertThat(backend.objectCount()).isZero();
    }

    @Test
    void builder_writeKeysStore_holdsEveryKeyS3Holds() {
        InMemoryStorageBackend store = InMemoryStorageBackend.builder().writeKeys(KeyPolicy.STORE).build();

        store.put("/leading", "x");
        store.copy("/leading", "a//b");

        assertThat(store.list("").map(ObjectInfo::key)).containsExactly("/leading", "a//b");
    }
}
