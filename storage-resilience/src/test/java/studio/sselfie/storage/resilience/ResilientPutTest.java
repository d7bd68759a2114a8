package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.resilience.FlakyBackend.When;

/** Puts through the decorator: replayed bodies and conditional puts settled after an ambiguous failure. */
class ResilientPutTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final FlakyBackend flaky = new FlakyBackend(store);
    private final ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, FAST);

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void put_ifMatchOfSameBytesWithNewMetadataFailingBeforeTakingEffect_isSentAgainAndStoresTheMetadata() {
        byte[] body = bytes(2000, 1);
        ObjectInfo old = store.put("k", body, PutOptions.builder().metadata("version", "1").build());
        // The body was sent whole, but the store never applied the put.
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        backend.put("k", body, PutOptions.builder().ifMatch(old.etag()).metadata("version", "2").build());

        assertThat(store.head("k").orElseThrow().metadata()).containsEntry("version", "2");
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(2);
    }

    @Test
    void put_ifNoneMatchWhileAnotherWriterStoredTheSameBytesWithOtherMetadata_throwsPreconditionFailed() {
        byte[] body = bytes(2000, 2);
        store.put("k", body, PutOptions.builder().metadata("owner", "them").build());
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        assertThatThrownBy(() -> backend.put("k", body,
                PutOptions.builder().ifNoneMatchAny().metadata("owner", "us").build()))
                .isInstanceOf(PreconditionFailedException.class);
        assertThat(store.head("k").orElseThrow().metadata()).containsEntry("owner", "them");
    }

    @Test
    void put_conditionalWhoseSettlingHeadFails_throwsAPutFailureKeepingBoth() {
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER).failNext(StorageOperation.HEAD, 10, When.BEFORE);

        assertThatThrownBy(() -> backend.put("k", bytes(100, 3), PutOptions.builder().ifNoneMatchAny().build()))
                .isInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(((StorageException) e).operation()).isEqualTo(StorageOperation.PUT))
                .hasMessageContaining("outcome")
                .hasCauseInstanceOf(StorageUnavailableException.class)
                .satisfies(e -> assertThat(e.getCause()).hasMessageContaining("scripted fault AFTER"))
                .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(
                        s -> assertThat(((StorageException) s).operation()).isEqualTo(StorageOperation.HEAD)));
    }

    @Test
    void put_ifNoneMatchThatLandedOnAStoreWhoseEtagIsNotTheMd5_isSettledByReadingBack() {
        InMemoryStorageBackend noSha = InMemoryStorageBackend.builder().withoutCapabilities(Capability.CONTENT_SHA256).build();
        FlakyBackend opaque = new OpaqueEtags(noSha);
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(opaque, FAST);
        byte[] body = bytes(3000, 4);
        opaque.failNext(StorageOperation.PUT, 1, When.AFTER);

        ObjectInfo info = resilient.put("k", body, PutOptions.builder().ifNoneMatchAny().build());

        assertThat(info.size()).isEqualTo(body.length);
        assertThat(noSha.getBytes("k")).isEqualTo(body);
        assertThat(opaque.calls(StorageOperation.PUT)).isEqualTo(1);
    }

    @Test
    void put_ofStreamLongerThanTheReplayBufferWithRetriesOff_throwsTheStoresFailureUnchanged() {
        ResilientStorageBackend once = ResilientStorageBackend.wrap(flaky,
                FAST.toBuilder().maxAttempts(1).replayBufferBytes(1024).build());
        byte[] body = bytes(10_000, 5);
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        assertThatThrownBy(() -> once.put("k", new ByteArrayInputStream(body), body.length, PutOptions.defaults()))
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("scripted fault")
                .hasMessageNotContaining("cannot be sent again");
    }

    @Test
    void put_ofFileThatCannotBeReopenedForTheRetry_throwsKeepingTheStoresFailure(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("selfie.bin"), bytes(5000, 6));
        FlakyBackend deleting = new FlakyBackend(store) {
            @Override
            public ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return super.put(key, body, length, options);
            }
        };
        deleting.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(deleting, FAST);

        assertThatThrownBy(() -> resilient.put("k", file, PutOptions.defaults()))
                .isInstanceOf(UncheckedIOException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(
                        s -> assertThat(s).isInstanceOf(StorageUnavailableException.class)));
    }

    @Test
    void put_ofEmptyStreamFailingAfterReadingTheBody_isReplayed() {
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER_READING_BODY);

        backend.put("k", new ByteArrayInputStream(new byte[0]), 0, PutOptions.defaults());

        assertThat(store.getBytes("k")).isEmpty();
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(2);
    }

    @Test
    void put_ofEmptyStreamOfUnknownLengthIfNoneMatchThatLanded_isSettledAsSuccess() {
        flaky.failNext(StorageOperation.PUT, 1, When.AFTER);

        ObjectInfo info = backend.put("k", new ByteArrayInputStream(new byte[0]), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().ifNoneMatchAny().build());

        assertThat(info.size()).isZero();
        assertThat(flaky.calls(StorageOperation.PUT)).isEqualTo(1);
    }

    @Test
    void put_ofStreamBrokenOffMidBodyTwice_isReplayedFromItsFirstByte() {
        byte[] body = bytes(100_000, 7);
        FlakyBackend halfReading = new FlakyBackend(store) {
            private int attempts;

            @Override
            public ObjectInfo put(String key, InputStream in, long length, PutOptions options) {
                if (++attempts <= 2) {
                    try {
                        in.readNBytes(attempts * 30_000);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    throw new StorageUnavailableException(name(), StorageOperation.PUT, key, "reset mid-body (test)", null);
                }
                return super.put(key, in, length, options);
            }
        };
        ResilientStorageBackend resilient = ResilientStorageBackend.wrap(halfReading, FAST);

        resilient.put("k", new ByteArrayInputStream(body), StorageBackend.UNKNOWN_LENGTH, PutOptions.defaults());

        assertThat(store.getBytes("k")).isEqualTo(body);
    }

    /**
     * ETags that look like an MD5 but are not the MD5 of the bytes, as S3 gives for SSE-KMS objects: the stored ETag
     * hashed once more.
     */
    private static final class OpaqueEtags extends FlakyBackend {
        OpaqueEtags(StorageBackend delegate) {
            super(delegate);
        }

        private static ObjectInfo opaque(ObjectInfo info) {
            try {
                byte[] md5 = MessageDigest.getInstance("MD5").digest(info.etag().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                return info.toBuilder().etag('"' + HexFormat.of().formatHex(md5) + '"').build();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public ObjectInfo put(String key, InputStream body, long length, PutOptions options) {
            return opaque(super.put(key, body, length, options));
        }

        @Override
        public Optional<ObjectInfo> head(String key) {
            return super.head(key).map(OpaqueEtags::opaque);
        }

        @Override
        public StorageObject get(String key, GetOptions options) {
            StorageObject object = super.get(key, options);
            return new StorageObject(opaque(object.info()), object.stream(), object.contentLength(),
                    object.range().orElse(null));
        }
    }
}
