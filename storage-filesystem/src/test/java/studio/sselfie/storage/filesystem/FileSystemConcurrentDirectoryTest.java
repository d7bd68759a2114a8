package studio.sselfie.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.ObjectInfo;

/**
 * Writes and deletes of different keys in one directory at once: a delete that empties the directory removes it
 * while the others are still in their calls, and none of them may fail for it.
 */
class FileSystemConcurrentDirectoryTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 30;

    @TempDir
    Path root;
    private FileSystemStorageBackend backend;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        backend = FileSystemStorageBackend.open(root);
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterEach
    void close() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        backend.close();
    }

    @Test
    void delete_everyKeyOfADirectoryAtOnce_noneFailsAndTheDirectoryGoes() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < THREADS; i++) {
                backend.put("dir/sub/" + i, "x");
            }

            runAtOnce(i -> backend.delete("dir/sub/" + i));

            assertThat(backend.list("").findFirst()).as("round %d", round).isEmpty();
        }
        assertThat(root.resolve("dir~")).doesNotExist();
    }

    @Test
    void putAndDelete_differentKeysOfOneDirectoryAtOnce_noneFailsAndThePutsStay() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < THREADS; i += 2) {
                backend.put("dir/sub/" + i, "x");
            }

            // Even threads delete their key, odd ones put theirs, into the directory the deletes may empty.
            runAtOnce(i -> {
                if (i % 2 == 0) {
                    backend.delete("dir/sub/" + i);
                } else {
                    backend.put("dir/sub/" + i, "y");
                }
            });

            assertThat(backend.list("").map(ObjectInfo::key)).as("round %d", round)
                    .containsExactly("dir/sub/1", "dir/sub/3", "dir/sub/5", "dir/sub/7");
            for (int i = 1; i < THREADS; i += 2) {
                backend.delete("dir/sub/" + i);
            }
        }
    }

    private void runAtOnce(IndexedCall call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int index = i;
            calls.add(pool.submit(() -> {
                start.await();
                call.run(index);
                return null;
            }));
        }
        start.countDown();
        for (Future<?> done : calls) {
            done.get(60, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    private interface IndexedCall {
        void run(int index) throws Exception;
    }
}
