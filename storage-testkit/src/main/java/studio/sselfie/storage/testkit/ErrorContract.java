package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;

/**
 * Conformance tests of failures: each is typed ({@link StorageException} subtypes that name backend, operation and
 * key, with the right {@link StorageException#isRetryable()}), null arguments fail with a
 * {@link NullPointerException} naming the parameter before any I/O, a foreign continuation token is refused, and a
 * rejected or failed put leaves what was stored unchanged. Value types that reject bad values when built
 * ({@code ByteRange}, {@code PutOptions}, {@code ListOptions}) are storage-api's unit tests: they do not depend on
 * the backend.
 */
public abstract class ErrorContract extends ConformanceContract {

    protected ErrorContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    // --- typed failures -------------------------------------------------------------------------------------------

    @Test
    void get_missingKey_throwsNotFoundNamingKeyOperationAndBackend() {
        String key = "errors/missing photo.jpg";

        ObjectNotFoundException e = catchThrowableOfType(ObjectNotFoundException.class, () -> backend.get(key));

        assertThat(e).as("get of a missing key").isNotNull();
        assertThat(e.key()).hasValue(key);
        assertThat(e.operation()).isEqualTo(StorageOperation.GET);
        assertThat(e.backend()).isEqualTo(backend.name());
        assertThat(e).hasMessageContaining(key);
    }

    @Test
    void get_missingKey_failureIsNotRetryable() {
        assertNotRetryable(() -> backend.get("errors/missing"), ObjectNotFoundException.class);
    }

    @Test
    void put_failedPrecondition_failureIsNotRetryable() {
        assumeCapability(Capability.CONDITIONAL_WRITE);
        write("errors/taken", randomBytes(10, 1));

        assertNotRetryable(() -> backend.put("errors/taken", randomBytes(10, 2), PutOptions.builder().ifNoneMatchAny().build()),
                PreconditionFailedException.class);
    }

    @Test
    void get_invalidKey_failureIsNotRetryable() {
        assertNotRetryable(() -> backend.get("errors/lone-surrogate-\uD800"), InvalidKeyException.class);
    }

    @Test
    void put_lengthBelowUnknown_throwsNotRetryableInvalidRequestAndStoresNothing() {
        assertNotRetryable(() -> backend.put("errors/bad-length", streamOf(randomBytes(10, 3)), -2, PutOptions.defaults()),
                InvalidRequestException.class);
        assertThat(backend.head("errors/bad-length")).isEmpty();
    }

    @Test
    void failures_forAGivenKey_nameThatKeyNotNull() {
        assertNamesKey(() -> backend.get("errors/absent"), "errors/absent");
        assertNamesKey(() -> backend.copy("errors/absent", "errors/copy-target"), "errors/absent");
        assertNamesKey(() -> backend.put("errors/short", streamOf(randomBytes(10, 5)), 20, PutOptions.defaults()),
                "errors/short");
    }

    @Test
    void copy_missingSource_throwsNotFoundNamingSourceAndLeavesTargetUntouched() {
        byte[] target = randomBytes(100, 6);
        write("errors/target", target);

        assertThatThrownBy(() -> backend.copy("errors/no-source", "errors/target"))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining("errors/no-source");
        assertThat(read("errors/target")).isEqualTo(target);
    }

    @Test
    void delete_missingKey_succeedsAndLeavesNothing() {
        assertThatCode(() -> backend.delete("errors/never-written")).doesNotThrowAnyException();
        assertThat(backend.head("errors/never-written")).isEmpty();
    }

    // --- null arguments -------------------------------------------------------------------------------------------

    @Test
    void put_nullKey_throwsNullPointerNamingKey() {
        assertNullRejected(() -> backend.put(null, streamOf(new byte[1]), 1, PutOptions.defaults()), "key is null");
    }

    @Test
    void put_nullBody_throwsNullPointerNamingBodyAndStoresNothing() {
        assertNullRejected(() -> backend.put("errors/no-body", null, 1, PutOptions.defaults()), "body is null");
        assertThat(backend.head("errors/no-body")).isEmpty();
    }

    @Test
    void put_nullOptions_throwsNullPointerNamingOptionsAndStoresNothing() {
        assertNullRejected(() -> backend.put("errors/no-options", streamOf(new byte[1]), 1, null), "options is null");
        assertThat(backend.head("errors/no-options")).isEmpty();
    }

    @Test
    void put_nullBytes_throwsNullPointerNamingBytes() {
        assertNullRejected(() -> backend.put("errors/no-bytes", (byte[]) null), "bytes is null");
    }

    @Test
    void get_nullKey_throwsNullPointerNamingKey() {
        assertNullRejected(() -> backend.get(null), "key is null");
    }

    @Test
    void get_nullOptions_throwsNullPointerNamingOptions() {
        write("errors/present", randomBytes(10, 7));

        assertNullRejected(() -> backend.get("errors/present", null), "options is null");
    }

    @Test
    void head_nullKey_throwsNullPointerNamingKey() {
        assertNullRejected(() -> backend.head(null), "key is null");
    }

    @Test
    void delete_nullKey_throwsNullPointerNamingKey() {
        assertNullRejected(() -> backend.delete(null), "key is null");
    }

    @Test
    void deleteAll_nullKeys_throwsNullPointerNamingKeys() {
        assertNullRejected(() -> backend.deleteAll(null), "keys is null");
    }

