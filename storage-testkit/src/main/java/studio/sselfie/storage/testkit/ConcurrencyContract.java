package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests of thread safety: a backend is shared by threads, read-after-write holds for every writer, an
 * overwrite is atomic for readers, and listings stay ordered while keys are added. Every test is bounded in work and
 * in time (tasks that do not finish within 60 seconds fail the test); none sleeps.
 */
public abstract class ConcurrencyContract extends ConformanceContract {
    private static final long TIMEOUT_SECONDS = 60;

    protected ConcurrencyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_parallelWritersToDistinctKeys_everyObjectReadableByteExact() {
        int threads = 8;
        int keysPerThread = 25;
        Map<String, String> expected = new ConcurrentHashMap<>();
        List<Callable<Void>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            writers.add(() -> {
                for (int i = 0; i < keysPerThread; i++) {
                    String key = "writers/t" + thread + "/k" + i;
                    byte[] body = randomBytes(512 + (thread * keysPerThread + i) * 37 % 4096, thread * 1000L + i);
                    write(key, body);
                    expected.put(key, sha256(body));
                }
                return null;
            });
        }

        runConcurrently(writers);

        assertThat(backend.list("writers/").map(ObjectInfo::key)).hasSize(threads * keysPerThread);
        Map<String, String> stored = expected.keySet().stream()
                .collect(Collectors.toMap(key -> key, key -> sha256(read(key))));
        assertThat(stored).isEqualTo(expected);
    }

    @Test
    void get_duringOverwrites_returnsExactlyOneOfTheWrittenBodies() {
        String key = "overwrite/photo.bin";
        byte[] first = new byte[256 * 1024];
        byte[] second = new byte[256 * 1024];
        Arrays.fill(first, (byte) 'A');
        Arrays.fill(second, (byte) 'B');
        Set<String> bodies = Set.of(sha256(first), sha256(second));
        write(key, first);
        int readers = 3;
        int readsPerReader = 50;
        CountDownLatch readersDone = new CountDownLatch(readers);
        CountDownLatch firstOverwrite = new CountDownLatch(1);
        AtomicInteger writes = new AtomicInteger();
        List<Callable<Void>> tasks = new ArrayList<>();
        tasks.add(() -> {
            // Keeps overwriting while anyone reads; bounded in case the readers are much slower than the writer.
            do {
                write(key, writes.incrementAndGet() % 2 == 0 ? first : second);
                firstOverwrite.countDown();
            } while (readersDone.getCount() > 0 && writes.get() < 1000);
            return null;
        });
        for (int r = 0; r < readers; r++) {
            tasks.add(() -> {
                try {
                    // On a busy machine the readers could otherwise finish before the writer thread first runs.
                    assertThat(firstOverwrite.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
                            .as("the writer's first overwrite came within %d s", TIMEOUT_SECONDS).isTrue();
                    for (int i = 0; i < readsPerReader; i++) {
                        try (StorageObject object = backend.get(key)) {
                            String read = sha256(object.stream());
                            assertThat(bodies).as("read %d saw a body that was never written (a mix)", i).contains(read);
                            Optional<String> reported = object.info().sha256();
                            if (reported.isPresent()) {
                                assertThat(reported.get()).as("info of read %d describes other bytes than it returned", i)
                                        .isEqualTo(read);
                            }
                        }
                    }
                } finally {
                    readersDone.countDown();
                }
                return null;
            });
        }

        runConcurrently(tasks);

        assertThat(writes.get()).as("overwrites made while the readers read").isPositive();
        assertThat(bodies).contains(sha256(read(key)));
    }

    @Test
    void putAndDelete_racingOnOneKey_leaveObjectWholeOrAbsent() {
        String key = "race/object.bin";
        for (int round = 0; round < 25; round++) {
            byte[] body = randomBytes(64 * 1024 + round, round);
            write(key, randomBytes(1000, -round - 1L));

            runConcurrently(List.of(
                    () -> write(key, body),
                    () -> {
                        backend.delete(key);
                        return null;
                    }));

            Optional<ObjectInfo> head = backend.head(key);
            if (head.isPresent()) {
                assertThat(head.get().size()).as("size after round %d", round).isEqualTo(body.length);
                assertThat(sha256(read(key))).as("bytes after round %d", round).isEqualTo(sha256(body));
            } else {
                assertThatThrownBy(() -> read(key)).as("get after round %d, head said absent", round)
                        .isInstanceOf(ObjectNotFoundException.class);
            }
        }
    }

    @Test
    void get_parallelReadersOfOneObject_allReadIdenticalBytes() {
        String key = "shared/large.bin";
        byte[] body = randomBytes(1024 * 1024, 42);
        write(key, body);
        String expected = sha256(body);
        List<String> reads = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> readers = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            readers.add(() -> {
                for (int i = 0; i < 3; i++) {
                    try (StorageObject object = backend.get(key)) {
                        reads.add(sha256(object.stream()));
                    }
                }
                return null;
            });
        }

        runConcurrently(readers);

        assertThat(reads).hasSize(24).containsOnly(expected);
    }

    @Test
    void delete_parallelDeletesOfOneKey_allSucceedAndObjectIsGone() {
        String key = "deletes/object.bin";
        write(key, randomBytes(4096, 7));
        List<Callable<Void>> deleters = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            deleters.add(() -> {
                backend.delete(key);
                return null;
            });
        }

        runConcurrently(deleters);

        assertThat(backend.head(key)).isEmpty();
    }

    @Test
    void list_whileKeysAreAdded_returnsNoDuplicatesInAscendingOrder() {
        List<List<String>> listings = listWhileWriting();

        for (List<String> keys : listings) {
            Set<String> seen = new HashSet<>();
            assertThat(keys.stream().filter(key -> !seen.add(key))).as("keys listed twice in one listing").isEmpty();
            assertThat(keys).as("a listing's keys in UTF-8 byte order").isSortedAccordingTo(ConcurrencyContract::compareUtf8);
        }
    }

    @Test
    void list_whileKeysAreAdded_alwaysIncludesEveryKeyWrittenBefore() {
        List<List<String>> listings = listWhileWriting();

        for (List<String> keys : listings) {
            assertThat(keys).as("a listing taken while other keys were added").containsAll(preexistingKeys());
        }
    }

    @Test
    void sharedBackend_mixedHeadGetPutDeleteWorkload_finishesWithOnlyWrittenBodies() {
        int keys = 10;
        int versions = 4;
        Map<String, Set<String>> allowed = new ConcurrentHashMap<>();
        for (int k = 0; k < keys; k++) {
            Set<String> shas = new HashSet<>();
            for (int v = 0; v < versions; v++) {
                shas.add(sha256(body(k, v)));
            }
            allowed.put(mixedKey(k), shas);
        }
        List<Callable<Void>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            long seed = w;
            workers.add(() -> {
                Random random = new Random(seed);
                for (int op = 0; op < 50; op++) {
                    int k = random.nextInt(keys);
                    String key = mixedKey(k);
                    switch (random.nextInt(4)) {
                        case 0 -> write(key, body(k, random.nextInt(versions)));
                        case 1 -> backend.delete(key);
                        case 2 -> backend.head(key).ifPresent(info -> assertThat(info.key()).isEqualTo(key));
                        default -> {
                            try (StorageObject object = backend.get(key)) {
                                assertThat(allowed.get(key)).as("bytes read at %s", key).contains(sha256(object.stream()));
                            } catch (ObjectNotFoundException deletedOrNeverWritten) {
                                // Expected: another worker may have deleted the key, or none wrote it yet.
                            }
                        }
                    }
                }
                return null;
            });
        }

        runConcurrently(workers);

        for (ObjectInfo info : backend.list("mixed/").collect(Collectors.toList())) {
            assertThat(allowed.get(info.key())).as("bytes left at %s", info.key()).contains(sha256(read(info.key())));
        }
    }

    /**
     * Writes the keys of {@link #preexistingKeys()}, then lists them in small pages from two threads; each thread adds
     * a key after every page it receives, so keys arrive between the pages of its own listing and during the other
     * thread's, however fast the backend is. The added keys come in shuffled order, so many sort before the page a
     * listing is on. Returns each listing's keys.
     */
    private List<List<String>> listWhileWriting() {
        for (String key : preexistingKeys()) {
            write(key, key.getBytes(StandardCharsets.UTF_8));
        }
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            added.add(String.format("listing/%03d-added", i));
        }
        Collections.shuffle(added, new Random(3));
        Queue<String> toAdd = new ConcurrentLinkedQueue<>(added);
        AtomicInteger written = new AtomicInteger();
        int listers = 2;
        int listingsEach = 6;
        List<List<String>> listings = Collections.synchronizedList(new ArrayList<>());
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int l = 0; l < listers; l++) {
            tasks.add(() -> {
                ListOptions options = ListOptions.builder().prefix("listing/").pageSize(7).build();
                for (int i = 0; i < listingsEach; i++) {
                    listings.add(backend.listPages(options)
                            .peek(page -> {
                                String key = toAdd.poll();
                                if (key != null) {
                                    write(key, key.getBytes(StandardCharsets.UTF_8));
                                    written.incrementAndGet();
                                }
                            })
                            .flatMap(page -> page.objects().stream())
                            .map(ObjectInfo::key)
                            .collect(Collectors.toList()));
                }
                return null;
            });
        }

        runConcurrently(tasks);

        assertThat(written.get()).as("keys added while listing").isPositive();
        assertThat(listings).hasSize(listers * listingsEach);
        return listings;
    }

    private static List<String> preexistingKeys() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 120; i += 4) {
            keys.add(String.format("listing/%03d-before", i));
        }
        return keys;
    }

    private static String mixedKey(int k) {
        return "mixed/key-" + k;
    }

    private static byte[] body(int key, int version) {
        return randomBytes(8 * 1024 + key * 31 + version, key * 100L + version);
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs every task on its own thread, all released at once by one latch; fails if they do not all finish within
     * the timeout, and rethrows the first failure of a task (an assertion inside a task fails the test).
     */
    private static void runConcurrently(List<? extends Callable<?>> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), runnable -> {
            Thread thread = new Thread(runnable, "conformance-concurrency");
            // A backend that hangs must not keep the test JVM alive after the timeout.
            thread.setDaemon(true);
            return thread;
        });
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Callable<?> task : tasks) {
                futures.add(pool.submit(() -> {
                    if (!start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start signal never came");
                    }
                    return task.call();
                }));
            }
            start.countDown();
            pool.shutdown();
            if (!pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("concurrent tasks did not finish within " + Duration.ofSeconds(TIMEOUT_SECONDS));
            }
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for concurrent tasks", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
