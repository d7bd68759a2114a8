package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Temporary files: a write goes to {@code .tmp-<pid>-<random>} in the target's own directory (so the rename that
 * publishes it stays in one file system and is atomic) and is renamed into place. The name starts with a dot, so no
 * listing shows it, and carries the writer's process id, so that opening a backend deletes exactly the files whose
 * writer is dead (a crash) and never one that a live process, on the same root, is still writing.
 */
final class TempFiles {
    static final String PREFIX = ".tmp-";
    private static final long PID = ProcessHandle.current().pid();
    private static final SecureRandom RANDOM = new SecureRandom();

    private TempFiles() {
    }

    /** Creates a new, empty temporary file in {@code directory} (never an existing file, never through a link). */
    static Path newTempFile(Path directory) throws IOException {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        Path temp = directory.resolve(PREFIX + PID + "-" + HexFormat.of().formatHex(random));
        // CREATE_NEW fails on any existing entry, a link included.
        Files.newByteChannel(temp, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE).close();
        return temp;
    }

    /** The name of a new temporary file, not yet created. */
    static String newName() {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return PREFIX + PID + "-" + HexFormat.of().formatHex(random);
    }

    /**
     * Deletes every temporary file under {@code root} whose writer process is no longer alive; links are not followed.
     *
     * @return how many files were deleted
     */
    static int cleanUp(Path root) throws IOException {
        int[] deleted = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                String name = file.getFileName().toString();
                if (attributes.isRegularFile() && name.startsWith(PREFIX) && writerIsDead(name)) {
                    Files.deleteIfExists(file);
                    deleted[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // removed by a live writer while we walked: nothing to clean
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException e) throws IOException {
                if (e == null || e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // a directory pruned by a delete while we read it: nothing left
                }
                throw e;
            }
        });
        return deleted[0];
    }

    private static boolean writerIsDead(String name) {
        int dash = name.indexOf('-', PREFIX.length());
        if (dash < 0) {
            return true;
        }
        long pid;
        try {
            pid = Long.parseLong(name.substring(PREFIX.length(), dash));
        } catch (NumberFormatException notOurs) {
            return true;
        }
        if (pid == PID) {
            return false; // another backend of this JVM may be writing it
        }
        return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
    }
}
