package studio.sselfie.storage.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

class JournalTest {
    private static final StateKeys KEYS = new StateKeys("_migrations/");
    private static final String DONE = "_migrations/journal/1/up/done/";

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final AtomicBoolean lockLost = new AtomicBoolean();

    private Journal journal(int batchSize) {
        return new Journal(store, KEYS, "1", HistoryRecord.UP, () -> {
            if (lockLost.get()) {
                throw new IllegalStateException("lock lost");
            }
        }, batchSize);
    }

    private List<String> doneObjects() {
        return store.list(DONE).map(ObjectInfo::key).collect(Collectors.toList());
    }

    private static List<String> units(int count) {
        return IntStream.range(0, count).mapToObj(i -> "move:0:photos/" + i).collect(Collectors.toList());
    }

    @Test
    void checkpoint_belowBatchSize_isDoneAtOnceButWritesNothing() {
        Journal journal = journal(4);

        units(3).forEach(journal::checkpoint);

        assertThat(units(3)).allMatch(journal::isDone);
        assertThat(doneObjects()).isEmpty();
    }

    @Test
    void checkpoint_fullBatch_writesOneObjectHoldingEveryHash() {
        Journal journal = journal(4);

        units(4).forEach(journal::checkpoint);

        assertThat(doneObjects()).singleElement().satisfies(key -> {
            assertThat(key).startsWith(DONE + "batch-");
            assertThat(store.getString(key).split("\n"))
                    .containsExactlyElementsOf(units(4).stream().map(Hashing::sha256Hex).collect(Collectors.toList()));
        });
    }

    @Test
    void checkpoint_unitAlreadyDone_isNotWrittenAgain() {
        Journal journal = journal(2);

        journal.checkpoint("a");
        journal.checkpoint("a");

        assertThat(doneObjects()).isEmpty();
        journal.checkpoint("b");
        assertThat(doneObjects()).hasSize(1);
    }

    @Test
    void flush_pendingUnits_writesThemAsOneObject() {
        Journal journal = journal(256);
        units(5).forEach(journal::checkpoint);

        journal.flush();

        assertThat(doneObjects()).hasSize(1);
        assertThat(journal(256).load()).isEqualTo(5);
    }

    @Test
    void flush_nothingPending_writesNothing() {
        Journal journal = journal(4);
        units(4).forEach(journal::checkpoint);

        journal.flush();

        assertThat(doneObjects()).hasSize(1);
    }

    @Test
    void load_afterACrashBeforeTheFlush_redoesTheUnflushedUnitsOnly() {
        Journal crashed = journal(4);
        units(6).forEach(crashed::checkpoint);

        Journal resumed = journal(4);

        assertThat(resumed.load()).isEqualTo(4);
        assertThat(units(6).subList(0, 4)).allMatch(resumed::isDone);
        assertThat(units(6).subList(4, 6)).noneMatch(resumed::isDone);
    }

    @Test
    void load_perUnitObjectsOfEarlierVersions_countAsDone() {
        store.put(DONE + Hashing.sha256Hex("old-unit"), new byte[0]);
        Journal batched = journal(1);
        batched.checkpoint("new-unit");

        Journal resumed = journal(4);

        assertThat(resumed.load()).isEqualTo(2);
        assertThat(resumed.isDone("old-unit")).isTrue();
        assertThat(resumed.isDone("new-unit")).isTrue();
    }

    @Test
    void load_batchHoldingSomethingElse_failsNamingTheObject() {
        store.put(DONE + "batch-0-1", "not a hash\n");

        assertThatThrownBy(() -> journal(4).load())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(DONE + "batch-0-1")
                .hasMessageContaining("not a hash");
    }

    @Test
    void checkpoint_resumedRun_writesBatchesBesideThoseOfTheCrashedRun() {
        Journal crashed = journal(2);
        units(2).forEach(crashed::checkpoint);
        Journal resumed = journal(2);
        resumed.load();

        units(4).forEach(resumed::checkpoint);

        assertThat(doneObjects()).hasSize(2);
        assertThat(journal(2).load()).isEqualTo(4);
    }

    @Test
    void flush_lockLost_writesNothingAndKeepsTheUnitsPending() {
        Journal journal = journal(256);
        units(3).forEach(journal::checkpoint);
        lockLost.set(true);

        assertThatThrownBy(journal::flush).hasMessage("lock lost");
        lockLost.set(false);
        assertThat(doneObjects()).isEmpty();

        journal.flush();
        assertThat(journal(256).load()).isEqualTo(3);
    }

    @Test
    void checkpoint_fullBatchWhenLockLost_throwsAndWritesNothing() {
        Journal journal = journal(2);
        journal.checkpoint("a");
        lockLost.set(true);

        assertThatThrownBy(() -> journal.checkpoint("b")).hasMessage("lock lost");
        assertThat(doneObjects()).isEmpty();
    }

    @Test
    void clear_deletesTheBatchesAndDropsThePendingUnits() {
        Journal journal = journal(2);
        units(3).forEach(journal::checkpoint);

        journal.clear();
        journal.flush();

        assertThat(store.list("_migrations/journal/").count()).isZero();
        assertThat(units(3)).noneMatch(journal::isDone);
    }

    @Test
    void checkpoint_fromManyThreads_storesEveryUnitOnce() throws Exception {
        Journal journal = journal(7);
        List<String> units = units(4000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<String> part = units.subList(t * 1000, (t + 1) * 1000);
                futures.add(pool.submit(() -> {
                    start.await();
                    part.forEach(journal::checkpoint);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        journal.flush();

        long hashes = doneObjects().stream().mapToLong(key -> store.getString(key).split("\n").length).sum();
        assertThat(hashes).isEqualTo(4000);
        assertThat(doneObjects()).hasSize(572);
        assertThat(journal(7).load()).isEqualTo(4000);
    }

    @Test
    void checkpointNow_unit_isInTheStoreBeforeItReturns() {
        journal(256).checkpointNow("custom");

        assertThat(doneObjects()).containsExactly(DONE + Hashing.sha256Hex("custom"));
        Journal resumed = journal(256);
        assertThat(resumed.load()).isEqualTo(1);
        assertThat(resumed.isDone("custom")).isTrue();
    }

    @Test
    void checkpointNow_lockLost_writesNothingAndLeavesTheUnitNotDone() {
        Journal journal = journal(256);
        lockLost.set(true);

        assertThatThrownBy(() -> journal.checkpointNow("custom")).hasMessage("lock lost");
        assertThat(journal.isDone("custom")).isFalse();
        assertThat(doneObjects()).isEmpty();
    }

    @Test
    void constructor_batchSizeBelowOne_isRejected() {
        assertThatThrownBy(() -> journal(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batchSize");
    }
}
