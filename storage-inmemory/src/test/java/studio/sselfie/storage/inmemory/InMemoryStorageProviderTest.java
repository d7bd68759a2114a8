package studio.sselfie.storage.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;

class InMemoryStorageProviderTest {
    private final InMemoryStorageProvider provider = new InMemoryStorageProvider();

    @Test
    void scheme_isMem() {
        assertThat(provider.scheme()).isEqualTo("mem");
    }

    @Test
    void open_nameOnly_opensEmptyStoreOfThatName() {
        try (StorageBackend backend = provider.open(URI.create("mem://photos"))) {
            assertThat(backend).isInstanceOf(InMemoryStorageBackend.class);
            assertThat(backend.name()).isEqualTo("mem://photos");
            assertThat(backend.list("")).isEmpty();
        }
    }

    @Test
    void open_sameUriTwice_givesIndependentStores() {
        try (StorageBackend first = provider.open(URI.create("mem://photos"));
             StorageBackend second = provider.open(URI.create("mem://photos"))) {
            first.put("a.txt", "hello");

            assertThat(second.exists("a.txt")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "mem:photos | the store name is missing",
            "mem:///photos | the store name is missing",
            "mem://photos/thumbs | a path is not allowed",
            "mem://photos/ | a path is not allowed",
            "mem://photos?region=x | query parameters are not allowed",
            "mem://photos#top | a fragment is not allowed",
            "mem://user@photos | user-info is not allowed",
            "mem://photos:9000 | a port is not allowed",
            "s3://photos | the scheme must be 'mem'",
    })
    void open_badUri_failsNamingTheProblem(String uri, String problem) {
        assertThatThrownBy(() -> provider.open(URI.create(uri)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(uri)
                .hasMessageContaining(problem);
    }

    @Test
    void open_registryNameWithUnderscore_isAccepted() {
        try (StorageBackend backend = provider.open(URI.create("mem://app_test-1"))) {
            assertThat(backend.name()).isEqualTo("mem://app_test-1");
        }
    }

    @Test
    void storageBackendsOpen_memUri_findsProviderThroughServiceLoader() {
        try (StorageBackend backend = StorageBackends.open("mem://x")) {
            assertThat(backend).isInstanceOf(InMemoryStorageBackend.class);
            assertThat(backend.name()).isEqualTo("mem://x");
        }
    }

    @Test
    void storageBackendsProviders_listsMem() {
        assertThat(StorageBackends.providers()).containsKey("mem");
    }
}
