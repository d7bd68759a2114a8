package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.ContentDisposition;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.InvalidRequestException;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.Presigner;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;

/**
 * Conformance of presigned requests ({@link Capability#PRESIGNED_URLS}), sent over real HTTP as a phone or a browser
 * would ({@link PresignedHttp}): a signed GET serves the object (with the asked response headers) until it expires; a
 * signed PUT or POST stores what its policy allows, with the policy's type, metadata and headers; and every upload
 * outside its policy (too large, too small, another content type, a key outside the prefix, an overwrite when
 * forbidden, a changed field, an expired or tampered signature or policy) is refused by the store with nothing
 * stored. A constraint the chosen method cannot enforce is refused before signing, and signing sends no request (seen
 * through {@link StorageBackendConformanceSuite#trafficMeter()}).
 */
public abstract class PresignContract extends ConformanceContract {
    private static final int KIB = 1024;

    private Presigner presigner;

    protected PresignContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }

    @BeforeEach
    final void openPresigner() {
        assumeCapability(Capability.PRESIGNED_URLS);
        presigner = backend.presigner();
    }

    // --- GET

    @Test
    void download_servesTheObjectWithItsContentType() {
        byte[] bytes = randomBytes(3 * KIB, 1);
        backend.put("presign/get.jpg", bytes, putType("image/jpeg"));

        PresignedHttp.Response response = PresignedHttp.send(presigner.download("presign/get.jpg", Duration.ofMinutes(5)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.header("Content-Type")).isEqualTo("image/jpeg");
    }

    @Test
    void download_withResponseOverrides_answersWithTheAskedContentDispositionAndType() {
        backend.put("presign/save-me.jpg", randomBytes(KIB, 2), putType("image/jpeg"));
        String disposition = ContentDisposition.attachment("Sommer-Selfie ü.jpg");

        PresignedHttp.Response response = PresignedHttp.send(presigner.download("presign/save-me.jpg",
                DownloadOptions.builder().responseContentDisposition(disposition)
                        .responseContentType("application/octet-stream").build()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Disposition")).isEqualTo(disposition);
        assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void download_afterItExpires_isRefused() {
        backend.put("presign/short.jpg", randomBytes(KIB, 3));
        // 3 s, not 1: the signing time is kept to the second, so a 1-second URL can be 0.1 s from expiry when signed,
        // and a loaded machine misses that (it failed so once in CI).
        PresignedRequest request = presigner.download("presign/short.jpg", Duration.ofSeconds(3));
        assertThat(PresignedHttp.send(request).status()).as("before expiry").isEqualTo(200);

        awaitExpiry(request);

        assertThat(PresignedHttp.send(request).status()).as("after expiry").isEqualTo(403);
    }

    @Test
    void download_withTamperedSignature_isRefused() {
        backend.put("presign/tamper.jpg", randomBytes(KIB, 4));
        PresignedRequest request = presigner.download("presign/tamper.jpg", Duration.ofMinutes(5));

        PresignedHttp.Response response = PresignedHttp.send(PresignedRequest.get(tamperSignature(request.url()),
                request.headers(), request.expiresAt()));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void download_signatureOfOneKey_doesNotOpenAnother() {
        backend.put("presign/mine.jpg", randomBytes(KIB, 5));
        backend.put("presign/yours.jpg", randomBytes(KIB, 6));
        PresignedRequest request = presigner.download("presign/mine.jpg", Duration.ofMinutes(5));
        URI other = URI.create(request.url().toString().replace("/presign/mine.jpg", "/presign/yours.jpg"));

        PresignedHttp.Response response = PresignedHttp.send(PresignedRequest.get(other, request.headers(), request.expiresAt()));

        assertThat(response.status()).isEqualTo(403);
    }

    // --- PUT

    @Test
    void putUpload_withinItsPolicy_landsWithTypeMetadataAndHeaders() {
        byte[] bytes = randomBytes(5 * KIB, 7);
        ObjectHeaders headers = ObjectHeaders.builder().cacheControl("private, max-age=60")
                .contentDisposition("inline; filename=\"selfie.jpg\"").build();
        PresignedRequest request = presigner.upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("presign/put.jpg")
                .contentType("image/jpeg").size(bytes.length).metadata("user-id", "42").headers(headers)));

        PresignedHttp.Response response = PresignedHttp.send(request, bytes);

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        ObjectInfo stored = backend.head("presign/put.jpg").orElseThrow();
        assertThat(stored.contentType()).contains("image/jpeg");
        assertThat(stored.metadata()).isEqualTo(Map.of("user-id", "42"));
        assertThat(stored.headers()).isEqualTo(headers);
        assertThat(read("presign/put.jpg")).isEqualTo(bytes);
    }

    @Test
    void putUpload_ofAnotherSize_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/sized.jpg").size(4 * KIB)));

        assertRefused(PresignedHttp.send(request, randomBytes(4 * KIB + 1, 8)), 403, "presign/sized.jpg");
    }

    @Test
    void putUpload_withAnotherContentType_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/typed.jpg").contentType("image/jpeg")));
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.replaceAll((name, value) -> name.equalsIgnoreCase("Content-Type") ? "text/html" : value);

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.put(request.url(), headers, request.expiresAt()), randomBytes(KIB, 9));

        assertRefused(response, 403, "presign/typed.jpg");
    }

    @Test
    void putUpload_withoutASignedMetadataHeader_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/meta.jpg").metadata("user-id", "42")));
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.toLowerCase().startsWith("x-amz-meta-"));

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.put(request.url(), headers, request.expiresAt()), randomBytes(KIB, 10));

        assertRefused(response, 403, "presign/meta.jpg");
    }

    @Test
    void putUpload_noOverwrite_onAnExistingKey_isRefusedAndTheOldObjectKept() {
        byte[] old = randomBytes(KIB, 11);
        backend.put("presign/taken.jpg", old);
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/taken.jpg").noOverwrite()));

        PresignedHttp.Response response = PresignedHttp.send(request, randomBytes(KIB, 12));

        assertThat(response.status()).as(response.text()).isEqualTo(412);
        assertThat(read("presign/taken.jpg")).isEqualTo(old);
    }

    @Test
    void putUpload_noOverwrite_onAFreshKey_lands() {
        byte[] bytes = randomBytes(KIB, 13);
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/fresh.jpg").noOverwrite()));

        assertThat(PresignedHttp.send(request, bytes).status()).isEqualTo(200);
        assertThat(read("presign/fresh.jpg")).isEqualTo(bytes);
    }

    @Test
    void putUpload_afterItExpires_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/late.jpg").expiry(Duration.ofSeconds(1))));

        awaitExpiry(request);

        assertRefused(PresignedHttp.send(request, randomBytes(KIB, 14)), 403, "presign/late.jpg");
    }

    @Test
    void putUpload_withTamperedSignature_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("presign/forged.jpg")));

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.put(tamperSignature(request.url()), request.headers(), request.expiresAt()),
                randomBytes(KIB, 15));

        assertRefused(response, 403, "presign/forged.jpg");
    }

    @Test
    void putUpload_constraintsAPutCannotEnforce_areRefusedBeforeSigning() {
        assertThatThrownBy(() -> presigner.upload(UploadMethod.PUT, UploadPolicy.of(p -> p.keyPrefix("presign/"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("key prefix");
        assertThatThrownBy(() -> presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/r.jpg").sizeRange(1, 2 * KIB))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("size range");
        assertThatThrownBy(() -> presigner.upload(UploadMethod.PUT,
                UploadPolicy.of(p -> p.key("presign/r.jpg").contentTypePrefix("image/"))))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("content type prefix");
    }

    // --- POST

    @Test
    void postUpload_withinItsPolicy_landsWithTypeAndMetadata() {
        byte[] bytes = randomBytes(6 * KIB, 16);
        PresignedRequest request = presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.key("presign/post.png")
                .contentType("image/png").sizeRange(KIB, 10 * KIB).metadata("user-id", "7")));

        PresignedHttp.Response response = PresignedHttp.send(request, bytes);

        assertThat(response.accepted()).as("%s: %s", response.status(), response.text()).isTrue();
        ObjectInfo stored = backend.head("presign/post.png").orElseThrow();
        assertThat(stored.contentType()).contains("image/png");
        assertThat(stored.metadata()).isEqualTo(Map.of("user-id", "7"));
        assertThat(read("presign/post.png")).isEqualTo(bytes);
    }

    @Test
    void postUpload_withFixedHeaders_storesThem() {
        ObjectHeaders headers = ObjectHeaders.builder().cacheControl("private, max-age=60")
                .contentDisposition("inline; filename=\"selfie.png\"").contentEncoding("identity").build();
        PresignedRequest request = presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.key("presign/headers.png")
                .contentType("image/png").headers(headers)));

        PresignedHttp.Response response = PresignedHttp.send(request, randomBytes(KIB, 30));

        assertThat(response.accepted()).as("%s: %s", response.status(), response.text()).isTrue();
        assertThat(backend.head("presign/headers.png").orElseThrow().headers()).isEqualTo(headers);
    }

    @Test
    void postUpload_underItsKeyAndTypePrefixes_landsAtTheKeyTheClientChose() {
        byte[] bytes = randomBytes(2 * KIB, 17);
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.keyPrefix("presign/users/7/").contentTypePrefix("image/")));
        assertThat(request.clientFields()).containsExactly("key", "Content-Type");

        PresignedHttp.Response response = PresignedHttp.send(request, bytes,
                Map.of("key", "presign/users/7/chosen.webp", "Content-Type", "image/webp"));

        assertThat(response.accepted()).as("%s: %s", response.status(), response.text()).isTrue();
        assertThat(backend.head("presign/users/7/chosen.webp").orElseThrow().contentType()).contains("image/webp");
        assertThat(read("presign/users/7/chosen.webp")).isEqualTo(bytes);
    }

    @Test
    void postUpload_keyOutsideItsPrefix_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("presign/users/7/")));

        PresignedHttp.Response response = PresignedHttp.send(request, randomBytes(KIB, 18),
                Map.of("key", "presign/users/8/theirs.jpg", "Content-Type", "image/jpeg"));

        assertRefused(response, 403, "presign/users/8/theirs.jpg");
    }

    @Test
    void postUpload_largerThanItsRange_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/big.jpg").sizeRange(KIB, 4 * KIB)));

        assertRefused(PresignedHttp.send(request, randomBytes(4 * KIB + 1, 19)), 400, "presign/big.jpg");
    }

    @Test
    void postUpload_smallerThanItsRange_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/small.jpg").sizeRange(KIB, 4 * KIB)));

        assertRefused(PresignedHttp.send(request, randomBytes(KIB - 1, 20)), 400, "presign/small.jpg");
    }

    @Test
    void postUpload_atTheEdgesOfItsRange_lands() {
        PresignedRequest low = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/low.jpg").sizeRange(KIB, 4 * KIB)));
        PresignedRequest high = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/high.jpg").sizeRange(KIB, 4 * KIB)));

        assertThat(PresignedHttp.send(low, randomBytes(KIB, 21)).accepted()).isTrue();
        assertThat(PresignedHttp.send(high, randomBytes(4 * KIB, 22)).accepted()).isTrue();
        assertThat(backend.head("presign/low.jpg").orElseThrow().size()).isEqualTo(KIB);
        assertThat(backend.head("presign/high.jpg").orElseThrow().size()).isEqualTo(4 * KIB);
    }

    @Test
    void postUpload_withAnotherContentTypeThanItsExactOne_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/exact.jpg").contentType("image/jpeg")));
        Map<String, String> fields = new LinkedHashMap<>(request.formFields());
        fields.put("Content-Type", "text/html");

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.post(request.url(), fields, request.clientFields(), request.expiresAt()), randomBytes(KIB, 23));

        assertRefused(response, 403, "presign/exact.jpg");
    }

    @Test
    void postUpload_withAContentTypeOutsideItsPrefix_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/html.jpg").contentTypePrefix("image/")));

        PresignedHttp.Response response = PresignedHttp.send(request, randomBytes(KIB, 24), Map.of("Content-Type", "text/html"));

        assertRefused(response, 403, "presign/html.jpg");
    }

    @Test
    void postUpload_withChangedMetadata_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/owner.jpg").metadata("user-id", "7")));
        Map<String, String> fields = new LinkedHashMap<>(request.formFields());
        fields.put("x-amz-meta-user-id", "8");

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.post(request.url(), fields, request.clientFields(), request.expiresAt()), randomBytes(KIB, 25),
                Map.of("Content-Type", "image/jpeg"));

        assertRefused(response, 403, "presign/owner.jpg");
    }

    @Test
    void postUpload_withAFieldItsPolicyDoesNotName_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.key("presign/extra.jpg")));

        PresignedHttp.Response response = PresignedHttp.send(request, randomBytes(KIB, 26),
                Map.of("Content-Type", "image/jpeg", "x-amz-meta-role", "admin"));

        assertRefused(response, 403, "presign/extra.jpg");
    }

    @Test
    void postUpload_afterItExpires_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/late-post.jpg").contentType("image/jpeg").expiry(Duration.ofSeconds(1))));

        awaitExpiry(request);

        assertRefused(PresignedHttp.send(request, randomBytes(KIB, 27)), 403, "presign/late-post.jpg");
    }

    @Test
    void postUpload_withATamperedPolicy_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/widened.jpg").contentType("image/jpeg").sizeRange(1, KIB)));
        String policy = new String(Base64.getDecoder().decode(request.formFields().get("policy")), StandardCharsets.UTF_8);
        String widened = policy.replaceFirst("\\[\\s*\"content-length-range\"\\s*,\\s*1\\s*,\\s*1024\\s*]",
                "[\"content-length-range\",1,1048576]");
        assertThat(widened).as("the policy names the range").isNotEqualTo(policy);
        Map<String, String> fields = new LinkedHashMap<>(request.formFields());
        fields.put("policy", Base64.getEncoder().encodeToString(widened.getBytes(StandardCharsets.UTF_8)));

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.post(request.url(), fields, request.clientFields(), request.expiresAt()), randomBytes(8 * KIB, 28));

        assertRefused(response, 403, "presign/widened.jpg");
    }

    @Test
    void postUpload_withATamperedSignature_isRefusedAndNothingStored() {
        PresignedRequest request = presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/forged-post.jpg").contentType("image/jpeg")));
        Map<String, String> fields = new LinkedHashMap<>(request.formFields());
        fields.computeIfPresent("x-amz-signature", (name, signature) -> flipLastHexDigit(signature));

        PresignedHttp.Response response = PresignedHttp.send(
                PresignedRequest.post(request.url(), fields, request.clientFields(), request.expiresAt()), randomBytes(KIB, 29));

        assertRefused(response, 403, "presign/forged-post.jpg");
    }

    @Test
    void postUpload_noOverwrite_isRefusedBeforeSigning() {
        assertThatThrownBy(() -> presigner.upload(UploadMethod.POST,
                UploadPolicy.of(p -> p.key("presign/once.jpg").noOverwrite())))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot forbid overwriting");
    }

    // --- cost

    @Test
    void presign_getPutAndPost_sendNoRequestToTheStore() {
        TrafficMeter meter = assumeTrafficMeter();

        TrafficDelta signing = TrafficDelta.during(meter, () -> {
            presigner.download("presign/cost.jpg", DownloadOptions.builder()
                    .responseContentDisposition(ContentDisposition.attachment("cost.jpg")).build());
            presigner.upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("presign/cost.jpg").contentType("image/jpeg")
                    .size(KIB).noOverwrite().metadata("user-id", "1")));
            presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("presign/")
                    .contentTypePrefix("image/").sizeRange(1, KIB)));
        });

        assertThat(signing.requests()).as("requests while signing a GET, a PUT and a POST (%s)", signing).isZero();
    }

    // --- secrets

    @Test
    void presignedRequest_toString_hidesItsSignature() {
        PresignedRequest get = presigner.download("presign/any.jpg", Duration.ofMinutes(5));
        PresignedRequest post = presigner.upload(UploadMethod.POST, UploadPolicy.of(p -> p.key("presign/any.jpg")));

        String signature = queryParameter(get.url(), "X-Amz-Signature");
        assertThat(signature).isNotBlank();
        assertThat(get.toString()).doesNotContain(signature).contains("X-Amz-Signature=<hidden>");
        assertThat(post.toString()).doesNotContain(post.formFields().get("x-amz-signature"))
                .doesNotContain(post.formFields().get("policy"));
    }

    // --- helpers

    private static studio.sselfie.storage.PutOptions putType(String contentType) {
        return studio.sselfie.storage.PutOptions.builder().contentType(contentType).build();
    }

    private void assertRefused(PresignedHttp.Response response, int status, String key) {
        assertThat(response.status()).as("status of the refusal: %s", response.text()).isEqualTo(status);
        assertThat(backend.head(key)).as("nothing stored at " + key).isEmpty();
    }

    private static void awaitExpiry(PresignedRequest request) {
        // A signature is checked to the second; wait past its expiry on the clock, then one second more.
        Instant past = request.expiresAt().plusSeconds(1);
        while (Instant.now().isBefore(past)) {
            try {
                Thread.sleep(Math.max(1, Duration.between(Instant.now(), past).toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static URI tamperSignature(URI url) {
        String signature = queryParameter(url, "X-Amz-Signature");
        return URI.create(url.toString().replace("X-Amz-Signature=" + signature,
                "X-Amz-Signature=" + flipLastHexDigit(signature)));
    }

    private static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static String queryParameter(URI url, String name) {
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        throw new AssertionError(name + " is not in the signed URL");
    }
}
