package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/**
 * Conformance tests of a closed backend: {@code close()} is idempotent, and every operation afterwards fails with
 * {@link IllegalStateException} naming the backend, not with a storage failure and not by quietly succeeding.
 *
 * <p>The closed backend is a second one from {@link #newBackend()}, closed before anything is written to it, so a test
 * leaves no object behind even when the backend wrongly accepts a call.
 */
public abstract class ClosedBackendContract extends ConformanceContract {

    protected ClosedBackendContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.put("closed/object", streamOf(new byte[3]), 3, PutOptions.defaults()));
    }

    @Test
    void putBytes_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.put("closed/object", new byte[3]));
    }

    @Test
    void get_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.get("closed/object").close());
    }

    @Test
    void getRange_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.get("closed/object", GetOptions.range(ByteRange.of(0, 1))).close());
    }

    @Test
    void getBytes_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.getBytes("closed/object"));
    }

    @Test
    void head_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.head("closed/object"));
    }

    @Test
    void exists_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.exists("closed/object"));
    }

    @Test
    void delete_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.delete("closed/object"));
    }

    @Test
    void deleteAll_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.deleteAll(List.of("closed/a", "closed/b")));
    }

    @Test
    void listPage_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.listPage(ListOptions.prefix("closed/")));
    }

    @Test
    void list_afterClose_throwsIllegalStateNamingBackend() {
        // Consumed at once: a backend may list lazily, and the failure then comes with the first page.
        assertFailsWhenClosed(closed -> closed.list("").collect(Collectors.toList()));
    }

    @Test
    void copy_afterClose_throwsIllegalStateNamingBackend() {
        assertFailsWhenClosed(closed -> closed.copy("closed/source", "closed/target"));
    }

    @Test
    void close_calledTwice_secondCallDoesNothing() {
        StorageBackend other = newBackend();
        other.close();

        assertThatCode(other::close).doesNotThrowAnyException();
    }

    @Test
    void put_afterClosingTheTestBackend_throwsIllegalStateNamingBackend() {
        String name = backend.name();
        backend.close();

        assertThatThrownBy(() -> backend.put("closed/object", randomBytes(100, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(name);
    }

    /** Closes a fresh backend, then asserts that {@code operation} on it fails with an {@link IllegalStateException} naming it. */
    private void assertFailsWhenClosed(Operation operation) {
        StorageBackend closed = newBackend();
        String name = closed.name();
        closed.close();

        ThrowingCallable call = () -> operation.on(closed);

        assertThatThrownBy(call)
                .as("a call on closed backend %s", name)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(name);
    }

    /** One call on a backend. */
    @FunctionalInterface
    private interface Operation {
        void on(StorageBackend backend) throws Exception;
    }
}
