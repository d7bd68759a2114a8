package studio.sselfie.storage.s3protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import studio.sselfie.storage.UploadPolicy;

/**
 * The S3 POST policy of an {@link UploadPolicy}: its conditions, the form fields the policy fixes and those the client
 * fills itself, one table for every S3-protocol backend; and SigV4 signing of the policy for a backend whose client
 * has no POST presigner (the AWS SDK v2).
 *
 * <p>Every form field a client sends must match a condition, or S3 refuses the upload ("Extra input fields"); so a
 * field without a constraint ({@code Content-Type} when the policy gives none) gets {@code ["starts-with", "$field",
 * ""]}, and any field the policy does not name is refused by the store.
 */
public final class PostPolicies {
    private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private PostPolicies() {
    }

    /** One condition: {@code ["eq" | "starts-with", "$field", value]}. */
    public record Condition(boolean startsWith, String field, String value) {
        public Condition {
            Objects.requireNonNull(field, "field is null");
            Objects.requireNonNull(value, "value is null");
        }
    }

    /**
     * What a POST of {@code policy} sends and what its policy checks.
     *
     * @param conditions   the field conditions (bucket and signing fields are added by the signer)
     * @param fixedFields  the fields with the values the policy fixes, in form order
     * @param clientFields the fields the client fills itself within a {@code starts-with} condition
     * @param length       the content-length-range, if the policy limits the size
     */
    public record Form(List<Condition> conditions, Map<String, String> fixedFields, Set<String> clientFields,
            Optional<UploadPolicy.SizeRange> length) {
    }

    /** The form and conditions of {@code policy}, whose POST-enforceability the caller has checked. */
    public static Form form(UploadPolicy policy) {
        List<Condition> conditions = new ArrayList<>();
        Map<String, String> fixed = new LinkedHashMap<>();
        Set<String> client = new LinkedHashSet<>();
        field(conditions, fixed, client, "key", policy.key(), policy.keyPrefix());
        field(conditions, fixed, client, "Content-Type", policy.contentType(),
                Optional.of(policy.contentTypePrefix().orElse("")));
        policy.headers().cacheControl().ifPresent(value -> eq(conditions, fixed, "Cache-Control", value));
        policy.headers().contentDisposition().ifPresent(value -> eq(conditions, fixed, "Content-Disposition", value));
        policy.headers().contentEncoding().ifPresent(value -> eq(conditions, fixed, "Content-Encoding", value));
        policy.headers().expiresHttpDate().ifPresent(value -> eq(conditions, fixed, "Expires", value));
        policy.metadata().forEach((name, value) -> eq(conditions, fixed, "x-amz-meta-" + name, value));
        return new Form(List.copyOf(conditions), fixed, client, policy.size());
    }

    private static void field(List<Condition> conditions, Map<String, String> fixed, Set<String> client, String name,
            Optional<String> exact, Optional<String> prefix) {
        if (exact.isPresent()) {
            eq(conditions, fixed, name, exact.get());
        } else {
            conditions.add(new Condition(true, name, prefix.orElseThrow()));
            client.add(name);
        }
    }

    private static void eq(List<Condition> conditions, Map<String, String> fixed, String name, String value) {
        conditions.add(new Condition(false, name, value));
        fixed.put(name, value);
    }

    /**
     * The form fields of a SigV4-signed POST of {@code form} to {@code bucket}: the fixed fields, then
     * {@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date}, {@code x-amz-security-token} (with a
     * session token), {@code policy} and {@code x-amz-signature}.
     *
     * @param sessionToken null without temporary credentials
     */
    public static Map<String, String> signV4(String bucket, Form form, Instant expiration, Instant now, String region,
            String accessKeyId, String secretKey, String sessionToken) {
        String date = SigV4.AMZ_DATE.format(now);
        String day = date.substring(0, 8);
        String credential = accessKeyId + "/" + day + "/" + region + "/s3/aws4_request";
        Map<String, String> signing = new LinkedHashMap<>();
        signing.put("x-amz-algorithm", ALGORITHM);
        signing.put("x-amz-credential", credential);
        signing.put("x-amz-date", date);
        if (sessionToken != null) {
            signing.put("x-amz-security-token", sessionToken);
        }
        List<String> conditions = new ArrayList<>();
        conditions.add("{\"bucket\":" + Json.quote(bucket) + "}");
        for (Condition condition : form.conditions()) {
            conditions.add("[" + (condition.startsWith() ? "\"starts-with\"" : "\"eq\"") + ","
                    + Json.quote("$" + condition.field()) + "," + Json.quote(condition.value()) + "]");
        }
        form.length().ifPresent(range -> conditions.add("[\"content-length-range\"," + range.min() + "," + range.max() + "]"));
        signing.forEach((name, value) -> conditions.add("{" + Json.quote(name) + ":" + Json.quote(value) + "}"));
        String document = "{\"expiration\":" + Json.quote(EXPIRATION.format(expiration)) + ",\"conditions\":["
                + String.join(",", conditions) + "]}";
        String policy = Base64.getEncoder().encodeToString(document.getBytes(StandardCharsets.UTF_8));

        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        for (String part : List.of(region, "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        Map<String, String> fields = new LinkedHashMap<>(form.fixedFields());
        fields.putAll(signing);
        fields.put("policy", policy);
        fields.put("x-amz-signature", HexFormat.of().formatHex(hmac(key, policy)));
        return fields;
    }


    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
