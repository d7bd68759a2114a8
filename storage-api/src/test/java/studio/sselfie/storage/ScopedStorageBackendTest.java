package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What {@link ScopedStorageBackend} adds to a backend; that the view is a conforming store of its own is the
 * conformance suite's (ScopedInMemoryConformanceTest in storage-inmemory).
 */
class ScopedStorageBackendTest {
    private final RecordingBackend store = new RecordingBackend("mem://scoped");

    @Test
    void of_prefixWithoutTrailingSlashOrEmpty_isRefused() {
        assertThatThrownBy(() -> ScopedStorageBackend.of(store, "tenants/t1")).hasMessageContaining("ends with '/'");
        assertThatThrownBy(() -> ScopedStorageBackend.of(store, "")).hasMessageContaining("ends with '/'");
    }

    @Test
    void view_storesUnderThePrefixAndShowsKeysWithoutIt() {
        ScopedStorageBackend view = ScopedStorageBackend.of(store, "tenants/t1/");

        view.put("a.jpg", new byte[] {1});

        assertThat(store.head("tenants/t1/a.jpg")).isPresent();
        assertThat(view.list("").map(ObjectInfo::key).toList()).isEqualTo(List.of("a.jpg"));
        assertThat(view.name()).isEqualTo(store.name());
    }

    @Test
    void failure_namesTheViewsKeyAndKeepsTheBackendsAsCause() {
        ScopedStorageBackend view = ScopedStorageBackend.of(store, "tenants/t1/");

        assertThatThrownBy(() -> view.get("missing.jpg")).isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
            assertThat(e.key()).contains("missing.jpg");
            assertThat(e.getCause()).isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("tenants/t1/missing.jpg");
        });
    }

    @Test
    void close_closesTheViewNotTheBackend() {
        ScopedStorageBackend view = ScopedStorageBackend.of(store, "tenants/t1/");

        view.close();

        assertThatThrownBy(() -> view.head("a")).isInstanceOf(IllegalStateException.class);
        assertThat(store.head("a")).isEmpty();
    }
}
