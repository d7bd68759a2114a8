package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.AccessDeniedException;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageLimits;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** deleteAll through the decorator: keys that failed with a retryable error are sent again, alone. */
class ResilientDeleteAllTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final PerKeyFaults faulty = new PerKeyFaults(store);
    private final ResilientStorageBackend backend = ResilientStorageBackend.wrap(faulty, FAST);

    /** A batch delete that fails the scripted keys, each as often as scripted, and deletes the rest. */
    private static final class PerKeyFaults extends FlakyBackend {
        private final Map<String, Integer> failuresLeft = new HashMap<>();
        private final Map<String, Boolean> retryable = new HashMap<>();
        final List<List<String>> batches = new ArrayList<>();

        PerKeyFaults(InMemoryStorageBackend store) {
            super(store);
        }

        PerKeyFaults fail(String key, int times, boolean isRetryable) {
            failuresLeft.put(key, times);
            retryable.put(key, isRetryable);
            return this;
        }

        @Override
        public DeleteResult deleteAll(Collection<String> keys) {
            batches.add(List.copyOf(keys));
            List<String> deleted = new ArrayList<>();
            Map<String, StorageException> failures = new LinkedHashMap<>();
            for (String key : new java.util.LinkedHashSet<>(keys)) {
                int left = failuresLeft.getOrDefault(key, 0);
                if (left > 0) {
                    failuresLeft.put(key, left - 1);
                    failures.put(key, retryable.get(key)
                            ? new StorageUnavailableException(name(), StorageOperation.DELETE_ALL, key, "slow down (test)", null)
                            : new AccessDeniedException(name(), StorageOperation.DELETE_ALL, key, "denied (test)", null));
                } else {
                    delete(key);
                    deleted.add(key);
                }
            }
            return new DeleteResult(deleted, failures);
        }
    }

    @Test
    void deleteAll_firstKeyRetriedAfterTheOthersWereDeleted_reportsDeletedInTheOrderGiven() {
        store.put("a", "1");
        store.put("b", "2");
        store.put("c", "3");
        faulty.fail("a", 1, true);

        DeleteResult result = backend.deleteAll(List.of("a", "b", "c"));

        assertThat(result.deleted()).containsExactly("a", "b", "c");
        assertThat(faulty.batches).containsExactly(List.of("a", "b", "c"), List.of("a"));
    }

    @Test
    void deleteAll_duplicateKeyRetried_isReportedOnce() {
        store.put("a", "1");
        faulty.fail("a", 1, true);

        DeleteResult result = backend.deleteAll(List.of("a", "b", "a"));

        assertThat(result.deleted()).containsExactly("a", "b");
        assertThat(result.isSuccess()).isTrue();
    }

    @Test
    void deleteAll_nonRetryablePerKeyFailure_isReportedWithoutSendingTheKeyAgain() {
        store.put("a", "1");
        store.put("b", "2");
        faulty.fail("b", 5, false);

        DeleteResult result = backend.deleteAll(List.of("a", "b"));

        assertThat(result.deleted()).containsExactly("a");
        assertThat(result.failures()).containsOnlyKeys("b");
        assertThat(result.failures().get("b")).isInstanceOf(AccessDeniedException.class);
        assertThat(faulty.batches).hasSize(1);
        assertThat(store.exists("b")).isTrue();
    }

    @Test
    void deleteAll_mixedFailures_reportsEachKeyOnceAsDeletedOrFailed() {
        faulty.fail("a", 1, true).fail("b", 1, false).fail("c", 10, true);

        DeleteResult result = backend.deleteAll(List.of("a", "b", "c", "d"));

        assertThat(result.deleted()).containsExactly("a", "d");
        assertThat(result.failures()).containsOnlyKeys("b", "c");
        assertThat(result.failures().get("c")).isInstanceOf(StorageUnavailableException.class);
        assertThat(faulty.batches).hasSize(ResilienceConfig.DEFAULT_MAX_ATTEMPTS);
    }

    @Test
    void deleteAll_overTheLimitCountingDuplicates_isRejectedAsWithoutTheDecorator() {
        List<String> keys = java.util.Collections.nCopies(StorageLimits.MAX_BATCH_DELETE_KEYS + 1, "a");

        assertThatThrownBy(() -> ResilientStorageBackend.wrap(store, FAST).deleteAll(keys))
                .isInstanceOf(InvalidRequestException.class);
    }
}
