package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@link AbstractStorageBackend#put} checks its arguments, capabilities and the body's declared length. */
class AbstractStorageBackendPutTest {
    private static final String NAME = "rec://test";

    private final RecordingBackend backend = new RecordingBackend(NAME);

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A backend lacking {@code missing}. */
    private static RecordingBackend without(Capability missing) {
        Set<Capability> capabilities = EnumSet.allOf(Capability.class);
        capabilities.remove(missing);
        return new RecordingBackend(NAME, capabilities);
    }

    @Test
    void put_nullBodyOrOptions_throwsBeforeReachingBackend() {
        assertThatNullPointerException().isThrownBy(() -> backend.put("k", null, 0, PutOptions.defaults())).withMessage("body is null");
        assertThatNullPointerException().isThrownBy(() -> backend.put("k", body(""), 0, null)).withMessage("options is null");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void put_lengthBelowUnknown_throwsInvalidRequest() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> backend.put("k", body("x"), -2, PutOptions.defaults()));

        assertThat(e).hasMessageContaining("length must be -1 (unknown) or 0..").hasMessageContaining("was -2");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void put_lengthOverMaximum_throwsInvalidRequest() {
        assertThatThrownBy(() -> backend.put("k", body("x"), StorageLimits.MAX_OBJECT_BYTES + 1, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void put_unknownLength_storesWholeBody() {
        ObjectInfo info = backend.put("k", body("hello"), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(info.size()).isEqualTo(5);
        assertThat(backend.stored("k")).hasValueSatisfying(b -> assertThat(b).asString(StandardCharsets.UTF_8).isEqualTo("hello"));
    }

    @Test
    void put_exactLength_stores() {
        backend.put("k", body("hello"), 5, PutOptions.defaults());

        assertThat(backend.stored("k")).isPresent();
    }

    @Test
    void put_bodyShorterThanLength_throwsInvalidRequestAndStoresNothing() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> backend.put("k", body("hello"), 10, PutOptions.defaults()));

        assertThat(e).hasMessage("[" + NAME + "] put 'k': the body ended after 5 bytes, but its declared length is 10");
        assertThat(e).hasRootCauseInstanceOf(LengthCheckingInputStream.LengthMismatchException.class);
        assertThat(backend.size()).isZero();
    }

    @Test
    void put_bodyLongerThanLength_throwsInvalidRequestAndStoresNothing() {
        InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
                () -> backend.put("k", body("hello"), 3, PutOptions.defaults()));

        assertThat(e).hasMessageContaining("more bytes than its declared length of 3");
        assertThat(backend.size()).isZero();
    }

    @Test
    void put_declaredZeroButBodyHasBytes_throwsInvalidRequestAndStoresNothing() {
        assertThatThrownBy(() -> backend.put("k", body("extra"), 0, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class);

        assertThat(backend.size()).isZero();
    }

    @Test
    void put_declaredZeroAndEmptyBody_storesEmptyObject() {
        assertThat(backend.put("k", body(""), 0, PutOptions.defaults()).size()).isZero();
        assertThat(backend.stored("k")).hasValueSatisfying(b -> assertThat(b).isEmpty());
    }

    @Test
    void put_lengthMismatchOverExistingObject_keepsOldObject() {
        backend.put("k", "old");

        assertThatThrownBy(() -> backend.put("k", body("new!"), 3, PutOptions.defaults())).isInstanceOf(InvalidRequestException.class);

        assertThat(backend.getString("k")).isEqualTo("old");
    }

    @Test
    void put_mismatchReportedAsSuppressed_isStillInvalidRequest() {
        // A backend may fail with its own exception and attach the body's failure as suppressed (try-with-resources).
        RecordingBackend suppressing = new RecordingBackend(NAME) {
            @Override
            protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
                IllegalStateException failure = new IllegalStateException("upload aborted");
                try {
                    body.readAllBytes();
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
                throw failure;
            }
        };

        assertThatThrownBy(() -> suppressing.put("k", body("hi"), 5, PutOptions.defaults()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("ended after 2 bytes");
    }

    @Test
    void put_failureWithOtherSuppressed_isRethrownUnchanged() {
        IllegalStateException failure = new IllegalStateException("upload aborted");
        failure.addSuppressed(new IOException("cleanup failed"));
        RecordingBackend failing = new RecordingBackend(NAME) {
            @Override
            protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
                throw failure;
            }
        };

        assertThatThrownBy(() -> failing.put("k", body("hi"), 2, PutOptions.defaults())).isSameAs(failure);
    }

    @Test
    void put_otherBackendFailure_isRethrownUnchanged() {
        UncheckedIOException failure = new UncheckedIOException(new IOException("disk full"));
        RecordingBackend failing = new RecordingBackend(NAME) {
            @Override
            protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
                throw failure;
            }
        };

        assertThatThrownBy(() -> failing.put("k", body("hi"), 2, PutOptions.defaults())).isSameAs(failure);
    }

    @Test
    void put_preconditionWithoutConditionalWrite_throwsNamingCapability() {
        RecordingBackend limited = without(Capability.CONDITIONAL_WRITE);

        assertThatThrownBy(() -> limited.put("k", body("x"), 1, PutOptions.builder().ifNoneMatchAny().build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("[" + NAME + "] put 'k': backend does not support CONDITIONAL_WRITE");
        assertThat(limited.calls()).isEmpty();
    }

    @Test
    void put_metadataWithoutUserMetadata_throwsNamingCapability() {
        RecordingBackend limited = without(Capability.USER_METADATA);

        assertThatThrownBy(() -> limited.put("k", body("x"), 1, PutOptions.builder().metadata("a", "b").build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("USER_METADATA");
        assertThat(limited.calls()).isEmpty();
    }

    @Test
    void put_metadataAndPreconditionWithCapabilities_reachesBackend() {
        PutOptions options = PutOptions.builder().metadata("a", "b").ifNoneMatchAny().build();

        ObjectInfo info = backend.put("k", body("x"), 1, options);

        assertThat(info.metadata()).containsEntry("a", "b");
        assertThat(backend.calls()).containsExactly("doPut k");
    }
}
