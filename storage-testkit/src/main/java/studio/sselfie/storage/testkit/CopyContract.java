package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;

/**
 * Conformance of {@link studio.sselfie.storage.StorageBackend#copy(String, String)}: the target gets the source's
 * bytes, content type and user metadata and replaces whatever was there; the source stays; a missing source leaves
 * the target untouched. Runs on every backend, whether it copies inside the store or through the client.
 */
public abstract class CopyContract extends ConformanceContract {
    /** Over the 5 MiB part size S3 clients commonly use, so copies of multipart-sized objects are covered. */
    private static final int LARGE_OBJECT_BYTES = 6 * 1024 * 1024 + 123;

    protected CopyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void copy_existingSource_targetHasSameBytesAndSize() {
        byte[] bytes = randomBytes(1000, 1);
        write("source", bytes);

        backend.copy("source", "target");

        assertThat(read("target")).isEqualTo(bytes);
        assertThat(backend.head("target").orElseThrow().size()).isEqualTo(bytes.length);
    }

    @Test
    void copy_existingSource_leavesSourceIntact() {
        byte[] bytes = randomBytes(1000, 1);
        ObjectInfo before = write("source", bytes);

        backend.copy("source", "target");

        assertThat(read("source")).isEqualTo(bytes);
        assertThat(backend.head("source").orElseThrow().etag()).isEqualTo(before.etag());
    }

    @Test
    void copy_sourceWithContentType_keepsContentType() {
        backend.put("photo.png", randomBytes(200, 1), PutOptions.builder().contentType("image/png").build());

        backend.copy("photo.png", "copy.png");

        assertThat(backend.head("copy.png").orElseThrow().contentType()).contains("image/png");
    }

    @Test
    void copy_sourceWithUserMetadata_keepsMetadata() {
        assumeCapability(Capability.USER_METADATA);
        Map<String, String> metadata = Map.of("owner", "alice", "album-id", "42");
        backend.put("photo.png", randomBytes(200, 1), PutOptions.builder().metadata(metadata).build());

        backend.copy("photo.png", "copy.png");

        assertThat(backend.head("copy.png").orElseThrow().metadata()).isEqualTo(metadata);
    }

    @Test
    void copy_ontoExistingTarget_replacesItsBytesAndContentType() {
        byte[] bytes = randomBytes(300, 1);
        backend.put("source", bytes, PutOptions.builder().contentType("image/jpeg").build());
        backend.put("target", randomBytes(5000, 2), PutOptions.builder().contentType("text/plain").build());

        backend.copy("source", "target");

        assertThat(read("target")).isEqualTo(bytes);
        assertThat(backend.head("target").orElseThrow().contentType()).contains("image/jpeg");
    }

    @Test
    void copy_ontoItself_leavesObjectUnchanged() {
        // S3 refuses a plain copy onto itself; a backend must still honour the contract.
        PutOptions.Builder options = PutOptions.builder().contentType("image/png");
        if (backend.supports(Capability.USER_METADATA)) {
            options.metadata("owner", "alice");
        }
        byte[] bytes = randomBytes(500, 1);
        ObjectInfo before = backend.put("photo.png", bytes, options.build());

        backend.copy("photo.png", "photo.png");

        ObjectInfo after = backend.head("photo.png").orElseThrow();
        assertThat(read("photo.png")).isEqualTo(bytes);
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(after.contentType()).isEqualTo(before.contentType());
        assertThat(after.metadata()).isEqualTo(before.metadata());
    }

    @Test
    void copy_missingSource_throwsObjectNotFoundNamingSourceAndCreatesNoTarget() {
        assertThatThrownBy(() -> backend.copy("missing", "target"))
                .isInstanceOfSatisfying(ObjectNotFoundException.class, e -> {
                    assertThat(e.key()).contains("missing");
                    assertThat(e.operation()).isEqualTo(StorageOperation.COPY);
                });

        assertThat(backend.head("target")).isEmpty();
    }

    @Test
    void copy_missingSourceOntoExistingTarget_leavesTargetUnchanged() {
        byte[] bytes = randomBytes(100, 1);
        ObjectInfo before = write("target", bytes);

        assertThatThrownBy(() -> backend.copy("missing", "target")).isInstanceOf(ObjectNotFoundException.class);

        assertThat(read("target")).isEqualTo(bytes);
        assertThat(backend.head("target").orElseThrow().etag()).isEqualTo(before.etag());
    }

    @Test
    void copy_invalidTargetKey_throwsInvalidKeyAndChangesNothing() {
        write("source", randomBytes(100, 1));
        Map<String, String> before = snapshot();

        assertThatThrownBy(() -> backend.copy("source", "bad//target")).isInstanceOf(InvalidKeyException.class);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void copy_emptyObject_copiesZeroBytes() {
        write("empty", new byte[0]);

        ObjectInfo info = backend.copy("empty", "empty-copy");

        assertThat(info.size()).isZero();
        assertThat(read("empty-copy")).isEmpty();
    }

    @Test
    void copy_largeObject_isByteExact() {
        byte[] bytes = randomBytes(LARGE_OBJECT_BYTES, 6);
        write("large", bytes);

        backend.copy("large", "large-copy");

        try (StorageObject copy = backend.get("large-copy")) {
            assertThat(copy.info().size()).isEqualTo(LARGE_OBJECT_BYTES);
            assertThat(sha256(copy.stream())).isEqualTo(sha256(bytes));
        }
    }

    @Test
    void copy_returnsInfoOfTargetWithItsKeySizeAndEtag() {
        write("source", randomBytes(321, 1));

        ObjectInfo info = backend.copy("source", "target");

        assertThat(info.key()).isEqualTo("target");
        assertThat(info.size()).isEqualTo(321);
        assertThat(info.etag()).isEqualTo(backend.head("target").orElseThrow().etag());
    }

    @Test
    void copy_intoNestedKey_isListedUnderItsPrefix() {
        byte[] bytes = randomBytes(100, 1);
        write("photo.png", bytes);

        backend.copy("photo.png", "albums/2024/summer/photo.png");

        assertThat(read("albums/2024/summer/photo.png")).isEqualTo(bytes);
        assertThat(backend.list("albums/").map(ObjectInfo::key)).containsExactly("albums/2024/summer/photo.png");
    }

    @Test
    void copy_sourceOverwrittenLater_copyKeepsOldBytes() {
        byte[] original = randomBytes(100, 1);
        write("source", original);
        backend.copy("source", "target");

        write("source", randomBytes(100, 2));

        assertThat(read("target")).isEqualTo(original);
    }

    @Test
    void copy_sourceDeletedLater_copyRemains() {
        byte[] original = randomBytes(100, 1);
        write("source", original);
        backend.copy("source", "target");

        backend.delete("source");

        assertThat(read("target")).isEqualTo(original);
    }
}
