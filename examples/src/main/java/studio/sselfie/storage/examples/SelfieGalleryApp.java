package studio.sselfie.storage.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import com.google.inject.Guice;
import com.google.inject.Injector;

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
import studio.sselfie.storage.guice.StorageLifecycle;
import studio.sselfie.storage.guice.StorageModule;
import studio.sselfie.storage.resilience.ResilienceConfig;

/**
 * A selfie gallery in a few steps, on whatever store {@code STORAGE_URI} names: upload selfies with content type and
 * metadata, list one user's photos, check a stored image with a ranged read, make a thumbnail; then, where the store
 * signs requests, the upload flow of a phone app: the app signs a constrained upload, a phone sends its photo straight
 * to the store, the app confirms it, makes its thumbnail and serves both by signed downloads. Prints what is stored.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests -Prun-example verify
 * mvn -q -pl examples -am -DskipTests -Prun-example verify -DSTORAGE_URI='s3://bucket?endpoint=http://localhost:9000&amp;pathStyle=true'
 * </pre>
 *
 * The app is wired as an app team wires it: Guice binds the backend ({@link StorageModule}) from the URI, in the
 * resilience decorator. It names no backend: {@link StorageBackends#open} finds the one for the URI's scheme on the
 * class path.
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
        Injector injector = Guice.createInjector(StorageModule.builder().backend(ExampleConfig.storageUri())
                .resilience(ResilienceConfig.defaults()).build());
        try (StorageLifecycle storage = injector.getInstance(StorageLifecycle.class)) {
            run(injector.getInstance(StorageBackend.class), Phone.http(), System.out);
        }
    }

    /** Runs the gallery on {@code backend} with a phone that talks HTTP; see {@link #run(StorageBackend, Phone, PrintStream)}. */
    public static void run(StorageBackend backend, PrintStream out) {
        run(backend, Phone.http(), out);
    }

    /**
     * Runs the gallery on {@code backend}, printing what it does to {@code out}. Objects already at the gallery's keys
     * are replaced.
     *
     * @throws IllegalStateException if an image read back is not a JPEG
     */
    static void run(StorageBackend backend, Phone phone, PrintStream out) {
        Objects.requireNonNull(backend, "backend is null");
        Objects.requireNonNull(phone, "phone is null");
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
        uploaded.add(thumbnail);

        if (backend.supports(Capability.PRESIGNED_URLS)) {
            uploaded.addAll(uploadFromPhone(backend, phone, "cleo", out));
        } else {
            out.println("Direct upload from a phone skipped: " + backend.name() + " does not sign requests");
        }

        out.println();
        out.printf("%-64s %8s  %s%n", "key", "bytes", "etag");
        uploaded.forEach(info -> out.printf("%-64s %8d  %s%n", info.key(), info.size(), info.etag()));
    }

    /**
     * The upload flow of a phone app: the app signs an upload (POST: JPEG, 1 KiB..20 MiB, a fresh key), the phone
     * sends its photo to the store directly, the app confirms what arrived, makes the thumbnail, and the phone fetches
     * both through signed downloads. Returns the original's and the thumbnail's info.
     *
     * @throws IllegalStateException if the store refuses the upload or a download, or what arrived is not the photo
     */
    static List<ObjectInfo> uploadFromPhone(StorageBackend backend, Phone phone, String user, PrintStream out) {
        DirectUploads uploads = new DirectUploads(backend);
        byte[] photo = SelfieDrawing.jpeg(720, 960, 99);

        DirectUploads.Grant grant = uploads.issue(user, Images.JPEG);
        out.println("Signed a " + grant.request().method() + " upload for " + grant.key() + " (JPEG, "
                + DirectUploads.MIN_BYTES + ".." + DirectUploads.MAX_BYTES + " bytes, until " + grant.request().expiresAt()
                + "; a POST cannot forbid overwrites, so the key is fresh)");
        Phone.Answer sent = phone.send(grant.request(), photo, Map.of());
        if (!sent.accepted()) {
            throw new IllegalStateException("the store refused the phone's upload: HTTP " + sent.status());
        }
        ObjectInfo original = uploads.confirm(grant.key())
                .orElseThrow(() -> new IllegalStateException("the store accepted the upload but holds no " + grant.key()));
        out.println("Phone uploaded " + original.size() + " bytes; confirmed " + original.contentType().orElse("?")
                + " by head and magic bytes");
        ObjectInfo thumbnail = storeThumbnail(backend, original.key());
        out.println("Thumbnail " + thumbnail.key());

        for (ObjectInfo info : List.of(original, thumbnail)) {
            String filename = info.key().substring(info.key().lastIndexOf('/') + 1);
            Phone.Answer download = phone.send(uploads.download(info.key(), filename), new byte[0], Map.of());
            if (!download.accepted() || download.body().length != info.size()) {
                throw new IllegalStateException("the signed download of " + info.key() + " failed: HTTP " + download.status());
            }
            out.println("Phone downloaded " + info.key() + " by a signed GET (" + download.body().length
                    + " bytes, Content-Disposition: " + download.contentDisposition() + ")");
        }
        return List.of(original, thumbnail);
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
