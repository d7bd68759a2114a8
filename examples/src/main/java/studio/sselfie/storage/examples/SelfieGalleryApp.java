package studio.sselfie.storage.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.StorageObject;

/**
 * A selfie gallery in a few steps, on whatever store {@code STORAGE_URI} names (default {@code mem://gallery}): upload
 * selfies with content type and metadata, list one user's photos, check a stored image with a ranged read, make a
 * thumbnail, and print what is stored.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests -Prun-example verify
 * mvn -q -pl examples -am -DskipTests -Prun-example verify -DSTORAGE_URI='s3://bucket?endpoint=http://localhost:9000&amp;pathStyle=true'
 * </pre>
 *
 * The app names no backend: {@link StorageBackends#open} finds the one for the URI's scheme on the class path.
 */
public final class SelfieGalleryApp {
    /** Width of the thumbnails the gallery shows. */
    static final int THUMBNAIL_WIDTH = 160;
    /** The selfies uploaded: user, file, size; the seed of each drawing follows from its place in the list. */
    static final List<Selfie> SELFIES = List.of(
            new Selfie("ana", "1.jpg", 480, 640),
            new Selfie("ana", "2.jpg", 640, 480),
            new Selfie("ana", "3.jpg", 512, 512),
            new Selfie("ben", "1.jpg", 600, 800));
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    /** One selfie to upload. */
    record Selfie(String user, String file, int width, int height) {
        String key() {
            return GalleryKeys.original(user, file);
        }
    }

    /** Opens the store {@code STORAGE_URI} names and runs the gallery on it; a failure ends with an exception. */
    public static void main(String[] args) {
        try (StorageBackend backend = StorageBackends.open(ExampleConfig.storageUri())) {
            run(backend, System.out);
        }
    }

    /**
     * Runs the gallery on {@code backend}, printing what it does to {@code out}. Objects already at the gallery's keys
     * are replaced.
     *
     * @throws IllegalStateException if an image read back is not a JPEG
     */
    public static void run(StorageBackend backend, PrintStream out) {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(out, "out is null");
        // backend.name() never holds a secret, unlike a URI a user might have pasted credentials into.
        out.println("Selfie gallery on " + backend.name());

        List<ObjectInfo> uploaded = new ArrayList<>();
        for (int i = 0; i < SELFIES.size(); i++) {
            uploaded.add(upload(backend, SELFIES.get(i), i + 1));
        }
        out.println("Uploaded " + uploaded.size() + " selfies");

        Selfie first = SELFIES.get(0);
        out.println("Folders of " + first.user() + ": " + folders(backend, first.user()));
        List<ObjectInfo> photos = photosOf(backend, first.user());
        out.println("Photos of " + first.user() + ": "
                + photos.stream().map(ObjectInfo::key).collect(Collectors.joining(", ")));

        checkIsJpeg(backend, first.key());
        out.println("Checked " + first.key() + " starts with the JPEG magic bytes (ranged read of 3 bytes)");

        ObjectInfo thumbnail = storeThumbnail(backend, first.key());
        out.println("Thumbnail " + thumbnail.key() + " (" + THUMBNAIL_WIDTH + " px wide)");

        out.println();
        out.printf("%-32s %8s  %s%n", "key", "bytes", "etag");
        Stream.concat(uploaded.stream(), Stream.of(thumbnail))
                .forEach(info -> out.printf("%-32s %8d  %s%n", info.key(), info.size(), info.etag()));
    }

    static ObjectInfo upload(StorageBackend backend, Selfie selfie, long seed) {
        byte[] jpeg = SelfieDrawing.jpeg(selfie.width(), selfie.height(), seed);
        PutOptions.Builder options = PutOptions.builder().contentType(Images.JPEG);
        if (backend.supports(Capability.USER_METADATA)) {
            options.metadata("user", selfie.user()).metadata("app", "selfie-gallery-example");
        }
        return backend.put(selfie.key(), jpeg, options.build());
    }

    /** The "folders" right under a user's prefix, e.g. {@code users/ana/originals/}. */
    static List<String> folders(StorageBackend backend, String user) {
        if (!backend.supports(Capability.DELIMITER_LISTING)) {
            return List.of("(this store cannot group keys by a delimiter)");
        }
        ListOptions options = ListOptions.builder().prefix(GalleryKeys.USERS_PREFIX + user + "/").delimiter("/").build();
        return backend.listPages(options).flatMap(page -> page.commonPrefixes().stream()).collect(Collectors.toList());
    }

    /** A user's originals, without anything in deeper "folders". */
    static List<ObjectInfo> photosOf(StorageBackend backend, String user) {
        ListOptions.Builder options = ListOptions.builder().prefix(GalleryKeys.originalsOf(user));
        if (backend.supports(Capability.DELIMITER_LISTING)) {
            options.delimiter("/");
        }
        return backend.listPages(options.build()).map(ListPage::objects).flatMap(List::stream)
                .filter(info -> GalleryKeys.isOriginal(info.key())).collect(Collectors.toList());
    }

    /** Reads only the first bytes of the object: enough to tell a JPEG, whatever the image's size. */
    static void checkIsJpeg(StorageBackend backend, String key) {
        byte[] head;
        try (StorageObject object = backend.get(key, GetOptions.range(ByteRange.of(0, JPEG_MAGIC.length - 1)))) {
            head = object.readAllBytes();
        }
        if (!Arrays.equals(head, JPEG_MAGIC)) {
            throw new IllegalStateException("'" + key + "' does not start with the JPEG magic bytes FF D8 FF");
        }
    }

    static ObjectInfo storeThumbnail(StorageBackend backend, String originalKey) {
        Images.Thumbnail thumbnail;
        try (StorageObject original = backend.get(originalKey)) {
            thumbnail = Images.thumbnail(original.stream(), THUMBNAIL_WIDTH);
        } catch (IOException e) {
            throw new UncheckedIOException("making a thumbnail of '" + originalKey + "' failed", e);
        }
        PutOptions.Builder options = PutOptions.builder().contentType(Images.JPEG);
        if (backend.supports(Capability.USER_METADATA)) {
            options.metadata("source", GalleryKeys.asMetadataValue(originalKey))
                    .metadata("width", Integer.toString(thumbnail.width()))
                    .metadata("height", Integer.toString(thumbnail.height()));
        }
        return backend.put(GalleryKeys.thumbnailOf(originalKey), thumbnail.jpeg(), options.build());
    }

    private SelfieGalleryApp() {
    }
}
