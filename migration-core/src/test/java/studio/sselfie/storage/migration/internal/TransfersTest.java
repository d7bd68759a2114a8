package studio.sselfie.storage.migration.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** Verification by the store's answer where it proves the bytes, by reading back where it does not. */
class TransfersTest {
    private static final byte[] BYTES = "a selfie".getBytes(StandardCharsets.UTF_8);

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();
    private final Map<String, Integer> calls = new ConcurrentHashMap<>();

    /** {@code store} counting its calls by method, with each copy's and put's answer passed through {@code answers}. */
    private StorageBackend counted(UnaryOperator<ObjectInfo> answers) {
        return (StorageBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {StorageBackend.class},
                (proxy, method, args) -> {
                    calls.merge(method.getName(), 1, Integer::sum);
                    try {
                        Object result = method.invoke(store, args);
                        return result instanceof ObjectInfo info && !method.getName().equals("head")
                                ? answers.apply(info) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Fingerprint fingerprintOf(byte[] bytes) {
        return new Fingerprint(bytes.length, Hashing.sha256Hex(bytes));
    }

    @Test
    void md5Etag_quotedOrBareMd5_isRecognisedAndOthersAreNot() {
        assertThat(Transfers.md5Etag("\"0CC175B9C0F1B6A831C399E269772661\"")).hasValue("0cc175b9c0f1b6a831c399e269772661");
        assertThat(Transfers.md5Etag("0cc175b9c0f1b6a831c399e269772661")).isPresent();
        assertThat(Transfers.md5Etag("\"0cc175b9c0f1b6a831c399e269772661-2\"")).isEmpty();
        assertThat(Transfers.md5Etag("v1")).isEmpty();
    }

    @Test
    void copyVerified_answerWithTheSourcesMd5Etag_doesNotReadTheTargetBack() {
        ObjectInfo source = store.put("a", BYTES);

        Transfers.copyVerified(counted(UnaryOperator.identity()), "a", "b", fingerprintOf(BYTES), source.etag(), "the copy");

        assertThat(calls).containsEntry("copy", 1).doesNotContainKey("get");
        assertThat(store.getBytes("b")).isEqualTo(BYTES);
    }

    @Test
    void copyVerified_answerWithAnotherEtag_readsTheTargetBack() {
        ObjectInfo source = store.put("a", BYTES);

        Transfers.copyVerified(counted(info -> info.toBuilder().etag("\"opaque-1\"").build()), "a", "b",
                fingerprintOf(BYTES), source.etag(), "the copy");

        assertThat(calls).containsEntry("copy", 1).containsKey("get");
    }

    @Test
    void copyVerified_targetDiffersFromTheFingerprint_failsWhenTheAnswerDoesNotProveIt() {
        ObjectInfo source = store.put("a", BYTES);
        byte[] other = "another selfie".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Transfers.copyVerified(counted(info -> info.toBuilder().etag("\"opaque-1\"").build()),
                "a", "b", fingerprintOf(other), source.etag(), "the copy"))
                .isInstanceOf(StorageException.class).hasMessageContaining("verification of the copy failed");
    }

    @Test
    void putVerified_answerIsTheMd5OfTheBytes_doesNotReadBack() {
        Transfers.putVerified(counted(UnaryOperator.identity()), "a", BYTES, PutOptions.builder().build(), "the put");

        assertThat(calls).containsKey("put").doesNotContainKey("get");
    }

    @Test
    void putVerified_answerIsNotTheMd5OfTheBytesSent_readsBackAndFailsOnADifference() {
        // A store that stored other bytes than were sent answers their MD5, which is not that of the bytes sent.
        StorageBackend corrupting = counted(info -> {
            store.put(info.key(), "corrupted".getBytes(StandardCharsets.UTF_8));
            return store.head(info.key()).orElseThrow();
        });

        assertThatThrownBy(() -> Transfers.putVerified(corrupting, "a", BYTES, PutOptions.builder().build(), "the put"))
                .isInstanceOf(StorageException.class).hasMessageContaining("verification of the put failed");
        assertThat(calls).containsKey("get");
    }
}
