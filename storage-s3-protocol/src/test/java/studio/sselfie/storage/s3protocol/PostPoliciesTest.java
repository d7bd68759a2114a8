package studio.sselfie.storage.s3protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.UploadPolicy;

/** The POST policy table: which field each constraint becomes, and the signed document. */
class PostPoliciesTest {
    private static final Instant NOW = Instant.parse("2026-12-02T08:30:05Z");
    private static final Instant EXPIRATION = Instant.parse("2026-12-02T08:45:05Z");

    @Test
    void form_exactValues_areFixedFieldsWithEqConditions() {
        PostPolicies.Form form = PostPolicies.form(UploadPolicy.of(p -> p.key("users/1/a.jpg").contentType("image/jpeg")
                .size(10).metadata("user-id", "1").headers(ObjectHeaders.of(h -> h.cacheControl("no-cache")
                        .contentDisposition("inline").contentEncoding("identity").expires(Instant.parse("2030-01-01T00:00:00Z"))))));

        assertThat(form.fixedFields()).containsExactly(Map.entry("key", "users/1/a.jpg"),
                Map.entry("Content-Type", "image/jpeg"), Map.entry("Cache-Control", "no-cache"),
                Map.entry("Content-Disposition", "inline"), Map.entry("Content-Encoding", "identity"),
                Map.entry("Expires", "Tue, 01 Jan 2030 00:00:00 GMT"), Map.entry("x-amz-meta-user-id", "1"));
        assertThat(form.conditions()).allMatch(condition -> !condition.startsWith())
                .extracting(PostPolicies.Condition::field).containsExactlyElementsOf(form.fixedFields().keySet());
        assertThat(form.clientFields()).isEmpty();
        assertThat(form.length()).contains(new UploadPolicy.SizeRange(10, 10));
    }

    @Test
    void form_prefixes_areClientFieldsWithStartsWithConditions() {
        PostPolicies.Form form = PostPolicies.form(UploadPolicy.of(p -> p.keyPrefix("users/1/").contentTypePrefix("image/")));

        assertThat(form.conditions()).containsExactly(new PostPolicies.Condition(true, "key", "users/1/"),
                new PostPolicies.Condition(true, "Content-Type", "image/"));
        assertThat(form.clientFields()).containsExactly("key", "Content-Type");
        assertThat(form.fixedFields()).isEmpty();
        assertThat(form.length()).isEmpty();
    }

    @Test
    void form_withoutContentTypeConstraint_letsTheClientNameAny() {
        PostPolicies.Form form = PostPolicies.form(UploadPolicy.of(p -> p.key("a")));

        assertThat(form.conditions()).contains(new PostPolicies.Condition(true, "Content-Type", ""));
        assertThat(form.clientFields()).containsExactly("Content-Type");
    }

    @Test
    void signV4_signsADocumentWithEveryConditionBucketRangeAndSigningFields() {
        PostPolicies.Form form = PostPolicies.form(UploadPolicy.of(p -> p.key("a \"quoted\".jpg").sizeRange(1, 1024)));

        Map<String, String> fields = PostPolicies.signV4("photos", form, EXPIRATION, NOW, "eu-west-1", "AKIDEXAMPLE",
                "secret/EXAMPLE", null);

        String document = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
        assertThat(document).isEqualTo("{\"expiration\":\"2026-12-02T08:45:05.000Z\",\"conditions\":["
                + "{\"bucket\":\"photos\"},[\"eq\",\"$key\",\"a \\\"quoted\\\".jpg\"],[\"starts-with\",\"$Content-Type\",\"\"],"
                + "[\"content-length-range\",1,1024],{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "{\"x-amz-credential\":\"AKIDEXAMPLE/20261202/eu-west-1/s3/aws4_request\"},"
                + "{\"x-amz-date\":\"20261202T083005Z\"}]}");
        assertThat(fields).containsKeys("key", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature")
                .doesNotContainKey("x-amz-security-token");
        assertThat(fields.get("x-amz-signature")).matches("[0-9a-f]{64}");
        assertThat(String.join(" ", fields.values())).doesNotContain("secret/EXAMPLE");
    }

    @Test
    void signV4_withSessionToken_sendsAndSignsIt() {
        Map<String, String> fields = PostPolicies.signV4("photos", PostPolicies.form(UploadPolicy.of(p -> p.key("a"))),
                EXPIRATION, NOW, "us-east-1", "ASIAEXAMPLE", "secret", "token/EXAMPLE");

        String document = new String(Base64.getDecoder().decode(fields.get("policy")), StandardCharsets.UTF_8);
        assertThat(fields).containsEntry("x-amz-security-token", "token/EXAMPLE");
        assertThat(document).contains("{\"x-amz-security-token\":\"token/EXAMPLE\"}");
    }

    @Test
    void signV4_signatureDependsOnTheSecretAndTheDocument() {
        PostPolicies.Form form = PostPolicies.form(UploadPolicy.of(p -> p.key("a")));
        String one = PostPolicies.signV4("photos", form, EXPIRATION, NOW, "us-east-1", "AK", "secret", null).get("x-amz-signature");

        assertThat(PostPolicies.signV4("photos", form, EXPIRATION, NOW, "us-east-1", "AK", "secret", null))
                .containsEntry("x-amz-signature", one);
        assertThat(PostPolicies.signV4("photos", form, EXPIRATION, NOW, "us-east-1", "AK", "other", null).get("x-amz-signature"))
                .isNotEqualTo(one);
        assertThat(PostPolicies.signV4("photos", form, EXPIRATION.plusSeconds(1), NOW, "us-east-1", "AK", "secret", null)
                .get("x-amz-signature")).isNotEqualTo(one);
    }
}
