package studio.sselfie.storage.testkit.s3server;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.SdkResponses;

import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.StorageClass;

/**
 * S3Proxy's {@code filesystem} store with a listing that costs what its page holds. S3Proxy 4.1 answers every
 * ListObjects page by reading the attributes and extended attributes of every object under the prefix, building all of
 * them into a sorted set and then cutting out the page after the marker: at 100,000 objects in one prefix a page of
 * 1,000 costs a {@code stat} and several {@code getxattr} calls for each of the 100,000 (seconds) and about 390 MiB
 * allocated, so a full listing grows with the square of the object count. Here a page reads only the names under the
 * prefix, the file type of those it needs, and the extended attributes of the page's own objects.
 *
 * <p>Only the listing without delimiter is answered here (the one a migration, {@code rm -r} or a count uses); a
 * listing with a delimiter goes to S3Proxy. The answer is S3Proxy's, object for object: keys in the same (Java
 * {@code String}) order, the same ETag, size, last-modified and storage class, read from the same extended attributes
 * ({@code user.content-md5}, {@code user.storage-tier}); a directory marker ({@code photos/}) listed as an empty object;
 * the store's own names ({@code .mpus-*}, {@code .s3proxy-slash}, {@code .s3proxy-versions}) hidden.
 * {@code PagedListingBlobStoreTest} compares the two listings.
 */
final class PagedListingBlobStore extends ForwardingBlobStore {
    private static final String MULTIPART_PREFIX = ".mpus-";
    private static final String SLASH_BLOB_NAME = ".s3proxy-slash";
    private static final String VERSIONS_DIR = ".s3proxy-versions";
    // The names S3Proxy's UserDefinedFileAttributeView writes (stored by the kernel as "user.user.content-md5").
    private static final String CONTENT_MD5 = "user.content-md5";
    private static final String STORAGE_TIER = "user.storage-tier";
    private static final int DEFAULT_PAGE = 1000;

    private final Path root;

    PagedListingBlobStore(BlobStore filesystemStore, Path root) {
        super(filesystemStore);
        this.root = requireNonNull(root, "root is null").toAbsolutePath();
    }

