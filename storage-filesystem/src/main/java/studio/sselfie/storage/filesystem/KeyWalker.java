package studio.sselfie.storage.filesystem;

import studio.sselfie.storage.Utf8Order;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Walks the object files under a prefix in ascending UTF-8 byte order of their keys, lazily, one directory at a time:
 * a directory's names are read and sorted only when the walk enters it, and a directory whose keys all lie before the
 * bound is never entered. In a directory, an object sorts by its segment and a directory by its segment followed by
 * {@code /}, which orders every key under it exactly as the flat list of keys would be ordered.
 *
 * <p>The bound is where the walk resumes: only keys after it are found, and with {@link #skipUnder} none that start
 * with it (after a common prefix). Links and files this backend did not write are passed over.
 */
final class KeyWalker {
    private static final Comparator<Entry> ORDER = (a, b) -> Utf8Order.INSTANCE.compare(a.sortKey, b.sortKey);

    private final Deque<Level> levels = new ArrayDeque<>();
    private String bound;
    private boolean skipUnder;

    /**
     * @param paths     the root's paths
     * @param prefix    only keys starting with this are found
     * @param bound     only keys after this are found; {@code null} for none
     * @param skipUnder whether keys starting with {@code bound} are skipped too
     */
    KeyWalker(KeyPaths paths, String prefix, String bound, boolean skipUnder) throws IOException {
        this.bound = bound;
        this.skipUnder = skipUnder;
        int slash = prefix.lastIndexOf('/');
        String directoryPrefix = prefix.substring(0, slash + 1);
        Path start = directoryPrefix.isEmpty() ? paths.root() : paths.directoryOf(directoryPrefix);
        if (paths.checkReal(start)) {
            levels.push(new Level(start, directoryPrefix, entries(start, directoryPrefix, prefix.substring(slash + 1))));
        }
    }

    /** From now on, skips every key that starts with {@code commonPrefix} (listed as one common prefix). */
    void skipUnder(String commonPrefix) {
        bound = commonPrefix;
        skipUnder = true;
    }

    /** The next object file, or {@code null} at the end. */
    Found next() throws IOException {
        while (!levels.isEmpty()) {
            Level level = levels.peek();
            if (level.next >= level.entries.size()) {
                levels.pop();
                continue;
            }
            Entry entry = level.entries.get(level.next++);
            if (entry.directory) {
                String under = level.keyPrefix + entry.segment + "/";
                Path directory = level.directory.resolve(entry.name);
                if (isBeforeBound(under) || !Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                levels.push(new Level(directory, under, entries(directory, under, "")));
            } else {
                String key = level.keyPrefix + entry.segment;
                if (isAfterBound(key)) {
                    return new Found(key, level.directory.resolve(entry.name));
                }
            }
        }
        return null;
    }

    private boolean isAfterBound(String key) {
        if (bound == null) {
            return true;
        }
        return Utf8Order.INSTANCE.compare(key, bound) > 0 && !(skipUnder && key.startsWith(bound));
    }

    /** Whether every key starting with {@code under} is at or before the bound (or skipped under it). */
    private boolean isBeforeBound(String under) {
        if (bound == null) {
            return false;
        }
        if (skipUnder && under.startsWith(bound)) {
            return true;
        }
        return Utf8Order.INSTANCE.compare(under, bound) < 0 && !bound.startsWith(under);
    }

    /** The entries of {@code directory} whose segment starts with {@code partial}, sorted. */
    private static List<Entry> entries(Path directory, String keyPrefix, String partial) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> names = Files.newDirectoryStream(directory)) {
            for (Path path : names) {
                String name = path.getFileName().toString();
                if (SegmentNames.isInternal(name)) {
                    continue;
                }
                boolean isDirectory = name.endsWith(SegmentNames.DIRECTORY_SUFFIX);
                String plain = isDirectory ? name.substring(0, name.length() - SegmentNames.DIRECTORY_SUFFIX.length()) : name;
                String segment = SegmentNames.isHashed(plain) ? hashedSegment(path, isDirectory, keyPrefix) : SegmentNames.decode(plain);
                if (segment != null && segment.startsWith(partial)) {
                    entries.add(new Entry(name, segment, isDirectory));
                }
            }
        } catch (NoSuchFileException removed) {
            return entries; // the last key under it was deleted while the walk went on: no keys there
        }
        entries.sort(ORDER);
        return entries;
    }

    /** The segment a hashed name stands for, or {@code null} when it cannot be known (then it holds no object). */
    private static String hashedSegment(Path path, boolean isDirectory, String keyPrefix) throws IOException {
        if (isDirectory) {
            return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? KeyPaths.recordedSegment(path) : null;
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            String key = Trailer.read(channel).key();
            return key.startsWith(keyPrefix) ? key.substring(keyPrefix.length()) : null;
        } catch (NoSuchFileException | Trailer.NotAnObjectFile notAnObject) {
            return null; // deleted meanwhile, or not written by this backend: not an object
        }
    }

    /** An object file found by the walk, under its key. */
    static final class Found {
        final String key;
        final Path file;

        Found(String key, Path file) {
            this.key = key;
            this.file = file;
        }
    }

    private static final class Entry {
        final String name;
        final String segment;
        final boolean directory;
        final String sortKey;

        Entry(String name, String segment, boolean directory) {
            this.name = name;
            this.segment = segment;
            this.directory = directory;
            this.sortKey = directory ? segment + "/" : segment;
        }
    }

    private static final class Level {
        final Path directory;
        final String keyPrefix;
        final List<Entry> entries;
        int next;

        Level(Path directory, String keyPrefix, List<Entry> entries) {
            this.directory = directory;
            this.keyPrefix = keyPrefix;
            this.entries = entries;
        }
    }
}
