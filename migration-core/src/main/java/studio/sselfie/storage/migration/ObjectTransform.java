package studio.sselfie.storage.migration;

import java.io.InputStream;
import java.util.Optional;

import studio.sselfie.storage.ObjectInfo;

/** Computes a derived object from an original, for {@link MigrationContext#transform}. */
@FunctionalInterface
public interface ObjectTransform {

    /**
     * @param original the original's info
     * @param body     the original's bytes, streamed; do not close it
     * @return the derived object to write, or empty to write nothing for this original
     */
    Optional<DerivedObject> apply(ObjectInfo original, InputStream body) throws java.io.IOException;
}
