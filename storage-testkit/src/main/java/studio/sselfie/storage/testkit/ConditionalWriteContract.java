package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageOperation;

/**
 * Conformance of conditional puts ({@link PutOptions.Builder#ifNoneMatchAny()} and
 * {@link PutOptions.Builder#ifMatch(String)}): a precondition that holds stores, one that fails throws
 * {@link PreconditionFailedException} and stores nothing, and racing writers cannot both win. Skipped for backends
 * without {@link Capability#CONDITIONAL_WRITE}. The checks of {@link PutOptions} itself are storage-api's unit tests.
 */
public abstract class ConditionalWriteContract extends ConformanceContract {
    private static final PutOptions IF_NONE_MATCH = PutOptions.builder().ifNoneMatchAny().build();
    private static final int RACED_KEYS = 20;

    protected ConditionalWriteContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_ifNoneMatchAnyOnNewKey_stores() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        byte[] bytes = randomBytes(100, 1);

        ObjectInfo info = backend.put("lock", bytes, IF_NONE_MATCH);

        assertThat(read("lock")).isEqualTo(bytes);
        assertThat(info.etag()).isEqualTo(backend.head("lock").orElseThrow().etag());
    }

    @Test
    void put_ifNoneMatchAnyOnExistingKey_throwsPreconditionFailedAndKeepsOldObject() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        byte[] old = randomBytes(100, 1);
        ObjectInfo before = write("lock", old);

        assertThatThrownBy(() -> backend.put("lock", randomBytes(50, 2), IF_NONE_MATCH))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(read("lock")).isEqualTo(old);
        assertThat(backend.head("lock").orElseThrow().etag()).isEqualTo(before.etag());
    }

    @Test
    void put_ifNoneMatchAnyWithUnknownLengthOnExistingKey_throwsPreconditionFailed() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        // Backends may send bodies of unknown length as multipart uploads: the precondition must hold there too.
        byte[] old = randomBytes(100, 1);
        write("lock", old);

        assertThatThrownBy(() -> backend.put("lock", streamOf(randomBytes(50, 2)), StorageBackend.UNKNOWN_LENGTH, IF_NONE_MATCH))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(read("lock")).isEqualTo(old);
    }

    @Test
    void put_ifMatchCurrentEtag_replacesBytes() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        ObjectInfo current = write("doc", randomBytes(100, 1));
        byte[] next = randomBytes(120, 2);

        backend.put("doc", next, ifMatch(current.etag()));

        assertThat(read("doc")).isEqualTo(next);
    }

    @Test
    void put_ifMatchStaleEtag_throwsPreconditionFailedAndKeepsBytes() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        ObjectInfo stale = write("doc", randomBytes(100, 1));
        byte[] current = randomBytes(100, 2);
        write("doc", current);

        assertThatThrownBy(() -> backend.put("doc", randomBytes(100, 3), ifMatch(stale.etag())))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(read("doc")).isEqualTo(current);
    }

    @Test
    void put_ifMatchOnMissingKey_throwsPreconditionFailedAndStoresNothing() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        // S3 answers 404 NoSuchKey or 412 here, depending on the server; the API promises
        // PreconditionFailedException either way, so a caller's compare-and-set loop has one case to handle.
        String etag = backend.put("other", randomBytes(10, 1)).etag();

        assertThatThrownBy(() -> backend.put("doc", randomBytes(10, 2), ifMatch(etag)))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(backend.head("doc")).isEmpty();
    }

    @Test
    void put_preconditionFails_exceptionNamesKeyOperationAndBackend() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        write("photos/lock", randomBytes(10, 1));

        assertThatThrownBy(() -> backend.put("photos/lock", randomBytes(10, 2), IF_NONE_MATCH))
                .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
                    assertThat(e.key()).contains("photos/lock");
                    assertThat(e.operation()).isEqualTo(StorageOperation.PUT);
                    assertThat(e.backend()).isEqualTo(backend.name());
                    assertThat(e.isRetryable()).isFalse();
                });
    }

    @Test
    void put_ifNoneMatchAnyAfterDelete_stores() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        write("lock", randomBytes(10, 1));
        backend.delete("lock");
        byte[] bytes = randomBytes(10, 2);

        backend.put("lock", bytes, IF_NONE_MATCH);

        assertThat(read("lock")).isEqualTo(bytes);
    }

    @Test
    void put_ifMatchWithEtagOfPreviousConditionalPut_chainsOptimisticUpdates() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        String etag = backend.put("counter", "0".getBytes(StandardCharsets.UTF_8), IF_NONE_MATCH).etag();

        for (int version = 1; version <= 3; version++) {
            etag = backend.put("counter", String.valueOf(version).getBytes(StandardCharsets.UTF_8), ifMatch(etag)).etag();
        }

        assertThat(new String(read("counter"), StandardCharsets.UTF_8)).isEqualTo("3");
        assertThat(backend.head("counter").orElseThrow().etag()).isEqualTo(etag);
    }

    @Test
    void put_ifMatchWithEtagOfOverwrittenVersion_failsAfterOptimisticUpdate() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        String first = backend.put("counter", "0".getBytes(StandardCharsets.UTF_8), IF_NONE_MATCH).etag();
        backend.put("counter", "1".getBytes(StandardCharsets.UTF_8), ifMatch(first));

        assertThatThrownBy(() -> backend.put("counter", "2".getBytes(StandardCharsets.UTF_8), ifMatch(first)))
                .isInstanceOf(PreconditionFailedException.class);

        assertThat(new String(read("counter"), StandardCharsets.UTF_8)).isEqualTo("1");
    }

    @Test
    void put_racingIfNoneMatchAny_exactlyOneWriterWinsPerKey() throws Exception {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        for (int i = 0; i < RACED_KEYS; i++) {
            String key = "race/" + i;
            byte[] a = randomBytes(64, 2L * i);
            byte[] b = randomBytes(64, 2L * i + 1);

            List<Boolean> won = race(() -> backend.put(key, a, IF_NONE_MATCH), () -> backend.put(key, b, IF_NONE_MATCH));

            assertThat(won).as("winners for %s", key).containsExactlyInAnyOrder(true, false);
            assertThat(read(key)).as("bytes of %s", key).isEqualTo(won.get(0) ? a : b);
        }
    }

    @Test
    void put_racingIfMatchOnSameEtag_exactlyOneWriterWinsPerKey() throws Exception {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        for (int i = 0; i < RACED_KEYS; i++) {
            String key = "race/" + i;
            String etag = write(key, randomBytes(64, 3L * i)).etag();
            byte[] a = randomBytes(64, 3L * i + 1);
            byte[] b = randomBytes(64, 3L * i + 2);

            List<Boolean> won = race(() -> backend.put(key, a, ifMatch(etag)), () -> backend.put(key, b, ifMatch(etag)));

            assertThat(won).as("winners for %s", key).containsExactlyInAnyOrder(true, false);
            assertThat(read(key)).as("bytes of %s", key).isEqualTo(won.get(0) ? a : b);
        }
    }

    @Test
    void put_preconditionWithoutCapability_throwsInvalidRequestAndStoresNothing() {
        Assumptions.assumeFalse(backend.supports(Capability.CONDITIONAL_WRITE),
                () -> backend.name() + " declares CONDITIONAL_WRITE: nothing to refuse, test skipped");

        assertThatThrownBy(() -> backend.put("lock", randomBytes(10, 1), IF_NONE_MATCH))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(backend.head("lock")).isEmpty();
    }

    private static PutOptions ifMatch(String etag) {
        return PutOptions.builder().ifMatch(etag).build();
    }

    /**
     * Starts both writes at once behind a latch and tells, for each, whether it stored; a loss must be a
     * {@link PreconditionFailedException}, anything else fails the test.
     */
    private static List<Boolean> race(Callable<ObjectInfo> first, Callable<ObjectInfo> second) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (Callable<ObjectInfo> write : List.of(first, second)) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        write.call();
                        return true;
                    } catch (PreconditionFailedException lost) {
                        return false;
                    }
                }));
            }
            start.countDown();
            List<Boolean> won = new ArrayList<>();
            for (Future<Boolean> outcome : outcomes) {
                won.add(awaitOutcome(outcome));
            }
            return won;
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean awaitOutcome(Future<Boolean> outcome) throws Exception {
        try {
            // A guard against a hung store, not a timing assertion.
            return outcome.get(2, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError("a racing write failed with something other than PreconditionFailedException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("a racing write did not finish", e);
        }
    }
}
