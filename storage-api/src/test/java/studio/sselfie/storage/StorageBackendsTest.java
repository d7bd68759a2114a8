package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.net.URI;
import org.junit.jupiter.api.Test;

class StorageBackendsTest {

    @Test
    void openUri_registeredScheme_usesProvider() {
        try (StorageBackend backend = StorageBackends.open(URI.create("test://photos"))) {
            assertThat(backend).isInstanceOf(RecordingBackend.class);
            assertThat(backend.name()).isEqualTo("test://photos");
        }
    }

    @Test
    void openString_registeredScheme_usesProvider() {
        try (StorageBackend backend = StorageBackends.open("test://thumbs")) {
            assertThat(backend.name()).isEqualTo("test://thumbs");
        }
    }

    @Test
    void open_upperCaseScheme_findsProvider() {
        try (StorageBackend backend = StorageBackends.open("TEST://photos")) {
            assertThat(backend.name()).isEqualTo("test://photos");
        }
    }

    @Test
    void open_unknownScheme_throwsListingProviders() {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageBackends.open("nope://bucket"))
                .withMessage("no storage provider for scheme 'nope' in URI 'nope://bucket'; providers on the class path: [test]");
    }

    @Test
    void open_noScheme_throwsWithExample() {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageBackends.open("just-a-name"))
                .withMessageStartingWith("storage URI 'just-a-name' has no scheme");
    }

    @Test
    void open_providerRejectsUri_propagatesItsMessage() {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageBackends.open("test:opaque"))
                .withMessage("test URI 'test:opaque' has no name");
    }

    @Test
    void open_malformedString_throwsIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> StorageBackends.open("test://bad name"));
    }

    @Test
    void open_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> StorageBackends.open((URI) null)).withMessage("uri is null");
        assertThatNullPointerException().isThrownBy(() -> StorageBackends.open((String) null)).withMessage("uri is null");
    }

    @Test
    void providers_includeRegisteredProviderByScheme() {
        assertThat(StorageBackends.providers()).containsOnlyKeys("test");
        assertThat(StorageBackends.providers().get("test")).isInstanceOf(TestStorageProvider.class);
    }

    @Test
    void providers_withoutContextClassLoader_stillFindsProvider() {
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        thread.setContextClassLoader(null);
        try {
            assertThat(StorageBackends.providers()).containsKey("test");
        } finally {
            thread.setContextClassLoader(saved);
        }
    }
}
