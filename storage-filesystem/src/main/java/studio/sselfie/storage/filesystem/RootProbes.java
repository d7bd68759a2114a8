package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;

/** What the file system under a root can do, asked once when a backend opens. */
final class RootProbes {
    private RootProbes() {
    }

    /**
     * Whether two names differing only in case are one file under {@code root} (macOS and Windows by default): keys
     * {@code a} and {@code A} would then be one object, so the backend refuses such a root.
     */
    static boolean isCaseInsensitive(Path root) throws IOException {
        Path probe = TempFiles.newTempFile(root);
        try {
            Path upper = probe.resolveSibling(probe.getFileName().toString().toUpperCase(Locale.ROOT));
            return Files.exists(upper, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Whether a directory can be opened and forced here (Linux, macOS). Where it cannot (Windows refuses to open a
     * directory), a rename is as durable as the platform makes it, and the backend skips the directory sync: the
     * failure is the answer to the question, not an error.
     */
    static boolean canSyncDirectories(Path root) {
        try {
            ObjectFiles.syncDirectory(root);
            return true;
        } catch (IOException unsupported) {
            return false;
        }
    }
}
