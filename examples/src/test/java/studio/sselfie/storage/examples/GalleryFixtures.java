package studio.sselfie.storage.examples;

import java.util.List;
import java.util.stream.IntStream;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.testkit.MockImageGenerator;

/** Gallery data for the migration tests, drawn by the test kit's image generator. */
final class GalleryFixtures {
    /** user, file, width, height: portrait, landscape, a tall one big enough to be subsampled, a square. */
    static final List<SelfieGalleryApp.Selfie> SELFIES = List.of(
            new SelfieGalleryApp.Selfie("ana", "beach.jpg", 480, 640),
            new SelfieGalleryApp.Selfie("ana", "party.jpg", 640, 480),
            new SelfieGalleryApp.Selfie("ben", "hike.jpg", 1080, 1920),
            new SelfieGalleryApp.Selfie("chloe", "studio.jpg", 333, 333));
    // Generated once: every test seeds a fresh store with the same bytes.
    private static final List<byte[]> JPEGS = IntStream.range(0, SELFIES.size())
            .mapToObj(i -> MockImageGenerator.jpeg(SELFIES.get(i).width(), SELFIES.get(i).height(), i)).toList();
    /** Not a selfie, in the old layout's folder. */
    static final String OLD_NOTES = "selfies/ana/notes.txt";
    /** Not a selfie, in the new layout's folder. */
    static final String NEW_PROFILE = "users/ana/profile.txt";
    /** Outside both layouts. */
    static final String AVATAR = "avatars/ana.png";

    private GalleryFixtures() {
    }

    static void seedOldLayout(StorageBackend backend) {
        for (int i = 0; i < SELFIES.size(); i++) {
            SelfieGalleryApp.Selfie selfie = SELFIES.get(i);
            putSelfie(backend, GalleryKeys.oldOriginal(selfie.user(), selfie.file()), selfie, i);
        }
        backend.put(OLD_NOTES, "notes");
        putOthers(backend);
    }

    static void seedNewLayout(StorageBackend backend) {
        for (int i = 0; i < SELFIES.size(); i++) {
            SelfieGalleryApp.Selfie selfie = SELFIES.get(i);
            putSelfie(backend, selfie.key(), selfie, i);
        }
        backend.put(NEW_PROFILE, "profile");
        putOthers(backend);
    }

    static Migrator migrator(StorageBackend backend, Migration... migrations) {
        return Migrator.builder().backend(backend).migrations(migrations).build();
    }

    private static void putSelfie(StorageBackend backend, String key, SelfieGalleryApp.Selfie selfie, int index) {
        backend.put(key, JPEGS.get(index),
                PutOptions.builder().contentType("image/jpeg").metadata("user", selfie.user()).build());
    }

    private static void putOthers(StorageBackend backend) {
        backend.put(AVATAR, MockImageGenerator.png(32, 32, 7), PutOptions.builder().contentType("image/png").build());
    }
}
