package studio.sselfie.storage.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Leaves out test classes wherever the build puts them. {@link ImportOption.DoNotIncludeTests} only knows
 * {@code target/test-classes}; a build with its own output folder (-Dbuild.folder=...) writes to
 * {@code <folder>/test-classes}, and test jars end in {@code -tests.jar}.
 */
public final class MainClassesOnly implements ImportOption {
    private static final Pattern TEST_LOCATION = Pattern.compile(".*(/test-classes/|-tests\\.jar).*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_LOCATION);
    }
}
