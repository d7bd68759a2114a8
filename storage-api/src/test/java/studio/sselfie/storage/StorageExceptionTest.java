package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class StorageExceptionTest {

    @Test
    void message_withKey_isBackendOperationKeyAndReason() {
        StorageException e = new StorageException("mem://photos", StorageOperation.PUT, "a/b.png", "boom", null);

        assertThat(e).hasMessage("[mem://photos] put 'a/b.png': boom");
    }

    @Test
    void message_withoutKey_leavesKeyOut() {
        StorageException e = new StorageException("s3://bucket", StorageOperation.LIST, null, "throttled", null);

        assertThat(e).hasMessage("[s3://bucket] list: throttled");
    }

    @Test
    void key_whenGiven_isPresent() {
        assertThat(new StorageException("b", StorageOperation.GET, "k", "r", null).key()).contains("k");
    }

    @Test
    void key_whenNull_isEmpty() {
        assertThat(new StorageException("b", StorageOperation.LIST, null, "r", null).key()).isEmpty();
    }

    @Test
    void accessors_returnBackendAndOperation() {
        StorageException e = new StorageException("b", StorageOperation.DELETE_ALL, "k", "r", null);

        assertThat(e.backend()).isEqualTo("b");
        assertThat(e.operation()).isEqualTo(StorageOperation.DELETE_ALL);
    }

    @Test
    void cause_isKept() {
        IOException cause = new IOException("connection reset");

        StorageException e = new StorageUnavailableException("b", StorageOperation.GET, "k", "r", cause);

        assertThat(e).hasCause(cause);
    }

    @Test
    void constructor_nullBackend_throwsNullPointerException() {
        assertThatNullPointerException()
                .isThrownBy(() -> new StorageException(null, StorageOperation.GET, "k", "r", null))
                .withMessage("backend is null");
    }

    @Test
    void constructor_nullOperation_throwsNullPointerException() {
        assertThatNullPointerException()
                .isThrownBy(() -> new StorageException("b", null, "k", "r", null));
    }

    @Test
    void storageException_isUnchecked() {
        assertThat(RuntimeException.class).isAssignableFrom(StorageException.class);
    }

    static Stream<Arguments> notRetryable() {
        return Stream.of(
                Arguments.of(new StorageException("b", StorageOperation.GET, "k", "r", null)),
                Arguments.of(new ObjectNotFoundException("b", StorageOperation.GET, "k", "r", null)),
                Arguments.of(new PreconditionFailedException("b", StorageOperation.PUT, "k", "r", null)),
                Arguments.of(new InvalidRequestException("b", StorageOperation.PUT, "k", "r", null)),
                Arguments.of(new RangeNotSatisfiableException("b", StorageOperation.GET, "k", "r", null)),
                Arguments.of(new AccessDeniedException("b", StorageOperation.GET, "k", "r", null)),
                Arguments.of(new InvalidKeyException("b", StorageOperation.GET, "k", Keys.Rule.EMPTY)));
    }

    @ParameterizedTest
    @MethodSource("notRetryable")
    void isRetryable_nonTransientFailure_isFalse(StorageException e) {
        assertThat(e.isRetryable()).isFalse();
    }

    @Test
    void isRetryable_unavailable_isTrue() {
        assertThat(new StorageUnavailableException("b", StorageOperation.GET, "k", "r", null).isRetryable()).isTrue();
    }

    @Test
    void subtypes_keepMessageFormatAndCause() {
        Throwable cause = new IllegalStateException("x");

        StorageException e = new AccessDeniedException("s3://b", StorageOperation.HEAD, "k", "forbidden", cause);

        assertThat(e).hasMessage("[s3://b] head 'k': forbidden").hasCause(cause);
    }

    @Test
    void rangeNotSatisfiable_isInvalidRequest() {
        assertThat(new RangeNotSatisfiableException("b", StorageOperation.GET, "k", "r", null))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void invalidKeyRule_isTheRuleGiven() {
        InvalidKeyException e = new InvalidKeyException("b", StorageOperation.PUT, "a/", Keys.Rule.TRAILING_SLASH);

        assertThat(e.rule()).isEqualTo(Keys.Rule.TRAILING_SLASH);
        assertThat(e).hasMessage("[b] put 'a/': invalid key: must not end with '/'").hasNoCause();
    }

    @Test
    void invalidKey_nullRule_throwsNullPointerException() {
        assertThatNullPointerException()
                .isThrownBy(() -> new InvalidKeyException("b", StorageOperation.PUT, "k", null))
                .withMessage("rule is null");
    }

    @Test
    void invalidKey_keyOf200Chars_isNotAbbreviated() {
        String key = "x".repeat(200);

        InvalidKeyException e = new InvalidKeyException("b", StorageOperation.PUT, key, Keys.Rule.TOO_LONG);

        assertThat(e.key()).contains(key);
    }

    @Test
    void invalidKey_keyOf201Chars_isAbbreviatedInMessageButWholeInKey() {
        InvalidKeyException e = new InvalidKeyException("b", StorageOperation.PUT, "x".repeat(201), Keys.Rule.TOO_LONG);

        assertThat(e.getMessage()).contains("'" + "x".repeat(200) + "...(201 chars)'");
        assertThat(e.key()).contains("x".repeat(201));
    }

    @Test
    void message_longKeyCutInsideSurrogatePair_keepsThePairWhole() {
        String key = "x".repeat(199) + "\uD83D\uDE00" + "y";

        StorageException e = new StorageException("b", StorageOperation.GET, key, "r", null);

        assertThat(e.getMessage()).contains("'" + "x".repeat(199) + "...(202 chars)'");
    }

    @ParameterizedTest
    @EnumSource(StorageOperation.class)
    void operationLabel_isUsedInMessage(StorageOperation operation) {
        assertThat(new StorageException("b", operation, null, "r", null)).hasMessage("[b] " + operation.label() + ": r");
    }

    @Test
    void operationLabel_deleteAll_isMethodName() {
        assertThat(StorageOperation.DELETE_ALL.label()).isEqualTo("deleteAll");
    }
}
