package studio.sselfie.storage;

/**
 * What a backend supports beyond the core of put, get, head, delete and list by prefix. Callers and the conformance
 * kit ask {@link StorageBackend#supports(Capability)}; they never guess from the backend's type.
 */
public enum Capability {
    /** {@link PutOptions#ifNoneMatchAny()} and {@link PutOptions#ifMatch(String)} are honoured atomically. */
    CONDITIONAL_WRITE,
    /** {@link GetOptions#byteRange()} is served by the store, not by reading and skipping. */
    RANGE_READ,
    /** {@link StorageBackend#copy(String, String)} runs inside the store, without moving bytes through the client. */
    SERVER_SIDE_COPY,
    /** {@link StorageBackend#deleteAll(java.util.Collection)} is one request per batch, not one per key. */
    BATCH_DELETE,
    /** {@link PutOptions#metadata()} is stored and returned by head and get. */
    USER_METADATA,
    /** {@link ListOptions#delimiter()} groups keys into common prefixes. */
    DELIMITER_LISTING,
    /** {@link ObjectInfo#sha256()} is known for every object. */
    CONTENT_SHA256,
    /** Uploads of unknown or large length go through a multipart upload with a bounded buffer. */
    MULTIPART_UPLOAD,
    /**
     * {@link StorageBackend#presigner()} signs downloads and constrained uploads that clients (phones, browsers) send
     * to the store directly; the store enforces every constraint (see {@link UploadMethod}).
     */
    PRESIGNED_URLS,
    /** {@link PutOptions#storageClass()} is stored and returned in {@link ObjectInfo#storageClass()}. */
    STORAGE_CLASS,
    /**
     * {@link PutOptions#encryption()} (SSE-S3, SSE-KMS, SSE-C) is applied and returned in
     * {@link ObjectInfo#encryption()}; an SSE-C object is read only with its key ({@link GetOptions#customerKey()}).
     */
    SERVER_SIDE_ENCRYPTION
}
