package studio.sselfie.storage.examples;

import java.util.List;
import java.util.stream.Stream;
import studio.sselfie.storage.Capability;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;

/** Fills a store with the gallery as the old app version left it: flat {@code selfies/<user>/<file>.jpg} keys. */
final class GallerySeed {
    /** The selfies of the old layout: user, file, size. */
    static final List<SelfieGalleryApp.Selfie> OLD_SELFIES = List.of(
            new SelfieGalleryApp.Selfie("ana", "beach.jpg", 480, 640),
            new SelfieGalleryApp.Selfie("ana", "party.jpg", 640, 480),
            new SelfieGalleryApp.Selfie("ben", "hike.jpg", 600, 800),
            new SelfieGalleryApp.Selfie("chloe", "studio.jpg", 512, 512));
    /** A file of the old layout that is not a selfie; the migrations leave it alone. */
    static final String NOTES_KEY = GalleryKeys.OLD_PREFIX + "ana/notes.txt";

    private GallerySeed() {
    }

    /** Writes {@link #OLD_SELFIES} and {@link #NOTES_KEY}; returns the keys written. */
    static List<String> seedOldLayout(StorageBackend backend) {
        for (int i = 0; i < OLD_SELFIES.size(); i++) {
            SelfieGalleryApp.Selfie selfie = OLD_SELFIES.get(i);
            PutOptions.Builder options = PutOptions.builder().contentType(Images.JPEG);
            if (backend.supports(Capability.USER_METADATA)) {
                options.metadata("user", selfie.user());
            }
            backend.put(GalleryKeys.oldOriginal(selfie.user(), selfie.file()),
                    SelfieDrawing.jpeg(selfie.width(), selfie.height(), 100 + i), options.build());
        }
        backend.put(NOTES_KEY, "not a selfie: stays where it is");
        return keys();
    }

    /** The keys {@link #seedOldLayout} writes. */
    static List<String> keys() {
        return Stream.concat(
                OLD_SELFIES.stream().map(selfie -> GalleryKeys.oldOriginal(selfie.user(), selfie.file())),
                Stream.of(NOTES_KEY)).toList();
    }
}
