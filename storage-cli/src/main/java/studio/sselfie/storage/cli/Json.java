package studio.sselfie.storage.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import studio.sselfie.storage.ObjectInfo;

/** JSON lines: one object per line, so that a listing of any length streams. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String line(Map<String, ?> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** What {@code stat} and {@code ls} print of an object. */
    static Map<String, Object> of(ObjectInfo info) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("key", info.key());
        fields.put("size", info.size());
        fields.put("etag", info.etag());
        fields.put("lastModified", info.lastModified().toString());
        info.contentType().ifPresent(type -> fields.put("contentType", type));
        if (!info.metadata().isEmpty()) {
            fields.put("metadata", info.metadata());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        info.headers().cacheControl().ifPresent(value -> headers.put("Cache-Control", value));
        info.headers().contentDisposition().ifPresent(value -> headers.put("Content-Disposition", value));
        info.headers().contentEncoding().ifPresent(value -> headers.put("Content-Encoding", value));
        info.headers().contentLanguage().ifPresent(value -> headers.put("Content-Language", value));
        info.headers().expiresHttpDate().ifPresent(value -> headers.put("Expires", value));
        if (!headers.isEmpty()) {
            fields.put("headers", headers);
        }
        fields.put("storageClass", info.storageClass().name());
        info.encryption().ifPresent(encryption -> fields.put("encryption", encryption.toString()));
        info.sha256().ifPresent(sha256 -> fields.put("sha256", sha256));
        return fields;
    }
}
