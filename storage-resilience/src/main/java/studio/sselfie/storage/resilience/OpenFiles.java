package studio.sselfie.storage.resilience;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The streams of a file put, one per attempt, so that a file body of any size can be sent again; closes every stream
 * it opened at the end of the put. One put uses it at a time.
 */
final class OpenFiles implements AutoCloseable {
    private final Path file;
    private final List<InputStream> opened = new ArrayList<>();

    OpenFiles(Path file) {
        this.file = file;
    }

    /**
     * A new stream from the file's first byte.
     *
     * @throws UncheckedIOException if the file cannot be opened
     */
    InputStream open() {
        try {
            InputStream in = Files.newInputStream(file);
            opened.add(in);
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException("reading file " + file + " failed", e);
        }
    }

    /** Closes every stream opened; the first failure is thrown with the others suppressed. */
    @Override
    public void close() {
        UncheckedIOException failure = null;
        for (InputStream in : opened) {
            try {
                in.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = new UncheckedIOException("closing file " + file + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
