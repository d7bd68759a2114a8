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
}
