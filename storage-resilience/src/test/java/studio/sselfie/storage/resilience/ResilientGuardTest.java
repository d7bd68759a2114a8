package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;
import studio.sselfie.storage.resilience.FlakyBackend.When;

/** The circuit breaker and bulkhead around each attempt: permits always given back, rejections observable. */
class ResilientGuardTest {
    private static final ResilienceConfig FAST = ResilienceConfig.builder()
            .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable e) throws E {
        throw (E) e;
    }

    /** Its next head throws {@code failure} as is, checked or not (as code compiled from other languages may). */
    private static final class Throwing extends FlakyBackend {
        private Throwable failure;

        Throwing(InMemoryStorageBackend store) {
            super(store);
        }

        @Override
        public Optional<ObjectInfo> head(String key) {
            Throwable next = failure;
            failure = null;
            if (next != null) {
                throw ResilientGuardTest.<RuntimeException>sneaky(next);
            }
            return super.head(key);
        }
    }

    @Test
    void head_throwingACheckedExceptionWhileHalfOpen_givesItsTrialPermitBack() {
        Throwing throwing = new Throwing(store);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(throwing, FAST.toBuilder().halfOpenCalls(1).build());
        backend.circuitBreaker().transitionToOpenState();
        backend.circuitBreaker().transitionToHalfOpenState();
        throwing.failure = new IOException("checked, thrown sneakily (test)");

        assertThatThrownBy(() -> backend.head("k")).isInstanceOf(IOException.class);

        assertThat(backend.head("k")).isEmpty();
    }

    @Test
    void head_throwingAnErrorWhileHalfOpen_givesItsTrialPermitAndBulkheadSlotBack() {
        Throwing throwing = new Throwing(store);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(throwing,
                FAST.toBuilder().halfOpenCalls(1).maxConcurrentCalls(1).build());
        backend.circuitBreaker().transitionToOpenState();
        backend.circuitBreaker().transitionToHalfOpenState();
        throwing.failure = new AssertionError("an Error (test)");

        assertThatThrownBy(() -> backend.head("k")).isInstanceOf(AssertionError.class);

        assertThat(backend.head("k")).isEmpty();
        assertThat(backend.bulkhead().getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void circuitBreaker_stateChangesAndRejections_arePublishedAsEvents() {
        FlakyBackend flaky = new FlakyBackend(store);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, FAST.toBuilder().maxAttempts(1)
                .slidingWindowSize(2).minimumNumberOfCalls(2).build());
        List<String> transitions = new ArrayList<>();
        AtomicInteger rejected = new AtomicInteger();
        backend.circuitBreaker().getEventPublisher()
                .onStateTransition(event -> transitions.add(event.getStateTransition().toString()))
                .onCallNotPermitted(event -> rejected.incrementAndGet());
        flaky.failNext(StorageOperation.HEAD, 2, When.BEFORE);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> backend.head("k")).isInstanceOf(StorageUnavailableException.class);
        }

        assertThatThrownBy(() -> backend.head("k")).isInstanceOf(CallRejectedException.class);

        assertThat(backend.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(transitions).containsExactly("State transition from CLOSED to OPEN");
        assertThat(rejected).hasValue(1);
    }

    @Test
    void retry_exhausted_isPublishedAsAnErrorEventWithTheLastFailure() {
        FlakyBackend flaky = new FlakyBackend(store);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, FAST);
        List<Throwable> exhausted = new ArrayList<>();
        backend.retry().getEventPublisher().onError(event -> exhausted.add(event.getLastThrowable()));
        flaky.failNext(StorageOperation.HEAD, 5, When.BEFORE);

        assertThatThrownBy(() -> backend.head("k")).isInstanceOf(StorageUnavailableException.class);

        assertThat(exhausted).singleElement().isInstanceOf(StorageUnavailableException.class);
    }

    @Test
    void rejectedCall_isNotRetriedAndLeavesTheBreakerClosed() {
        FlakyBackend flaky = new FlakyBackend(store);
        ResilientStorageBackend backend = ResilientStorageBackend.wrap(flaky, FAST.toBuilder()
                .slidingWindowSize(1).minimumNumberOfCalls(1).build());
        backend.circuitBreaker().transitionToForcedOpenState();

        assertThatThrownBy(() -> backend.head("k")).isInstanceOf(CallRejectedException.class);

        assertThat(flaky.calls(StorageOperation.HEAD)).isZero();
        assertThat(backend.retry().getMetrics().getNumberOfFailedCallsWithoutRetryAttempt()).isEqualTo(1);
    }
}
