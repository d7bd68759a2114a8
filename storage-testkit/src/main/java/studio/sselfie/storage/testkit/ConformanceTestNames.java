package studio.sselfie.storage.testkit;

import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The names of the tests of {@link StorageBackendConformanceSuite}, as its
 * {@link StorageBackendConformanceSuite#knownLimitation(String, String) knownLimitation} receives them:
 * {@code "Category.test"}, e.g. {@code "Listing.list_prefix_returnsOnlyKeysUnderIt"}. A backend's tests use it to
 * prove that every known limitation they list names a test that exists, so a renamed or removed test cannot leave a
 * stale entry behind (nor an entry with a typo skip nothing).
 */
public final class ConformanceTestNames {
    private ConformanceTestNames() {
    }

    /** Every {@code "Category.test"} of the suite, sorted. */
    public static Set<String> all() {
        Set<String> names = new TreeSet<>();
        for (Class<?> category : StorageBackendConformanceSuite.class.getDeclaredClasses()) {
            if (!category.isAnnotationPresent(Nested.class)) {
                continue;
            }
            for (Class<?> type = category; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Test.class) || method.isAnnotationPresent(ParameterizedTest.class)) {
                        names.add(category.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        return names;
    }

    /** The entries of {@code names} that name no test of the suite, sorted; empty when all do. */
    public static Set<String> unknown(Collection<String> names) {
        Set<String> unknown = new TreeSet<>(names);
        unknown.removeAll(all());
        return unknown;
    }
}
