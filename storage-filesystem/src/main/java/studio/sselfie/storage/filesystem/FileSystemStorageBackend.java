package studio.sselfie.storage.filesystem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import studio.sselfie.storage.AbstractStorageBackend;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.RangeNotSatisfiableException;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;

/**
 * A backend over one directory on local disk, named {@code file://<root>}. The directory is owned by the backend:
 * several backends and processes may share it, nothing else should write in it.
 *
 * <p>Layout: the key {@code photos/2024/cat.jpg} is the file {@code photos~/2024~/cat.jpg} under the root: a
 * directory per segment but the last, named by the segment and {@code ~}, and a file named by the last segment, so
 * that {@code a} and {@code a/b} both exist. Names are escaped to portable ASCII and long ones hashed (see
 * {@link SegmentNames}); keys never leave the root, and no link is followed (see {@link KeyPaths}). An object file is
 * the object's bytes followed by its info (content type, headers, user metadata, ETag, SHA-256, last-modified; see
 * {@link Trailer}). Names starting with {@code .} are the backend's own (temporary files, the lock file) and never
 * listed.
 *
 * <p>Writes are atomic: the bytes and info go to a temporary file in the target's directory, which is forced to disk
 * and renamed over the target ({@code ATOMIC_MOVE}), and the directory is forced too. A reader sees the old or the new
 * object, whole; a crash leaves the old one and a temporary file, deleted when a backend next opens the root. Writes
 * to one key are serialised across threads and processes ({@link KeyLocks}), so conditional writes hold everywhere.
 *
 * <p>Capabilities: {@link Capability#CONDITIONAL_WRITE}, {@link Capability#RANGE_READ} (positional reads),
 * {@link Capability#SERVER_SIDE_COPY} (the kernel copies), {@link Capability#USER_METADATA},
 * {@link Capability#DELIMITER_LISTING} and, unless turned off, {@link Capability#CONTENT_SHA256}.
 */
public final class FileSystemStorageBackend extends AbstractStorageBackend {
    private static final int CREATE_ATTEMPTS = 5;
    /** A file up to this size is read whole by a get, with its info, in one read. */
    private static final int SMALL_OBJECT_BYTES = 64 * 1024;

    private final FileSystemStorageConfig config;
    private final KeyPaths paths;
    private final KeyLocks locks;
    private final FileListing listing;
    private final boolean syncDirectories;

    /**
     * Opens the backend over {@code config.root()}, creating it if configured, and deletes the temporary files of
     * writers that died.
     *
     * @throws StorageException if the root cannot be created or read, is no directory, or is on a case-insensitive
     *                          file system (where keys {@code a} and {@code A} would be one file)
     */
    public FileSystemStorageBackend(FileSystemStorageConfig config) {
        super(nameOf(config), capabilitiesOf(config), config.writeKeys());
        this.config = config;
        try {
            if (config.createRoot()) {
                Files.createDirectories(config.root());
            }
            Path root = config.root().toRealPath();
            if (!Files.isDirectory(root)) {
                throw new StorageException(name(), StorageOperation.OPEN, null, "the root is not a directory", null);
            }
            if (RootProbes.isCaseInsensitive(root)) {
                throw new StorageException(name(), StorageOperation.OPEN, null, "the root is on a case-insensitive file"
                        + " system, where keys differing only in case would be one file", null);
            }
            this.syncDirectories = RootProbes.canSyncDirectories(root);
            this.paths = new KeyPaths(root, syncDirectories);
            if (config.cleanTempFilesOnOpen()) {
                TempFiles.cleanUp(root);
            }
            this.locks = KeyLocks.open(root);
        } catch (IOException e) {
            throw failure(StorageOperation.OPEN, null, e);
        }
        this.listing = new FileListing(name(), paths);
    }

    /** A backend with every default over {@code root}. See {@link #FileSystemStorageBackend(FileSystemStorageConfig)}. */
    public static FileSystemStorageBackend open(Path root) {
        return new FileSystemStorageBackend(FileSystemStorageConfig.of(root));
    }

    /** The config this backend was opened with. */
    public FileSystemStorageConfig config() {
        return config;
    }