    @Test
    void deleteAll_nullAmongKeys_throwsNullPointerAndDeletesNothing() {
        write("errors/keep", randomBytes(10, 8));

        assertThatThrownBy(() -> backend.deleteAll(Arrays.asList("errors/keep", null)))
                .isInstanceOf(NullPointerException.class);
        assertThat(backend.head("errors/keep")).isPresent();
    }

    @Test
    void listPage_nullOptions_throwsNullPointerNamingOptions() {
        assertNullRejected(() -> backend.listPage(null), "options is null");
    }

    @Test
    void copy_nullSourceKey_throwsNullPointerNamingKeyAndStoresNothing() {
        assertNullRejected(() -> backend.copy(null, "errors/copy-target"), "key is null");
        assertThat(backend.head("errors/copy-target")).isEmpty();
    }

    @Test
    void copy_nullTargetKey_throwsNullPointerNamingKey() {
        write("errors/copy-source", randomBytes(10, 9));

        assertNullRejected(() -> backend.copy("errors/copy-source", null), "key is null");
    }

    // --- put bodies that do not match their length, or fail ----------------------------------------------------------

    @Test
    void put_declaredLengthLargerThanBody_throwsInvalidRequestNamingDeclaredLength() {
        assertThatThrownBy(() -> backend.put("errors/short-body", streamOf(randomBytes(1000, 10)), 1234, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("1234");
    }

    @Test
    void put_declaredLengthLargerThanBody_storesNothing() {
        assertThatThrownBy(() -> backend.put("errors/short-body", streamOf(randomBytes(1000, 11)), 1234, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(backend.head("errors/short-body")).isEmpty();
    }

    @Test
    void put_declaredLengthLargerThanBody_keepsExistingObject() {
        byte[] existing = randomBytes(2000, 12);
        write("errors/kept", existing);

        assertThatThrownBy(() -> backend.put("errors/kept", streamOf(randomBytes(1000, 13)), 1234, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(sha256(read("errors/kept"))).isEqualTo(sha256(existing));
    }

    @Test
    void put_declaredLengthSmallerThanBody_throwsInvalidRequestNamingDeclaredLength() {
        assertThatThrownBy(() -> backend.put("errors/long-body", streamOf(randomBytes(1000, 14)), 765, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("765");
        assertThat(backend.head("errors/long-body")).isEmpty();
    }

    @Test
    void put_declaredLengthSmallerThanBody_keepsExistingObject() {
        byte[] existing = randomBytes(2000, 15);
        write("errors/kept", existing);

        assertThatThrownBy(() -> backend.put("errors/kept", streamOf(randomBytes(1000, 16)), 765, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(sha256(read("errors/kept"))).isEqualTo(sha256(existing));
    }

    @Test
    void put_unknownLength_storesEveryByte() {
        byte[] body = randomBytes(300 * 1024 + 7, 17);

        long size = backend.put("errors/unknown-length", streamOf(body), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults())
                .size();

        assertThat(size).isEqualTo(body.length);
        assertThat(sha256(read("errors/unknown-length"))).isEqualTo(sha256(body));
    }

    @Test
    void put_bodyFailsMidway_throwsStorageExceptionNamingKey() {
        assertThatThrownBy(() -> backend.put("errors/broken", failingBody(200 * 1024), 400 * 1024, PutOptions.defaults()))
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).key()).hasValue("errors/broken"));
    }

    @Test
    void put_bodyFailsMidway_keepsOldObject() {
        byte[] existing = randomBytes(50 * 1024, 18);
        write("errors/broken", existing);

        assertThatThrownBy(() -> backend.put("errors/broken", failingBody(200 * 1024), 400 * 1024, PutOptions.defaults()))
                .isInstanceOf(StorageException.class);

        assertThat(sha256(read("errors/broken"))).isEqualTo(sha256(existing));
    }

    @Test
    void put_bodyOfUnknownLengthFailsMidway_leavesNoObject() {
        assertThatThrownBy(() -> backend.put("errors/broken", failingBody(200 * 1024), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.defaults()))
                .isInstanceOf(StorageException.class);

        assertThat(backend.head("errors/broken")).isEmpty();
        assertThat(backend.list("errors/").map(info -> info.key())).isEmpty();
    }

    // --- continuation tokens ----------------------------------------------------------------------------------------

    @Test
    void listPage_garbageContinuationToken_throwsInvalidRequest() {
        write("errors/listed", randomBytes(10, 19));

        assertThatThrownBy(() -> backend.listPage(ListOptions.builder().continuationToken("not a token: #%&!").build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    private void assertNotRetryable(ThrowingCallable call, Class<? extends StorageException> type) {
        assertThatThrownBy(call).isInstanceOf(type)
                .isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).isRetryable()).as("isRetryable()").isFalse());
    }

    /** Case-insensitive, so that a backend may name a parameter {@code sourceKey} where the kit asks for "key". */
    private static void assertNullRejected(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(NullPointerException.class).message().containsIgnoringCase(message);
    }

    private static void assertNamesKey(ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOf(StorageException.class)
                .satisfies(e -> assertThat(((StorageException) e).key()).as("key() of %s", e).hasValue(key))
                // Only "null" in the place of a key is wrong: a wrapped client's message may say "Request ID: null".
                .message().contains(key).doesNotContain("'null'").doesNotContainPattern("(?i)key\\W{0,3}null");
    }

    /** A body that yields {@code good} bytes, then fails as a broken upload source would. */
    private static InputStream failingBody(int good) {
        byte[] bytes = randomBytes(good, 21);
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= bytes.length) {
                    throw new IOException("simulated failure of the body after " + good + " bytes");
                }
                int n = Math.min(len, bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }
}
