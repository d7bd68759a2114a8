package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageLimits;
import studio.sselfie.storage.StorageObject;

/**
 * Conformance tests of what the store keeps beside the bytes: content type, user metadata, ETag, last-modified, size
 * and SHA-256. Content types are compared as media types (type, subtype and parameters, case-insensitive where HTTP
 * says so), never as strings, since servers may reformat them; ETags are opaque.
 */
public abstract class MetadataContract extends ConformanceContract {
    /** How far a remote server's clock may be from this machine's. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    protected MetadataContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @Test
    void put_pngContentType_returnedByHeadAndGet() {
        putWithContentType("image.png", "image/png");

        assertContentTypeFromHeadAndGet("image.png", "image/png");
    }

    @Test
    void put_jpegContentType_returnedByHeadAndGet() {
        putWithContentType("image.jpg", "image/jpeg");

        assertContentTypeFromHeadAndGet("image.jpg", "image/jpeg");
    }

    @Test
    void put_contentTypeWithCharset_keepsTheParameter() {
        putWithContentType("note.txt", "text/plain; charset=utf-8");

        assertContentTypeFromHeadAndGet("note.txt", "text/plain; charset=utf-8");
    }

    @Test
    void put_withoutContentType_storesOctetStream() {
        write("blob", randomBytes(10, 1));

        assertContentTypeFromHeadAndGet("blob", PutOptions.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void put_overwriteWithoutContentType_resetsToOctetStream() {
        putWithContentType("image.png", "image/png");

        write("image.png", randomBytes(10, 2));

        assertContentTypeFromHeadAndGet("image.png", PutOptions.DEFAULT_CONTENT_TYPE);
    }

    @Test
    void put_userMetadata_returnedByHeadAndGet() {
        assumeCapability(Capability.USER_METADATA);
        Map<String, String> metadata = Map.of("author", "Jane O'Doe", "camera-model", "X100V",
                "exposure", "f/2.8, 1/250s (ISO 200)", "0-rating", "5");

        backend.put("meta.bin", randomBytes(10, 3), PutOptions.builder().metadata(metadata).build());

        assertThat(backend.head("meta.bin").orElseThrow().metadata()).isEqualTo(metadata);
        try (StorageObject object = backend.get("meta.bin")) {
            assertThat(object.info().metadata()).isEqualTo(metadata);
        }
    }

    @Test
    void put_withoutMetadata_headReturnsNoMetadata() {
        write("plain.bin", randomBytes(10, 4));

        assertThat(backend.head("plain.bin").orElseThrow().metadata()).isEmpty();
    }

    @Test
    void put_overwriteWithOtherMetadata_replacesRatherThanMerges() {
        assumeCapability(Capability.USER_METADATA);
        backend.put("meta.bin", randomBytes(10, 5), PutOptions.builder().metadata("old", "1").metadata("shared", "a").build());

        backend.put("meta.bin", randomBytes(10, 6), PutOptions.builder().metadata("new", "2").metadata("shared", "b").build());

        assertThat(backend.head("meta.bin").orElseThrow().metadata()).isEqualTo(Map.of("new", "2", "shared", "b"));
    }

    @Test
    void put_metadataOfExactlyTheLimit_isStoredWhole() {
        assumeCapability(Capability.USER_METADATA);
        Map<String, String> metadata = metadataOfBytes(StorageLimits.MAX_METADATA_BYTES);

        backend.put("full.bin", randomBytes(10, 7), PutOptions.builder().metadata(metadata).build());

        assertThat(backend.head("full.bin").orElseThrow().metadata()).isEqualTo(metadata);
    }

    @Test
    void put_metadataOnBackendWithoutUserMetadata_isRejectedAndNothingIsStored() {
        Assumptions.assumeFalse(backend.supports(Capability.USER_METADATA),
                () -> backend.name() + " declares USER_METADATA: test of its absence skipped");

        assertThatThrownBy(() -> backend.put("meta.bin", randomBytes(10, 9), PutOptions.builder().metadata("a", "b").build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(backend.exists("meta.bin")).isFalse();
    }

    @Test
    void etag_ofStoredObject_isNotBlank() {
        ObjectInfo stored = write("tagged.bin", randomBytes(10, 10));

        assertThat(stored.etag()).isNotBlank();
        assertThat(backend.head("tagged.bin").orElseThrow().etag()).isNotBlank();
    }

    @Test
    void etag_ofOneObject_isTheSameFromPutHeadGetAndList() {
        String etag = write("tagged.bin", randomBytes(1000, 11)).etag();

        assertThat(backend.head("tagged.bin").orElseThrow().etag()).isEqualTo(etag);
        try (StorageObject object = backend.get("tagged.bin")) {
            assertThat(object.info().etag()).isEqualTo(etag);
        }
        assertThat(backend.list("").map(ObjectInfo::etag)).containsExactly(etag);
    }

    @Test
    void etag_afterOverwriteWithOtherBytes_changes() {
        String first = write("tagged.bin", randomBytes(1000, 12)).etag();

        String second = write("tagged.bin", randomBytes(1000, 13)).etag();

        assertThat(second).as("etag after overwrite with other bytes must change").isNotEqualTo(first);
        assertThat(backend.head("tagged.bin").orElseThrow().etag()).as("etag from head after the overwrite must be the"
                + " one its put returned").isEqualTo(second);
    }

    @Test
    void head_calledTwice_returnsTheSameEtagAndLastModified() {
        write("stable.bin", randomBytes(100, 14));

        ObjectInfo first = backend.head("stable.bin").orElseThrow();
        ObjectInfo second = backend.head("stable.bin").orElseThrow();

        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(second.lastModified()).isEqualTo(first.lastModified());
    }

    @Test
    void lastModified_ofNewObject_isCloseToNow() {
        Instant before = Instant.now();

        write("fresh.bin", randomBytes(10, 15));

        Instant after = Instant.now();
        assertThat(backend.head("fresh.bin").orElseThrow().lastModified())
                .isBetween(before.minus(CLOCK_SKEW), after.plus(CLOCK_SKEW));
    }

    @Test
    void lastModified_afterOverwrite_isNotBeforeThePreviousVersions() {
        write("versioned.bin", randomBytes(10, 16));
        Instant previous = backend.head("versioned.bin").orElseThrow().lastModified();

        write("versioned.bin", randomBytes(10, 17));

        // Stores keep whole seconds (HTTP dates), so two writes in one second may show the same time.
        assertThat(backend.head("versioned.bin").orElseThrow().lastModified().truncatedTo(ChronoUnit.SECONDS))
                .isAfterOrEqualTo(previous.truncatedTo(ChronoUnit.SECONDS));
    }

    @Test
    void sha256_withContentSha256_equalsTheContentsDigest() {
        assumeCapability(Capability.CONTENT_SHA256);
        byte[] bytes = randomBytes(4096, 18);
        String expected = sha256(bytes);

        assertThat(write("hashed.bin", bytes).sha256()).hasValue(expected);
        assertThat(backend.head("hashed.bin").orElseThrow().sha256()).hasValue(expected);
        try (StorageObject object = backend.get("hashed.bin")) {
            assertThat(object.info().sha256()).hasValue(expected);
        }
    }

    @Test
    void size_ofEmptyObject_isZeroInHeadAndList() {
        write("empty.bin", new byte[0]);

        assertThat(backend.head("empty.bin").orElseThrow().size()).isZero();
        assertThat(backend.list("").map(ObjectInfo::size)).containsExactly(0L);
    }

    @Test
    void size_inListing_equalsHeads() {
        write("sized.bin", randomBytes(12_345, 19));

        assertThat(backend.list("").map(ObjectInfo::size)).containsExactly(12_345L);
        assertThat(backend.head("sized.bin").orElseThrow().size()).isEqualTo(12_345L);
    }

    /**
     * Asserts that {@code info} has a content type equal to {@code expected} as a media type: type, subtype and
     * parameter names compared case-insensitively, the charset value too, quotes around values and spaces ignored.
     */
    static void assertContentType(ObjectInfo info, String expected) {
        assertThat(info.contentType()).as("content type of %s", info.key()).isPresent();
        String actual = info.contentType().orElseThrow();
        assertThat(normalizedMediaType(actual))
                .as("content type of %s: '%s' should be the media type '%s'", info.key(), actual, expected)
                .isEqualTo(normalizedMediaType(expected));
    }

