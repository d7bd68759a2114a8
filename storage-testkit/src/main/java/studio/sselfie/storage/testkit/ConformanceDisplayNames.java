package studio.sselfie.storage.testkit;

import java.util.List;

import org.junit.jupiter.api.DisplayNameGenerator;

/**
 * Display names of the suite's categories that name the concrete suite running them, e.g.
 * {@code "S3ConformanceTest > Listing"} rather than {@code "Listing"}: the categories are nested classes of the
 * abstract {@link StorageBackendConformanceSuite}, so without this a report of two backends' suites shows two
 * identical trees. Tests and top-level classes keep JUnit's standard names.
 */
public final class ConformanceDisplayNames extends DisplayNameGenerator.Standard {

    /** Creates the generator; JUnit does, through {@code @DisplayNameGeneration}. */
    public ConformanceDisplayNames() {
    }

    @Override
    public String generateDisplayNameForNestedClass(List<Class<?>> enclosingInstanceTypes, Class<?> nestedClass) {
        String category = super.generateDisplayNameForNestedClass(enclosingInstanceTypes, nestedClass);
        if (enclosingInstanceTypes.isEmpty()) {
            return category;
        }
        return enclosingInstanceTypes.get(enclosingInstanceTypes.size() - 1).getSimpleName() + " > " + category;
    }
}
