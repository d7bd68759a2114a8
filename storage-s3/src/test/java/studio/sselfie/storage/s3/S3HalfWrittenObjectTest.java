package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.testkit.s3server.HalfWrittenObjectServer;

/**
 * An object a store shows while it is still being written, without an ETag (S3Proxy does this when a listing races a
 * put), is not there yet: not listed, absent on head, not found on get. The rest of the call goes on as usual.
 */
class S3HalfWrittenObjectTest {
    private static HalfWrittenObjectServer server;
    private static S3StorageBackend backend;

    @BeforeAll
    static void start() throws Exception {
        server = HalfWrittenObjectServer.start();
        backend = S3StorageBackend.create(S3StorageConfig.builder().endpoint(server.endpoint()).pathStyle(true).region("us-east-1")
                .bucket(HalfWrittenObjectServer.BUCKET).credentials("access", "secret-key-of-the-test").build());
    }

    @AfterAll
    static void stop() {
        backend.close();
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
