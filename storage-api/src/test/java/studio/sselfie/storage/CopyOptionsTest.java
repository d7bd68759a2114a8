package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CopyOptionsTest {

    @Test
    void keep_hasNoReplacement() {
        assertThat(CopyOptions.keep().replacement()).isEmpty();
    }

    @Test
    void replace_attributes_areTheReplacement() {
        PutOptions attributes = PutOptions.builder().contentType("image/png").headers(h -> h.cacheControl("no-store")).build();

        assertThat(CopyOptions.replace(attributes).replacement()).contains(attributes);
        assertThat(CopyOptions.replace(attributes)).isEqualTo(CopyOptions.replace(attributes)).isNotEqualTo(CopyOptions.keep());
    }

    @Test
    void replace_withPrecondition_isRejected() {
        PutOptions conditional = PutOptions.builder().ifNoneMatchAny().build();

        assertThatThrownBy(() -> CopyOptions.replace(conditional))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("precondition");
    }
}
