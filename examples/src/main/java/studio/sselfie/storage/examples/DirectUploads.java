package studio.sselfie.storage.examples;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import studio.sselfie.storage.ByteRange;
import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.GetOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;

/**
 * The app's side of uploads straight from phones: it signs a constrained upload for a fresh key, the phone sends the
 * photo to the store, and the app then confirms what arrived (head, size, magic bytes) and hands out signed
 * downloads.
 *
 * <p>The upload is a POST: only a POST policy makes the store enforce a size range (1 KiB..20 MiB). A POST cannot
 * forbid overwriting an existing object, so each upload gets a fresh random key instead ({@code <uuid>.jpg}); the
 * store enforces that key, the declared content type, the size range and the metadata.
 */
final class DirectUploads {
    static final long MIN_BYTES = 1024;
    static final long MAX_BYTES = 20L * 1024 * 1024;
    static final Duration UPLOAD_EXPIRY = Duration.ofMinutes(10);
    static final Duration DOWNLOAD_EXPIRY = Duration.ofMinutes(15);
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final Map<String, String> EXTENSIONS = Map.of(Images.JPEG, "jpg", Images.PNG, "png");

    private final StorageBackend backend;

    DirectUploads(StorageBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend is null");
    }

    /** A signed upload and the key it may store. */
    record Grant(String key, PresignedRequest request) {
    }

    /**
     * Signs an upload of one photo of {@code contentType} by {@code user} to a fresh key.
     *
     * @throws IllegalArgumentException if the type is neither JPEG nor PNG
     */
    Grant issue(String user, String contentType) {
        String extension = EXTENSIONS.get(contentType);
        if (extension == null) {
            throw new IllegalArgumentException("only " + EXTENSIONS.keySet() + " are accepted, not " + contentType);
        }
        String key = GalleryKeys.originalsOf(user) + UUID.randomUUID() + "." + extension;
        PresignedRequest request = backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.key(key)
                .contentType(contentType).sizeRange(MIN_BYTES, MAX_BYTES).metadata("user", user)
                .expiry(UPLOAD_EXPIRY)));
        return new Grant(key, request);
    }

    /**
     * The info of what the phone uploaded to {@code key}, once it proves to be a photo of the granted type and size; an
     * upload that is not (its bytes are not the image its type declares) is deleted.
     *
     * @return empty if nothing was uploaded
     * @throws IllegalStateException if the upload is not what was granted (it is deleted first)
     */
    Optional<ObjectInfo> confirm(String key) {
        Optional<ObjectInfo> uploaded = backend.head(key);
        if (uploaded.isEmpty()) {
            return uploaded;
        }
        ObjectInfo info = uploaded.get();
        String type = info.contentType().orElse("");
        byte[] magic = Images.PNG.equals(type) ? PNG_MAGIC : JPEG_MAGIC;
        byte[] head;
        try (StorageObject object = backend.get(key, GetOptions.range(ByteRange.of(0, magic.length - 1)))) {
            head = object.readAllBytes();
        }
        if (!EXTENSIONS.containsKey(type) || info.size() < MIN_BYTES || info.size() > MAX_BYTES
                || !Arrays.equals(head, magic)) {
            backend.delete(key);
            throw new IllegalStateException("'" + key + "' is not the " + type + " photo of " + MIN_BYTES + ".."
                    + MAX_BYTES + " bytes that was granted: deleted");
        }
        return uploaded;
    }

    /** A signed download of {@code key} that a browser saves as {@code filename}. */
    PresignedRequest download(String key, String filename) {
        return backend.presigner().download(key, DownloadOptions.builder().expiry(DOWNLOAD_EXPIRY)
                .responseContentDisposition(ContentDisposition.attachment(filename)).build());
    }
}