    private static String normalizedMediaType(String mediaType) {
        String[] parts = mediaType.split(";");
        StringBuilder normalized = new StringBuilder(parts[0].strip().toLowerCase(Locale.ROOT));
        Map<String, String> parameters = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).strip().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : parameter.substring(equals + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            parameters.put(name, name.equals("charset") ? value.toLowerCase(Locale.ROOT) : value);
        }
        parameters.forEach((name, value) -> normalized.append(';').append(name).append('=').append(value));
        return normalized.toString();
    }

    private void putWithContentType(String key, String contentType) {
        backend.put(key, randomBytes(64, key.hashCode()), PutOptions.builder().contentType(contentType).build());
    }

    private void assertContentTypeFromHeadAndGet(String key, String expected) {
        assertContentType(backend.head(key).orElseThrow(), expected);
        try (StorageObject object = backend.get(key)) {
            assertContentType(object.info(), expected);
        }
    }

    /** Metadata whose names and values take exactly {@code bytes} bytes, in entries of 256 bytes and one remainder. */
    private static Map<String, String> metadataOfBytes(int bytes) {
        Map<String, String> metadata = new LinkedHashMap<>();
        int left = bytes;
        for (int i = 0; left > 0; i++) {
            String name = "meta-" + i;
            int valueLength = Math.min(256, left) - name.length();
            metadata.put(name, "v".repeat(valueLength));
            left -= name.length() + valueLength;
        }
        return metadata;
    }
}
