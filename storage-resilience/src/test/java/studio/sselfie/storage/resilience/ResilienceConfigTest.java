package studio.sselfie.storage.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResilienceConfigTest {

    @Test
    void defaults_areTheDocumentedOnes() {
        ResilienceConfig config = ResilienceConfig.defaults();
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.jitter()).isEqualTo(0.5);
        assertThat(config.maxConcurrentCalls()).isEqualTo(64);
        assertThat(config.rateLimitPerSecond()).isEmpty();
        assertThat(config.replayBufferBytes()).isEqualTo(8 * 1024 * 1024);
        assertThat(config.verifyReads()).isTrue();
    }

    @Test
    void maxAttempts_belowOne_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceConfig.builder().maxAttempts(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxAttempts must be >= 1, was -1");
    }

    @Test
    void jitter_ofOne_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceConfig.builder().jitter(1.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    }

    @Test
    void backoffs_zeroOrInverted_areRejected() {
        assertThatThrownBy(() -> ResilienceConfig.builder().initialBackoff(Duration.ZERO))
                .hasMessageContaining("initialBackoff must be positive");
        assertThatThrownBy(() -> ResilienceConfig.builder().initialBackoff(Duration.ofSeconds(10)).build())
                .hasMessageContaining("maxBackoff").hasMessageContaining("initialBackoff");
    }

    @Test
    void circuitBreakerSettings_outOfRangeOrContradictory_areRejected() {
        assertThatThrownBy(() -> ResilienceConfig.builder().failureRateThreshold(0))
                .hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> ResilienceConfig.builder().slidingWindowSize(10).minimumNumberOfCalls(11).build())
                .hasMessageContaining("minimumNumberOfCalls (11) must be <= slidingWindowSize (10)");
    }

    @Test
    void toBuilder_keepsEveryValue() {
        ResilienceConfig config = ResilienceConfig.builder().name("gallery").maxAttempts(5).rateLimitPerSecond(7)
                .verifyReads(false).maxBulkheadWait(Duration.ofMillis(20)).build();
        assertThat(config.toBuilder().build().toString()).isEqualTo(config.toString());
        assertThat(config.name()).hasValue("gallery");
    }

    @Test
    void openStateDuration_belowOneMillisecond_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceConfig.builder().openStateDuration(Duration.ofNanos(500_000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("openStateDuration");
    }

    @Test
    void maxBackoff_beyondMillisecondRange_isRejectedNamingTheSetting() {
        assertThatThrownBy(() -> ResilienceConfig.builder().maxBackoff(Duration.ofSeconds(Long.MAX_VALUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
    }

    @Test
    void build_ofTheSmallestAndLargestAcceptedValues_canBeWrapped() {
        ResilienceConfig smallest = ResilienceConfig.builder().initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(1)).openStateDuration(Duration.ofMillis(1)).maxAttempts(1)
                .backoffMultiplier(1).jitter(0).slidingWindowSize(1).minimumNumberOfCalls(1).halfOpenCalls(1)
                .maxConcurrentCalls(1).rateLimitPerSecond(1).replayBufferBytes(0).build();
        ResilienceConfig largest = ResilienceConfig.builder().initialBackoff(Duration.ofDays(365))
                .maxBackoff(Duration.ofDays(3650)).openStateDuration(Duration.ofDays(3650))
                .maxBulkheadWait(Duration.ofDays(3650)).maxAttempts(Integer.MAX_VALUE).backoffMultiplier(1e9)
                .jitter(0.999).failureRateThreshold(100).slidingWindowSize(1_000_000).maxConcurrentCalls(Integer.MAX_VALUE)
                .rateLimitPerSecond(Integer.MAX_VALUE).replayBufferBytes(Integer.MAX_VALUE).build();
        studio.sselfie.storage.inmemory.InMemoryStorageBackend store = studio.sselfie.storage.inmemory.InMemoryStorageBackend.create();

        assertThat(ResilientStorageBackend.wrap(store, smallest).config()).isSameAs(smallest);
        assertThat(ResilientStorageBackend.wrap(store, largest).config()).isSameAs(largest);
    }
}
