package studio.sselfie.storage.migration.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

import studio.sselfie.storage.ObjectHeaders;

/**
 * What a key was before a step changed it, stored at {@code P/backup/<namespace>/<sha256(key)>.json}; when it
 * {@code existed}, its bytes are in the {@code .data} object next to it, or, for the source of a move, at the move's
 * target ({@code dataAt}), verified there; either is written first: a record never exists without its data.
 *
 * @param key         the user key
 * @param existed     whether an object was there
 * @param etag        its ETag, when it existed
 * @param sha256      its SHA-256, when it existed
 * @param size        its size, when it existed
 * @param contentType its content type, when it existed and had one
 * @param metadata    its user metadata, when it existed; null in a record of a batch of moves (see
 *                    {@link BackupStore#recordMoves}), whose content type, headers and metadata are those of the object
 *                    at {@code dataAt}, a server-side copy of it
 * @param headers     its HTTP object headers by name ({@code Cache-Control}, ..., {@code Expires} as an HTTP date), when
 *                    it existed; {@code null} in records written before headers were kept, which restore does not check
 * @param lastModified its last-modified time (ISO-8601), when it existed
 * @param takenAt     when the backup was taken (ISO-8601)
 * @param dataAt      where the bytes are when not in the {@code .data} object: the target of a move, which holds them
 *                    (verified) until the step writes that target again (the backup store copies them into the
 *                    {@code .data} object first) or a rollback restores them; null for a record with its own data
 */
public record BackupRecord(String key, boolean existed, String etag, String sha256, long size, String contentType,
                           Map<String, String> metadata, Map<String, String> headers, String lastModified, String takenAt,
                           String dataAt) {
    public BackupRecord {
        requireNonNull(key, "key is null");
        metadata = metadata == null ? null : Map.copyOf(metadata);
        headers = headers == null ? null : Map.copyOf(headers);
    }

    /**
     * The record of a batch of moves for {@code key}, whose listed version ({@code etag}, an MD5, and {@code size}) is
     * to be moved to {@code movedTo}: its bytes and attributes are those of {@code movedTo} once the move is done.
     */
    public static BackupRecord moved(String key, String etag, long size, String movedTo) {
        return new BackupRecord(key, true, etag, null, size, null, null, null, null, null, requireNonNull(movedTo, "movedTo is null"));
    }

    /**
     * Whether the content type, headers and metadata are those of the object at {@link #dataAt()} rather than kept in
     * this record (a record of a batch of moves): then neither they nor a SHA-256 are known here, and the MD5
     * {@link #etag()} identifies the bytes.
     */
    @JsonIgnore
    public boolean attributesAtData() {
        return metadata == null;
    }

    /** This record with its bytes at {@code newDataAt} (null: in its own {@code .data} object). */
    public BackupRecord withDataAt(String newDataAt) {
        return new BackupRecord(key, existed, etag, sha256, size, contentType, metadata, headers, lastModified, takenAt,
                newDataAt);
    }

    /** {@code headers} by name, as a record keeps them. */
    public static Map<String, String> headerMap(ObjectHeaders headers) {
        Map<String, String> map = new TreeMap<>();
        headers.cacheControl().ifPresent(value -> map.put("Cache-Control", value));
        headers.contentDisposition().ifPresent(value -> map.put("Content-Disposition", value));
        headers.contentEncoding().ifPresent(value -> map.put("Content-Encoding", value));
        headers.contentLanguage().ifPresent(value -> map.put("Content-Language", value));
        headers.expiresHttpDate().ifPresent(value -> map.put("Expires", value));
        return map;
    }

    /** The headers this record kept; none when it kept none. */
    @JsonIgnore
    public ObjectHeaders objectHeaders() {
        Map<String, String> map = headers == null ? Map.of() : headers;
        return ObjectHeaders.stored(map.get("Cache-Control"), map.get("Content-Disposition"), map.get("Content-Encoding"),
                map.get("Content-Language"), map.get("Expires"));
    }

    /** The fingerprint of the object as it was; only when it existed and the record kept its SHA-256. */
    @JsonIgnore
    public Fingerprint fingerprint() {
        return new Fingerprint(size, sha256);
    }
}
