package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConformanceDisplayNamesTest {
    private final ConformanceDisplayNames names = new ConformanceDisplayNames();

    @Test
    void nestedCategory_ofConcreteSuite_isNamedAfterIt() {
        assertThat(names.generateDisplayNameForNestedClass(List.of(ConformanceDisplayNamesTest.class),
                StorageBackendConformanceSuite.class.getDeclaredClasses()[0]))
                .startsWith("ConformanceDisplayNamesTest > ");
    }

    @Test
    void nestedCategory_withoutEnclosingInstance_keepsItsStandardName() {
        assertThat(names.generateDisplayNameForNestedClass(List.of(), String.class)).isEqualTo("String");
    }
}
