package studio.sselfie.storage.migration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import studio.sselfie.storage.PutOptions;

/** The one JSON mapper of the state objects. Unknown fields are ignored, so a newer runner's records stay readable. */
public final class Json {
    /** Put options of every state object: {@code application/json}. */
    public static final PutOptions PUT = PutOptions.builder().contentType("application/json").build();

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    private Json() {
    }

    /** {@code value} as UTF-8 JSON. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * Reads a {@code type} from JSON.
     *
     * @throws IllegalStateException naming {@code what} if the JSON is not a {@code type}
     */
    public static <T> T read(byte[] json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new IllegalStateException(what + " is not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code type} from a stream of JSON (not closed). */
    public static <T> T read(InputStream json, Class<T> type, String what) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(what + " is not a readable " + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + what + " failed", e);
        }
    }
}
