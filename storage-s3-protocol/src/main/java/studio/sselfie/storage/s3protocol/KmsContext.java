package studio.sselfie.storage.s3protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/** The {@code x-amz-server-side-encryption-context} header: an SSE-KMS encryption context as S3 takes it. */
public final class KmsContext {
    private KmsContext() {
    }

    /** Base64 of a JSON object of the context's strings, e.g. {@code {"app":"studio"}}. */
    public static String headerValue(Map<String, String> context) {
        String json = context.entrySet().stream()
                .map(entry -> Json.quote(entry.getKey()) + ":" + Json.quote(entry.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
