package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.testkit.faults.FaultInjectingBackend;

/**
 * A bounded, seeded soak: 10,000 random operations on 200 keys through {@code resilient(faulty(inMemory))} with every
 * fault kind at a 10% rate, few attempts so that some calls do fail. A model of the store tracks, per key, what an
 * acknowledged write left there and what a failed one may have left. Afterwards, with faults off: every key holds its
 * acknowledged bytes (or, after a failed write, one of the values that write may have left, never a mix), and no read
 * during the run returned bytes other than the model's as good.
 */
class ResilienceSoakTest {
    private static final Logger LOG = LoggerFactory.getLogger(ResilienceSoakTest.class);
    private static final int OPERATIONS = 10_000;
    private static final int KEYS = 200;
    private static final byte[] ABSENT = new byte[0];

    @Test
    void soak_tenThousandOperationsUnderTenPercentFaults_losesNothingAndReturnsNoCorruptRead() {
        InMemoryStorageBackend store = InMemoryStorageBackend.create();
        FaultInjectingBackend faulty = FaultInjectingBackend.builder(store).seed(7).rate(0.10).build();
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(faulty, ResilienceConfig.builder()
                .maxAttempts(3).initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
                .replayBufferBytes(2048).build());
        AtomicInteger retries = new AtomicInteger();
        backend.retry().getEventPublisher().onRetry(event -> retries.incrementAndGet());
        // Per key: the values it may hold now (ABSENT for none); one value once a write was acknowledged.
        Map<String, List<byte[]>> possible = new HashMap<>();
        Random random = new Random(20261125);
        int failedCalls = 0;
        int corruptReadsReported = 0;
        int preconditionAnswers = 0;
        int corruptReadsReturnedAsGood = 0;
        for (int i = 0; i < OPERATIONS; i++) {
            String key = "soak/" + random.nextInt(KEYS);
            List<byte[]> now = possible.computeIfAbsent(key, k -> new ArrayList<>(List.of(ABSENT)));
            int choice = random.nextInt(10);
            try {
                if (choice < 4) {
                    byte[] value = value(random);
                    PutOptions options = random.nextInt(4) == 0 ? PutOptions.builder().ifNoneMatchAny().build()
                            : PutOptions.defaults();
                    try {
                        put(backend, key, value, options, random.nextBoolean());
                        possible.put(key, new ArrayList<>(List.of(value)));
                    } catch (PreconditionFailedException e) {
                        // ifNoneMatch on a key that holds an object: an answer; the key keeps what it had.
                        preconditionAnswers++;
                    } catch (StorageException e) {
                        now.add(value);
                        throw e;
                    }
                } else if (choice < 8) {
                    Optional<byte[]> read = read(backend, key);
                    if (read.isEmpty()) {
                        corruptReadsReported++;
                    } else if (now.stream().noneMatch(candidate -> Arrays.equals(candidate, read.get()))) {
                        corruptReadsReturnedAsGood++;
                    } else {
                        // A good read settles what the key holds.
                        possible.put(key, new ArrayList<>(List.of(read.get())));
                    }
                } else {
                    try {
                        backend.delete(key);
                        possible.put(key, new ArrayList<>(List.of(ABSENT)));
                    } catch (StorageException e) {
                        now.add(ABSENT);
                        throw e;
                    }
                }
            } catch (StorageException e) {
                failedCalls++;
            }
        }

        faulty.enabled(false);
        int lost = 0;
        for (Map.Entry<String, List<byte[]>> entry : possible.entrySet()) {
            byte[] actual = store.exists(entry.getKey()) ? store.getBytes(entry.getKey()) : ABSENT;
            if (entry.getValue().stream().noneMatch(candidate -> Arrays.equals(candidate, actual))) {
                lost++;
            }
        }
        LOG.warn("soak: {} operations, {} calls reached the faulty backend, {} faults injected {}, {} retries, {} calls "
                        + "failed after retries, {} precondition answers, {} corrupt or broken reads reported, {} returned as good, {} objects lost",
                OPERATIONS, faulty.stats().calls(), faulty.stats().injected(), faulty.stats().injectedByFault(),
                retries.get(), failedCalls, preconditionAnswers, corruptReadsReported, corruptReadsReturnedAsGood, lost);

        assertThat(lost).as("objects lost or half-written").isZero();
        assertThat(corruptReadsReturnedAsGood).as("corrupt reads returned as good").isZero();
        assertThat(faulty.stats().injected()).as("faults injected").isGreaterThan(OPERATIONS / 20);
        assertThat(retries.get()).as("retries").isPositive();
        assertThat(corruptReadsReported).as("corrupt reads reported").isPositive();
    }

    private static byte[] value(Random random) {
        byte[] value = new byte[1 + random.nextInt(4096)];
        random.nextBytes(value);
        return value;
    }

    private static void put(StorageBackend backend, String key, byte[] value, PutOptions options, boolean asStream) {
        if (asStream) {
            backend.put(key, new ByteArrayInputStream(value), value.length, options);
        } else {
            backend.put(key, value, options);
        }
    }

    /** The bytes read, ABSENT when there is no object, or empty when the read reported itself corrupt or broken. */
    private static Optional<byte[]> read(StorageBackend backend, String key) {
        Optional<ObjectInfo> info = backend.head(key);
        if (info.isEmpty()) {
            return Optional.of(ABSENT);
        }
        try (StorageObject object = backend.get(key); InputStream in = object.stream()) {
            return Optional.of(in.readAllBytes());
        } catch (ObjectNotFoundException gone) {
            return Optional.of(ABSENT);
        } catch (CorruptReadException e) {
            return Optional.empty();
        } catch (IOException e) {
            // A read broken off more often than the decorator resumes: reported, not returned as good.
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