    @Override
    public ListObjectsV2Response list(ListObjectsV2Request request) {
        String delimiter = request.delimiter();
        Path container = root.resolve(request.bucket()).normalize();
        int max = request.maxKeys() == null ? DEFAULT_PAGE : request.maxKeys();
        String prefix = request.prefix() == null ? "" : request.prefix();
        if ((delimiter != null && !delimiter.isEmpty()) || max <= 0 || !container.getParent().equals(root)
                || !Files.isDirectory(container) || !plain(prefix)) {
            // S3Proxy answers these itself: its errors for a missing bucket, its rules for delimiters and for a
            // prefix it normalises as a path.
            return delegate().list(request);
        }
        String marker = request.continuationToken() != null ? request.continuationToken() : request.startAfter();
        Page page = new Page(prefix, marker, max + 1);
        try {
            page.walk(container, container, "");
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + request.bucket() + " under '" + prefix + "'", e);
        }
        List<S3Object> objects = page.objects;
        String next = null;
        if (objects.size() > max) {
            objects = objects.subList(0, max);
            next = objects.get(max - 1).key();
        }
        return SdkResponses.objectsPage(objects, List.of(), next);
    }

    /** Whether S3Proxy takes {@code prefix} as it is, not as a path it normalises ('.', '..', '//'). */
    private static boolean plain(String prefix) {
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return !prefix.startsWith("/") && !prefix.contains("//");
    }

    /** One page being gathered: the objects after the marker, in key order, up to the limit. */
    private static final class Page {
        private final String prefix;
        private final String marker;
        private final int limit;
        private final List<S3Object> objects = new ArrayList<>();

        Page(String prefix, String marker, int limit) {
            this.prefix = prefix;
            this.marker = marker;
            this.limit = limit;
        }

        boolean full() {
            return objects.size() >= limit;
        }

        /**
         * Lists {@code directory}, whose keys start with {@code base} ("" or ending in '/'), in key order. A name's
         * type (file or directory) is read only where it decides something: for the names the page takes, for a name
         * another name of the directory starts with (a directory sorts as its name and '/', so "a" as a directory
         * sorts after "a-b", as a file before it), and for a name the marker starts with.
         */
        void walk(Path container, Path directory, String base) throws IOException {
            List<Entry> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
                for (Path path : stream) {
                    String name = path.getFileName().toString();
                    String key = base + name;
                    if (hidden(name, directory.equals(container)) || !(key.startsWith(prefix) || prefix.startsWith(key))) {
                        continue;
                    }
                    entries.add(new Entry(path, key));
                }
            } catch (NoSuchFileException | NotDirectoryException | DirectoryIteratorException vanished) {
                // Removed while listed (a delete emptied it): its keys are gone too.
                return;
            }
            entries.sort(Comparator.comparing(Entry::key));
            boolean resorted = false;
            for (int i = 0; i + 1 < entries.size(); i++) {
                if (entries.get(i + 1).key.startsWith(entries.get(i).key)) {
                    entries.get(i).readType();
                    resorted = true;
                }
            }
            if (resorted) {
                entries.sort(Comparator.comparing(Entry::sortKey));
            }
            for (Entry entry : entries) {
                if (full()) {
                    return;
                }
                if (marker != null && entry.key.compareTo(marker) <= 0) {
                    // Before the marker, unless it is a directory whose keys reach past it.
                    if (!marker.startsWith(entry.key) || !entry.readType() || (entry.sortKey().compareTo(marker) <= 0
                            && !marker.startsWith(entry.sortKey()))) {
                        continue;
                    }
                }
                if (!entry.readType()) {
                    continue; // vanished
                }
                if (!entry.attributes.isDirectory()) {
                    if (entry.key.startsWith(prefix) && after(entry.key)) {
                        add(entry.path, entry.key, entry.attributes, false);
                    }
                    continue;
                }
                String directoryKey = entry.sortKey();
                if (directoryKey.startsWith(prefix) && after(directoryKey)) {
                    add(entry.path, directoryKey, entry.attributes, true);
                }
                walk(container, entry.path, directoryKey);
            }
        }

        private boolean after(String key) {
            return marker == null || key.compareTo(marker) > 0;
        }

        private void add(Path path, String key, BasicFileAttributes attributes, boolean directory) throws IOException {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(path, UserDefinedFileAttributeView.class);
            List<String> names;
            try {
                names = view == null ? List.of() : view.list();
            } catch (NoSuchFileException vanished) {
                return;
            }
            if (directory && !names.contains(CONTENT_MD5)) {
                return; // a plain directory, not a stored marker
            }
            try {
                String eTag = names.contains(CONTENT_MD5) ? eTag(read(view, CONTENT_MD5)) : null;
                StorageClass storageClass = StorageClass.STANDARD;
                if (names.contains(STORAGE_TIER)) {
                    storageClass = storageClass(new String(read(view, STORAGE_TIER), StandardCharsets.UTF_8));
                }
                Instant lastModified = Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis());
                objects.add(SdkResponses.objectEntry(key, eTag, lastModified, directory ? 0L : attributes.size(),
                        storageClass));
            } catch (NoSuchFileException vanished) {
                // Deleted between its stat and its attributes: it does not appear.
            }
        }

        private static byte[] read(UserDefinedFileAttributeView view, String name) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(view.size(name));
            view.read(name, buffer);
            return buffer.array();
        }

        // As S3Proxy: 16 bytes are an MD5, anything else the text of a multipart ETag.
        private static String eTag(byte[] stored) {
            return stored.length == 16 ? HexFormat.of().formatHex(stored) : new String(stored, StandardCharsets.US_ASCII);
        }

        private static StorageClass storageClass(String stored) {
            try {
                return StorageClass.valueOf(stored);
            } catch (IllegalArgumentException unknown) {
                return StorageClass.STANDARD;
            }
        }

        private static boolean hidden(String name, boolean inContainer) {
            return name.startsWith(MULTIPART_PREFIX) || name.equals(SLASH_BLOB_NAME)
                    || (inContainer && name.equals(VERSIONS_DIR));
        }
    }

    /** A name of a listed directory and its key; its attributes once read. */
    private static final class Entry {
        private final Path path;
        private final String key;
        private BasicFileAttributes attributes;
        private boolean read;

        Entry(Path path, String key) {
            this.path = path;
            this.key = key;
        }

        String key() {
            return key;
        }

        /** The key it sorts as among its siblings: a directory's with '/' after it; a file's (or unread) as is. */
        String sortKey() {
            return attributes != null && attributes.isDirectory() ? key + "/" : key;
        }

        /** Reads the attributes once; false when the name has vanished. */
        boolean readType() throws IOException {
            if (!read) {
                read = true;
                try {
                    attributes = Files.readAttributes(path, BasicFileAttributes.class);
                } catch (NoSuchFileException vanished) {
                    attributes = null;
                }
            }
            return attributes != null;
        }
    }
}