    private static String nameOf(FileSystemStorageConfig config) {
        Objects.requireNonNull(config, "config is null");
        String uri = config.root().toUri().toString();
        return uri.endsWith("/") && uri.length() > "file:///".length() ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static Set<Capability> capabilitiesOf(FileSystemStorageConfig config) {
        Set<Capability> capabilities = EnumSet.of(Capability.CONDITIONAL_WRITE, Capability.RANGE_READ,
                Capability.SERVER_SIDE_COPY, Capability.USER_METADATA, Capability.DELIMITER_LISTING);
        if (config.contentSha256()) {
            capabilities.add(Capability.CONTENT_SHA256);
        }
        return capabilities;
    }

    @Override
    protected ObjectInfo doPut(String key, InputStream body, long length, PutOptions options) {
        try {
            checkPrecondition(key, options);
            Path temp = newTempFile(key);
            try {
                ObjectInfo info;
                MessageDigest md5 = ObjectFiles.digest("MD5");
                MessageDigest sha256 = config.contentSha256() ? ObjectFiles.digest("SHA-256") : null;
                try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    long size = ObjectFiles.writeBody(body, length, out, md5, sha256);
                    info = ObjectInfo.builder().key(key).size(size).etag('"' + ObjectFiles.hex(md5) + '"').lastModified(now())
                            .contentType(options.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                            .headers(options.headers()).metadata(options.metadata())
                            .sha256(sha256 == null ? null : ObjectFiles.hex(sha256)).build();
                    ObjectFiles.finish(out, info);
                }
                ensureOpen();
                publish(key, temp, options);
                temp = null;
                return info;
            } finally {
                deleteUnpublished(temp);
            }
        } catch (ObjectFiles.BodyReadException e) {
            throw new StorageException(name(), StorageOperation.PUT, key, "reading the body failed", e.getCause());
        } catch (IOException e) {
            throw failure(StorageOperation.PUT, key, e);
        }
    }

    /** Deletes the temporary file of a write that failed before its rename; {@code null} once it was renamed. */
    private static void deleteUnpublished(Path temp) throws IOException {
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
    }

    /** A new temporary file in the directory of {@code key}, creating the directories (again, if a delete pruned them). */
    private Path newTempFile(String key) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return TempFiles.newTempFile(paths.createDirectories(key));
            } catch (NoSuchFileException prunedMeanwhile) {
                // A delete removed an emptied directory on the way between our mkdir and our create: make it again.
                if (attempt == CREATE_ATTEMPTS) {
                    throw prunedMeanwhile;
                }
            }
        }
    }

    /** Under the key's lock: checks the precondition again, then renames {@code temp} over the object file. */
    private void publish(String key, Path temp, PutOptions options) throws IOException {
        Path target = paths.objectFile(key);
        locks.locked(key, () -> {
            checkPrecondition(key, options);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return null;
        });
        syncDirectory(target.getParent());
    }

    private void checkPrecondition(String key, PutOptions options) throws IOException {
        if (options.hasPrecondition()) {
            Preconditions.check(name(), key, options, currentEtag(key));
        }
    }

    private String currentEtag(String key) throws IOException {
        Path directory = paths.directoryOf(key);
        return paths.checkReal(directory) ? ObjectFiles.etagOf(paths.objectFile(directory, key)) : null;
    }

    @Override
    protected StorageObject doGet(String key, GetOptions options) {
        try {
            FileChannel channel = openObject(key);
            if (channel == null) {
                throw notFound(StorageOperation.GET, key);
            }
            try {
                Trailer.Read read = Trailer.read(channel, SMALL_OBJECT_BYTES);
                ObjectInfo info = checkKey(read.info, key);
                long first = 0;
                long length = info.size();
                ByteRange range = options.byteRange().orElse(null);
                if (range != null) {
                    if (!range.isSatisfiable(info.size())) {
                        throw new RangeNotSatisfiableException(name(), StorageOperation.GET, key, "range " + range
                                + " starts at or past the end of the object of " + info.size() + " bytes", null);
                    }
                    first = range.firstByte(info.size());
                    length = range.length(info.size());
                }
                InputStream stream;
                if (read.wholeFile != null) {
                    // A small object came whole with its info, in one read: serve it from memory, free the file now.
                    channel.close();
                    stream = new ByteArrayInputStream(read.wholeFile, (int) first, (int) length);
                } else {
                    stream = new RegionInputStream(channel, first, length);
                }
                return new StorageObject(info, stream, length, range);
            } catch (IOException | RuntimeException e) {
                Failures.closeAfter(channel, e);
                throw e;
            }
        } catch (IOException e) {
            throw failure(StorageOperation.GET, key, e);
        }
    }

    @Override
    protected Optional<ObjectInfo> doHead(String key) {
        try {
            FileChannel channel = openObject(key);
            if (channel == null) {
                return Optional.empty();
            }
            try (channel) {
                return Optional.of(readInfo(channel, key));
            }
        } catch (IOException e) {
            throw failure(StorageOperation.HEAD, key, e);
        }
    }

    /** The object file of {@code key} open for reading, or {@code null} if there is none. */
    private FileChannel openObject(String key) throws IOException {
        Path directory = paths.directoryOf(key);
        if (!paths.checkReal(directory)) {
            return null;
        }
        return ObjectFiles.open(paths.objectFile(directory, key));
    }

    private static ObjectInfo readInfo(FileChannel channel, String key) throws IOException {
        return checkKey(Trailer.read(channel), key);
    }

    private static ObjectInfo checkKey(ObjectInfo info, String key) throws IOException {
        if (!info.key().equals(key)) {
            throw new Trailer.NotAnObjectFile("the file holds the object of another key");
        }
        return info;
    }

    @Override
    protected void doDelete(String key) {
        try {
            Path directory = paths.directoryOf(key);
            if (!paths.checkReal(directory)) {
                return;
            }
            Path file = paths.objectFile(key);
            boolean deleted = locks.locked(key, () -> {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException alreadyGone) {
                    return false;
                }
                if (!attributes.isRegularFile()) {
                    throw new KeyPaths.SymbolicLinkException(file.getFileName() + " is a link or a directory, not an object file");
                }
                return Files.deleteIfExists(file);
            });
            if (deleted) {
                syncDirectory(directory);
                paths.prune(directory);
            }
        } catch (IOException e) {
            throw failure(StorageOperation.DELETE, key, e);
        }
    }

    /** Forces {@code directory}'s entries (a rename or a delete in it) to the disk, where the platform can. */
    private void syncDirectory(Path directory) throws IOException {
        if (!syncDirectories) {
            return;
        }
        try {
            ObjectFiles.syncDirectory(directory);
        } catch (NoSuchFileException prunedMeanwhile) {
            // A concurrent delete emptied the directory and removed it after our rename or delete: nothing of ours is
            // left in it to make durable, and the removal is that delete's own to force.
        }
    }

    @Override
    protected ListPage doListPage(ListOptions options) {
        try {
            return listing.page(options);
        } catch (IOException e) {
            throw failure(StorageOperation.LIST, null, e);
        }
    }

    /**
     * Copies inside the file system: the kernel copies the bytes into a temporary file beside the target, the new info
     * is appended, and the file is renamed into place like a put.
     */
    @Override
    protected ObjectInfo doCopy(String sourceKey, String targetKey, CopyOptions options) {
        try {
            FileChannel source = openObject(sourceKey);
            if (source == null) {
                throw notFound(StorageOperation.COPY, sourceKey);
            }
            try (source) {
                ObjectInfo info = readInfo(source, sourceKey);
                if (sourceKey.equals(targetKey) && options.replacement().isEmpty()) {
                    return info;
                }
                ObjectInfo.Builder copied = info.toBuilder().key(targetKey).lastModified(now());
                options.replacement().ifPresent(r -> copied.contentType(r.contentType().orElse(PutOptions.DEFAULT_CONTENT_TYPE))
                        .headers(r.headers()).metadata(r.metadata()));
                ObjectInfo target = copied.build();
                Path temp = newTempFile(targetKey);
                try {
                    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        ObjectFiles.copyBytes(source, info.size(), out);
                        ObjectFiles.finish(out, target);
                    }
                    ensureOpen();
                    publish(targetKey, temp, PutOptions.defaults());
                    temp = null;
                    return target;
                } finally {
                    deleteUnpublished(temp);
                }
            }
        } catch (IOException e) {
            throw failure(StorageOperation.COPY, targetKey, e);
        }
    }

    @Override
    protected void doClose() {
        try {
            locks.close();
        } catch (IOException e) {
            throw failure(StorageOperation.OPEN, null, e);
        }
    }

    /** The name; never any content. */
    @Override
    public String toString() {
        return "FileSystemStorageBackend{" + name() + ", capabilities=" + capabilities() + '}';
    }

    private StorageException failure(StorageOperation operation, String key, IOException e) {
        return Failures.of(name(), operation, key, e);
    }

    private ObjectNotFoundException notFound(StorageOperation operation, String key) {
        return new ObjectNotFoundException(name(), operation, key, "no object at this key", null);
    }

    private static Instant now() {
        // Head answers what the trailer holds, and S3-protocol stores report last-modified to the second.
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
