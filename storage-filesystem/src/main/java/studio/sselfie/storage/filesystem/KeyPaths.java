package studio.sselfie.storage.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a key lives under the root, and the checks that keep every access inside it. A key's segments become names
 * by {@link SegmentNames}: plain ASCII without {@code /}, {@code \}, {@code .} or {@code ..} names, so the path is
 * lexically under the root whatever the key. On top of that nothing is followed: every directory on the way is checked
 * to be the directory its name says ({@link #checkReal}: no component from the root down is a symbolic link), and
 * object files are opened with {@link LinkOption#NOFOLLOW_LINKS}.
 *
 * <p>What this does not stop: someone with write access to the root swapping a checked directory for a link while an
 * operation runs (Java has no {@code openat}); the directory is owned by the backend.
 */
final class KeyPaths {
    private final Path root;
    private final boolean syncDirectories;

    /**
     * @param root            the root's real path
     * @param syncDirectories whether a directory created on the way is made durable by forcing its parent
     */
    KeyPaths(Path root, boolean syncDirectories) {
        this.root = root;
        this.syncDirectories = syncDirectories;
    }

    Path root() {
        return root;
    }

    /** The object file of {@code key}. */
    Path objectFile(String key) {
        return objectFile(directoryOf(key), key);
    }

    /** The object file of {@code key} in its {@code directory} (from {@link #directoryOf}). */
    Path objectFile(Path directory, String key) {
        return directory.resolve(SegmentNames.objectName(key.substring(key.lastIndexOf('/') + 1)));
    }

    /** The directory that holds the object file of {@code key} (the root for a key without {@code /}). */
    Path directoryOf(String key) {
        Path directory = root;
        int start = 0;
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', start)) {
            directory = directory.resolve(SegmentNames.directoryName(key.substring(start, slash)));
            start = slash + 1;
        }
        return directory;
    }

    /**
     * Whether {@code directory} (under the root) is a real directory reached without a link: every component from the
     * root down is checked, not following links, to be a directory. Together with names that cannot be {@code ..},
     * this is what {@code toRealPath} would prove (the resolved path is the path itself, under the root), at one
     * {@code lstat} per key segment instead of one per component of the whole absolute path. False when it does not
     * exist.
     *
     * @throws SymbolicLinkException if a component of the path is a symbolic link, or is no directory
     */
    boolean checkReal(Path directory) throws IOException {
        Path path = root;
        for (Path name : root.relativize(directory)) {
            if (name.toString().isEmpty()) {
                break; // the root itself: real since the backend opened it (toRealPath)
            }
            path = path.resolve(name);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                return false;
            }
            if (!attributes.isDirectory()) {
                throw new SymbolicLinkException(root.relativize(path) + (attributes.isSymbolicLink()
                        ? " is a symbolic link" : " is not a directory"));
            }
        }
        return true;
    }

    /**
     * Creates the directories that lead to {@code key}'s object file, refusing any component that is a link or not a
     * directory, and returns the last one.
     */
    Path createDirectories(String key) throws IOException {
        Path directory = root;
        int start = 0;
        for (int slash = key.indexOf('/'); slash >= 0; slash = key.indexOf('/', start)) {
            String segment = key.substring(start, slash);
            String name = SegmentNames.directoryName(segment);
            Path parent = directory;
            directory = directory.resolve(name);
            try {
                Files.createDirectory(directory);
                if (syncDirectories) {
                    // Its entry in the parent must outlive a crash as surely as the object renamed into it.
                    ObjectFiles.syncDirectory(parent);
                }
            } catch (FileAlreadyExistsException exists) {
                // Made by an earlier write: checked below like a new one.
            }
            BasicFileAttributes attributes = Files.readAttributes(directory, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory()) {
                throw new SymbolicLinkException(root.relativize(directory) + " is a link or a file, not a directory");
            }
            if (SegmentNames.isHashed(name)) {
                recordSegment(directory, segment);
            }
            start = slash + 1;
        }
        return directory;
    }

    /** Removes the emptied directories from {@code directory} up to the root, stopping at the first that is not empty. */
    void prune(Path directory) throws IOException {
        for (Path dir = directory; !dir.equals(root); dir = dir.getParent()) {
            if (SegmentNames.isHashed(dir.getFileName().toString())) {
                return; // holds its segment file; left in place, it is cheap and lists nothing
            }
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException inUse) {
                return; // other keys live here, or another delete pruned it first: the pruning ends here
            }
        }
    }

    /** Writes the segment a hashed directory name stands for, atomically, once. */
    private static void recordSegment(Path directory, String segment) throws IOException {
        Path file = directory.resolve(SegmentNames.SEGMENT_FILE);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path temp = TempFiles.newTempFile(directory);
        try {
            Files.write(temp, segment.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The segment of a hashed directory, from its {@value SegmentNames#SEGMENT_FILE}; {@code null} if there is none (a
     * directory a crash left before anything was written into it).
     */
    static String recordedSegment(Path directory) throws IOException {
        Path file = directory.resolve(SegmentNames.SEGMENT_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /** A path on the way to a key is a symbolic link (or not a directory): the backend does not follow it. */
    static final class SymbolicLinkException extends IOException {
        private static final long serialVersionUID = 1L;

        SymbolicLinkException(String message) {
            super(message);
        }
    }
}
