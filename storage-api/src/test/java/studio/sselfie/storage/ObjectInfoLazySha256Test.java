package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ObjectInfoLazySha256Test {
    private static final Instant WHEN = Instant.parse("2024-05-01T10:15:30Z");
    private static final String HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static ObjectInfo.Builder minimal() {
        return ObjectInfo.builder().key("a/b.png").size(0).etag("\"abc\"").lastModified(WHEN);
    }

    /** A computation that counts its runs. */
    private static final class Counting implements Supplier<String> {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public String get() {
            runs.incrementAndGet();
            return HASH;
        }
    }

    @Test
    void build_lazySha256_doesNotComputeIt() {
        Counting computation = new Counting();

        minimal().lazySha256(computation).build();

        assertThat(computation.runs).hasValue(0);
    }

    @Test
    void sha256_lazy_answersTheComputedValueAndComputesOnce() {
        Counting computation = new Counting();
        ObjectInfo info = minimal().lazySha256(computation).build();

        assertThat(info.sha256()).contains(HASH);
        assertThat(info.sha256()).contains(HASH);
        assertThat(computation.runs).hasValue(1);
    }

    @Test
    void equalsHashCodeToString_lazy_sameAsEager() {
        ObjectInfo eager = minimal().sha256(HASH).build();
        ObjectInfo lazy = minimal().lazySha256(new Counting()).build();

        assertThat(lazy).isEqualTo(eager);
        assertThat(eager).isEqualTo(lazy);
        assertThat(lazy.hashCode()).isEqualTo(eager.hashCode());
        assertThat(lazy.toString()).isEqualTo(eager.toString());
    }

    @Test
    void toBuilder_lazyNotYetComputed_sharesOneComputation() {
        Counting computation = new Counting();
        ObjectInfo info = minimal().lazySha256(computation).build();

        ObjectInfo copy = info.toBuilder().key("c/d.png").build();

        assertThat(copy.sha256()).contains(HASH);
        assertThat(info.sha256()).contains(HASH);
        assertThat(computation.runs).hasValue(1);
    }

    @Test
    void sha256Null_afterLazy_clearsIt() {
        Counting computation = new Counting();

        ObjectInfo info = minimal().lazySha256(computation).build().toBuilder().sha256(null).build();

        assertThat(info.sha256()).isEmpty();
        assertThat(computation.runs).hasValue(0);
    }

    @Test
    void lazySha256_afterSha256_replacesIt() {
        ObjectInfo info = minimal().sha256("ab12").lazySha256(new Counting()).build();

        assertThat(info.sha256()).contains(HASH);
    }

    @Test
    void lazySha256_null_throwsNullPointerException() {
        assertThatNullPointerException().isThrownBy(() -> minimal().lazySha256(null)).withMessage("computation is null");
    }

    @Test
    void sha256_computationAnswersNull_throwsNullPointerException() {
        ObjectInfo info = minimal().lazySha256(() -> null).build();

        assertThatNullPointerException().isThrownBy(info::sha256)
                .withMessage("the lazy sha256 computation returned null");
    }

    @Test
    void sha256_askedByManyThreadsAtOnce_computesOnce() throws Exception {
        Counting computation = new Counting();
        ObjectInfo info = minimal().lazySha256(computation).build();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return info.sha256().orElseThrow();
                }));
            }
            start.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(HASH);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(computation.runs).hasValue(1);
    }
}
