package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/** A moved, copied, rewritten, backed-up or restored object keeps its HTTP object headers. */
class HeadersMigrationTest {
    private static final ObjectHeaders HEADERS = ObjectHeaders.builder()
            .cacheControl("public, max-age=31536000, immutable")
            .contentDisposition(ContentDisposition.inline("Grüße.png"))
            .contentEncoding("identity")
            .contentLanguage("de-CH")
            .expires(Instant.parse("2031-05-17T08:30:00Z"))
            .build();

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    private Migrator migrator(StorageBackend backend, Migration... migrations) {
        return Migrator.builder().backend(backend).migrations(migrations).build();
    }

    private void seed(StorageBackend backend) {
        for (int i = 0; i < 3; i++) {
            backend.put("photos/" + i + ".png", ("photo " + i).getBytes(), PutOptions.builder().contentType("image/png")
                    .headers(HEADERS.toBuilder().contentLanguage("lang-" + i).build()).metadata("seed", "" + i).build());
        }
    }

    /** Everything a reader sees of each user object: bytes, content type, headers and metadata. */
    private static Map<String, String> view(StorageBackend backend) {
        Map<String, String> view = new TreeMap<>();
        backend.list("").filter(info -> !info.key().startsWith("_migrations/")).forEach(listed -> {
            ObjectInfo info = backend.head(listed.key()).orElseThrow();
            view.put(info.key(), new String(backend.getBytes(info.key())) + " | " + info.contentType().orElse(null)
                    + " | " + info.headers() + " | " + info.metadata());
        });
        return view;
    }

    @Test
    void moveKeys_thenUndo_keepsHeadersBothWaysAndRestoresTheStoreIdentically() {
        seed(store);
        Map<String, String> before = view(store);
        TestMigration move = TestMigration.of("1", ctx -> ctx.moveKeys("photos/", key -> "originals/" + key.substring(7)));

        migrator(store, move).migrate();

        Map<String, String> moved = new TreeMap<>();
        before.forEach((key, value) -> moved.put("originals/" + key.substring(7), value));
        assertThat(view(store)).isEqualTo(moved);
        assertThat(store.head("originals/1.png").orElseThrow().headers())
                .isEqualTo(HEADERS.toBuilder().contentLanguage("lang-1").build());

        migrator(store, move).undo(MigrationVersion.ZERO);

        assertThat(view(store)).isEqualTo(before);
    }

    @Test
    void copyFrom_anotherBackend_keepsHeaders() {
        InMemoryStorageBackend source = InMemoryStorageBackend.create();
        seed(source);
        TestMigration copy = TestMigration.of("1", ctx -> ctx.copyFrom(source, "photos/", key -> key));

        migrator(store, copy).migrate();

        assertThat(view(store)).isEqualTo(view(source));
    }

    @Test
    void updateMetadata_thenUndo_keepsHeadersBothWays() {
        seed(store);
        Map<String, String> before = view(store);
        TestMigration tag = TestMigration.of("1", ctx -> ctx.updateMetadata("photos/", info -> {
            Map<String, String> metadata = new HashMap<>(info.metadata());
            metadata.put("layout", "v2");
            return metadata;
        }));

        migrator(store, tag).migrate();

        assertThat(store.head("photos/2.png").orElseThrow().headers())
                .isEqualTo(HEADERS.toBuilder().contentLanguage("lang-2").build());
        assertThat(store.head("photos/2.png").orElseThrow().metadata()).containsEntry("layout", "v2");

        migrator(store, tag).undo(MigrationVersion.ZERO);

        assertThat(view(store)).isEqualTo(before);
    }
}
