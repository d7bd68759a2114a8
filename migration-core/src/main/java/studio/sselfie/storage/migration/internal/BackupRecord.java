package studio.sselfie.storage.migration.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * What a key was before a step changed it, stored at {@code P/backup/<namespace>/<sha256(key)>.json}; when it
 * {@code existed}, its bytes are in the {@code .data} object next to it (written first: a record never exists without
 * its data).
 *
 * @param key         the user key
 * @param existed     whether an object was there
 * @param etag        its ETag, when it existed
 * @param sha256      its SHA-256, when it existed
 * @param size        its size, when it existed
 * @param contentType its content type, when it existed and had one
 * @param metadata    its user metadata, when it existed
 * @param lastModified its last-modified time (ISO-8601), when it existed
 * @param takenAt     when the backup was taken (ISO-8601)
 */
public record BackupRecord(String key, boolean existed, String etag, String sha256, long size, String contentType,
                           Map<String, String> metadata, String lastModified, String takenAt) {
    public BackupRecord {
        requireNonNull(key, "key is null");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** The fingerprint of the object as it was; only when it existed. */
    @JsonIgnore
    public Fingerprint fingerprint() {
        return new Fingerprint(size, sha256);
    }
}
