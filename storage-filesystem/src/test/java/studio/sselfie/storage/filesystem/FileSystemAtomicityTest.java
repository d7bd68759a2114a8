package studio.sselfie.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageObject;

/** Bytes and info are one file, renamed as one: a reader never sees new bytes with old info, nor the reverse. */
class FileSystemAtomicityTest {
    private static final int BYTES = 200_000;
    private static final int READS = 300;

    @TempDir
    Path root;

    @Test
    void get_duringOverwritesWithOtherMetadata_alwaysGivesBytesAndInfoOfOneVersion() throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (FileSystemStorageBackend backend = FileSystemStorageBackend.open(root)) {
            backend.put("k", version('a'), options('a'));
            AtomicBoolean reading = new AtomicBoolean(true);
            Future<Integer> writes = writer.submit(() -> {
                int count = 0;
                while (reading.get()) {
                    char v = count++ % 2 == 0 ? 'b' : 'a';
                    backend.put("k", version(v), options(v));
                }
                return count;
            });

            for (int i = 0; i < READS; i++) {
                try (StorageObject object = backend.get("k")) {
                    byte[] bytes = object.readAllBytes();
                    String v = object.info().metadata().get("version");
                    assertThat(bytes).as("read %d: bytes of the version its info names", i).isEqualTo(version(v.charAt(0)));
                    assertThat(object.info().contentType()).hasValue("text/" + v);
                }
            }
            reading.set(false);

            assertThat(writes.get(60, TimeUnit.SECONDS)).as("overwrites during the reads").isPositive();
        } finally {
            writer.shutdownNow();
        }
    }

    private static byte[] version(char v) {
        byte[] bytes = new byte[BYTES];
        Arrays.fill(bytes, (byte) v);
        return bytes;
    }

    private static PutOptions options(char v) {
        return PutOptions.builder().contentType("text/" + v).metadata("version", String.valueOf(v)).build();
    }
}
