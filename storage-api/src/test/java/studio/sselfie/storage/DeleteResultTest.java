package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeleteResultTest {
    private static final StorageException FAILURE =
            new StorageUnavailableException("b", StorageOperation.DELETE, "x", "down", null);

    private static List<String> keys(int count) {
        return IntStream.range(0, count).mapToObj(i -> "k" + i).collect(Collectors.toList());
    }

    @Test
    void constructor_copiesInputs() {
        List<String> deleted = new ArrayList<>(List.of("a"));
        Map<String, StorageException> failures = new HashMap<>(Map.of("x", FAILURE));

        DeleteResult result = new DeleteResult(deleted, failures);
        deleted.add("b");
        failures.clear();

        assertThat(result.deleted()).containsExactly("a");
        assertThat(result.failures()).containsOnlyKeys("x");
    }

    @Test
    void accessors_areImmutable() {
        DeleteResult result = new DeleteResult(List.of("a"), Map.of());

        assertThatThrownBy(() -> result.deleted().add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> result.failures().put("x", FAILURE)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void constructor_nulls_throwNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> new DeleteResult(null, Map.of())).withMessage("deleted is null");
        assertThatNullPointerException().isThrownBy(() -> new DeleteResult(List.of(), null)).withMessage("failures is null");
    }

    @Test
    void isSuccess_noFailures_isTrue() {
        assertThat(new DeleteResult(List.of("a"), Map.of()).isSuccess()).isTrue();
    }

    @Test
    void isSuccess_withFailure_isFalse() {
        assertThat(new DeleteResult(List.of("a"), Map.of("x", FAILURE)).isSuccess()).isFalse();
    }

    @Test
    void equals_sameContent_isEqualWithSameHash() {
        assertThat(new DeleteResult(List.of("a"), Map.of("x", FAILURE)))
                .isEqualTo(new DeleteResult(List.of("a"), Map.of("x", FAILURE)))
                .hasSameHashCodeAs(new DeleteResult(List.of("a"), Map.of("x", FAILURE)));
    }

    @Test
    void equals_differentContent_isNotEqual() {
        assertThat(new DeleteResult(List.of("a"), Map.of()))
                .isNotEqualTo(new DeleteResult(List.of("b"), Map.of()))
                .isNotEqualTo(new DeleteResult(List.of("a"), Map.of("x", FAILURE)))
                .isNotEqualTo(null);
    }

    @Test
    void toString_countsDeletedAndNamesFailures() {
        assertThat(new DeleteResult(List.of("a", "b"), Map.of("x", FAILURE)))
                .hasToString("DeleteResult{deleted=2, failures=[x]}");
    }

    @Test
    void checkBatch_atLimit_isAccepted() {
        assertThat(DeleteResult.checkBatch("b", keys(1000))).hasSize(1000);
    }

    @Test
    void checkBatch_overLimit_throwsInvalidRequestNamingLimit() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> DeleteResult.checkBatch("mem://b", keys(1001)));

        assertThat(e).isNotNull().isNotInstanceOf(InvalidKeyException.class)
                .hasMessage("[mem://b] deleteAll: 1001 keys given, over the limit of 1000 keys per call");
        assertThat(e.operation()).isEqualTo(StorageOperation.DELETE_ALL);
    }

    @Test
    void checkBatch_duplicatesOverLimit_countsEveryGivenKey() {
        // The limit is on what the caller passes, as S3 counts it, not on the distinct keys.
        List<String> keys = new ArrayList<>(keys(1000));
        keys.add("k0");

        assertThatThrownBy(() -> DeleteResult.checkBatch("b", keys)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void checkBatch_invalidKey_throwsNamingThatKey() {
        InvalidKeyException e = catchThrowableOfType(InvalidKeyException.class,
                () -> DeleteResult.checkBatch("b", List.of("ok", "a//b is fine", "bad\uD800key", "")));

        assertThat(e.key()).contains("bad\uD800key");
        assertThat(e.operation()).isEqualTo(StorageOperation.DELETE_ALL);
        assertThat(e.rule()).isEqualTo(Keys.Rule.MALFORMED_UNICODE);
    }

    @Test
    void checkBatch_nullKey_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> DeleteResult.checkBatch("b", Arrays.asList("a", null)));
    }

    @Test
    void checkBatch_nullCollection_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> DeleteResult.checkBatch("b", null)).withMessage("keys is null");
    }

    @Test
    void checkBatch_duplicates_keepsFirstOccurrenceOrder() {
        assertThat(DeleteResult.checkBatch("b", List.of("b", "a", "b", "c", "a"))).containsExactly("b", "a", "c");
    }

    @Test
    void checkBatch_empty_returnsEmpty() {
        assertThat(DeleteResult.checkBatch("b", List.of())).isEmpty();
    }
}
