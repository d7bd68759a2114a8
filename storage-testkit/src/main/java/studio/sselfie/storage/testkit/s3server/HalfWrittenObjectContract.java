package studio.sselfie.storage.testkit.s3server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.StorageBackend;

/**
 * An S3 backend's answer to an object the store shows while it is still being written, without an ETag (S3Proxy does
 * this when a listing or read races a put): the object is not there yet, so it is not listed, absent on head and not
 * found on get, while the rest of the call goes on as usual. Runs against {@link HalfWrittenObjectServer}; a backend
 * author extends it with one method.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HalfWrittenObjectContract {
    private HalfWrittenObjectServer server;
    private StorageBackend backend;

    /**
     * A backend over bucket {@link HalfWrittenObjectServer#BUCKET} at {@code endpoint}, path-style; the server takes
     * any credentials.
     */
    protected abstract StorageBackend createBackend(URI endpoint);

    @BeforeAll
    void start() throws IOException {
        server = HalfWrittenObjectServer.start();
        backend = createBackend(server.endpoint());
    }

    @AfterAll
    void stop() {
        if (backend != null) {
            backend.close();
        }
        server.close();
    }

    @Test
    void list_entryWithoutEtag_isLeftOutAndTheCompleteOneListed() {
        assertThat(backend.list(ListOptions.prefix("photos/")).map(ObjectInfo::key))
                .containsExactly(HalfWrittenObjectServer.COMPLETE_KEY);
    }

    @Test
    void head_answerWithoutEtag_isAbsent() {
        assertThat(backend.head(HalfWrittenObjectServer.HALF_WRITTEN_KEY)).isEmpty();
        assertThat(backend.head(HalfWrittenObjectServer.COMPLETE_KEY)).get().extracting(ObjectInfo::etag)
                .isEqualTo(HalfWrittenObjectServer.COMPLETE_ETAG);
    }

    @Test
    void get_answerWithoutEtag_throwsObjectNotFoundNamingTheKey() {
        assertThatThrownBy(() -> backend.get(HalfWrittenObjectServer.HALF_WRITTEN_KEY))
                .isInstanceOf(ObjectNotFoundException.class)
                .hasMessageContaining(HalfWrittenObjectServer.HALF_WRITTEN_KEY)
                .hasMessageContaining("still being written");
        assertThat(new String(backend.getBytes(HalfWrittenObjectServer.COMPLETE_KEY), StandardCharsets.UTF_8))
                .isEqualTo(HalfWrittenObjectServer.COMPLETE_BODY);
    }
}
