package studio.sselfie.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;

/**
 * The presign API's shared checks: what each {@link UploadMethod} can make the store enforce, the policy and option
 * builders' limits, the checks {@link AbstractStorageBackend#presigner()} applies before a backend signs, and that a
 * {@link PresignedRequest} never prints its signature.
 */
class PresignTest {
    private static final Instant LATER = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void put_enforcesExactKeyTypeSizeNoOverwriteMetadataAndHeaders() {
        UploadPolicy policy = UploadPolicy.of(p -> p.key("a.jpg").contentType("image/jpeg").size(10).noOverwrite()
                .metadata("user", "1").headers(ObjectHeaders.of(h -> h.cacheControl("no-cache").contentLanguage("de"))));

        assertThat(UploadMethod.PUT.unenforceable(policy)).isEmpty();
    }

    @Test
    void put_cannotEnforceAKeyPrefixATypePrefixOrASizeRange() {
        assertThat(UploadMethod.PUT.unenforceable(UploadPolicy.of(p -> p.keyPrefix("users/1/")))).get().asString()
                .contains("key prefix").contains("POST");
        assertThat(UploadMethod.PUT.unenforceable(UploadPolicy.of(p -> p.key("a").contentTypePrefix("image/"))))
                .get().asString().contains("content type prefix");
        assertThat(UploadMethod.PUT.unenforceable(UploadPolicy.of(p -> p.key("a").sizeRange(1, 2)))).get().asString()
                .contains("size range");
    }

    @Test
    void post_enforcesPrefixesRangesMetadataAndHeaders() {
        UploadPolicy policy = UploadPolicy.of(p -> p.keyPrefix("users/1/").contentTypePrefix("image/").sizeRange(1, 2)
                .metadata("user", "1").headers(ObjectHeaders.of(h -> h.cacheControl("no-cache"))));

        assertThat(UploadMethod.POST.unenforceable(policy)).isEmpty();
    }

    @Test
    void post_cannotForbidOverwritesNorSetContentLanguage() {
        assertThat(UploadMethod.POST.unenforceable(UploadPolicy.of(p -> p.key("a").noOverwrite()))).get().asString()
                .contains("cannot forbid overwriting").contains("PUT");
        assertThat(UploadMethod.POST.unenforceable(UploadPolicy.of(p -> p.key("a")
                .headers(ObjectHeaders.of(h -> h.contentLanguage("de")))))).get().asString().contains("Content-Language");
    }

    @Test
    void uploadPolicy_needsExactlyOneOfKeyAndPrefix() {
        assertThatThrownBy(() -> UploadPolicy.builder().build()).hasMessageContaining("needs a key or a key prefix");
        assertThatThrownBy(() -> UploadPolicy.builder().key("a").keyPrefix("b/")).hasMessageContaining("not both");
        assertThatThrownBy(() -> UploadPolicy.builder().keyPrefix("")).hasMessageContaining("must not be empty");
    }

    @Test
    void uploadPolicy_takesOneContentTypeConstraint() {
        assertThatThrownBy(() -> UploadPolicy.builder().contentType("image/jpeg").contentTypePrefix("image/"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> UploadPolicy.builder().contentTypePrefix("image/").contentType("image/jpeg"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> UploadPolicy.builder().contentType("jpeg")).hasMessageContaining("not a media type");
    }

    @Test
    void sizeRange_mustBeOrderedAndAtMostFiveGib() {
        assertThatThrownBy(() -> UploadPolicy.builder().sizeRange(2, 1)).hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> UploadPolicy.builder().sizeRange(-1, 1)).hasMessageContaining("0 <= min <= max");
        assertThatThrownBy(() -> UploadPolicy.builder().size(UploadPolicy.MAX_UPLOAD_BYTES + 1)).hasMessageContaining("5 GiB");
        assertThat(UploadPolicy.of(p -> p.key("a").sizeRange(0, UploadPolicy.MAX_UPLOAD_BYTES)).size())
                .contains(new UploadPolicy.SizeRange(0, UploadPolicy.MAX_UPLOAD_BYTES));
    }

    @Test
    void expiry_isOneSecondToSevenDaysInWholeSeconds() {
        assertThatThrownBy(() -> DownloadOptions.builder().expiry(Duration.ofMillis(999))).hasMessageContaining("7 days");
        assertThatThrownBy(() -> UploadPolicy.builder().expiry(Duration.ofDays(7).plusSeconds(1))).hasMessageContaining("7 days");
        assertThat(DownloadOptions.builder().expiry(Duration.ofMillis(1500)).build().expiry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(UploadPolicy.of(p -> p.key("a").expiry(Presigner.MAX_EXPIRY)).expiry()).isEqualTo(Duration.ofDays(7));
        assertThat(DownloadOptions.defaults().expiry()).isEqualTo(Presigner.DEFAULT_EXPIRY);
    }

    @Test
    void downloadOptions_checkTheirHeaderValues() {
        assertThatThrownBy(() -> DownloadOptions.builder().responseContentDisposition("a\r\nSet-Cookie: x"))
                .hasMessageContaining("Content-Disposition");
        assertThatThrownBy(() -> DownloadOptions.builder().responseContentType("nope")).hasMessageContaining("media type");
    }

    @Test
    void presignedRequest_toString_hidesSignatureCredentialAndToken() {
        PresignedRequest get = PresignedRequest.get(URI.create("https://b.example/k?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKID%2F20261202%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=TOKEN"
                + "&X-Amz-Signature=abc123"), Map.of(), LATER);
        PresignedRequest post = PresignedRequest.post(URI.create("https://b.example"),
                Map.of("policy", "POLICY", "x-amz-signature", "SIG", "x-amz-credential", "AKID/x"), Set.of("key"), LATER);

        assertThat(get.toString()).doesNotContain("abc123", "TOKEN", "AKID").contains("X-Amz-Signature=<hidden>")
                .contains("X-Amz-Algorithm=AWS4-HMAC-SHA256");
        assertThat(post.toString()).doesNotContain("POLICY", "SIG", "AKID").contains("policy", "clientFields=[key]");
    }

    @Test
    void presigner_ofABackendWithoutTheCapability_isRefused() {
        SigningBackend backend = new SigningBackend(EnumSet.complementOf(EnumSet.of(Capability.PRESIGNED_URLS)));

        assertThatThrownBy(backend::presigner).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("PRESIGNED_URLS");
    }

    @Test
    void presigner_refusesWhatTheMethodCannotEnforce_beforeTheBackendSigns() {
        SigningBackend backend = new SigningBackend(EnumSet.allOf(Capability.class));

        assertThatThrownBy(() -> backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.key("a").noOverwrite())))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("[mem://signing] presign 'a'");
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void presigner_checksKeysByTheBackendsRules_beforeTheBackendSigns() {
        SigningBackend backend = new SigningBackend(EnumSet.allOf(Capability.class));

        assertThatThrownBy(() -> backend.presigner().upload(UploadMethod.PUT, UploadPolicy.of(p -> p.key("a//b"))))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("a\u0000"))))
                .isInstanceOf(InvalidKeyException.class);
        assertThatThrownBy(() -> backend.presigner().download("a/../b", Duration.ofMinutes(1)))
                .isInstanceOf(InvalidKeyException.class);
        assertThat(backend.calls).isEmpty();
    }

    @Test
    void presigner_passesValidRequestsToTheBackend() {
        SigningBackend backend = new SigningBackend(EnumSet.allOf(Capability.class));

        backend.presigner().download("folder/", Duration.ofMinutes(1));
        backend.presigner().upload(UploadMethod.POST, UploadPolicy.of(p -> p.keyPrefix("users/1/")));

        assertThat(backend.calls).containsExactly("download folder/", "upload POST");
    }

    @Test
    void presigner_ofAClosedBackend_isRefused() {
        SigningBackend backend = new SigningBackend(EnumSet.allOf(Capability.class));
        Presigner presigner = backend.presigner();
        backend.close();

        assertThatThrownBy(backend::presigner).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> presigner.download("a", Duration.ofMinutes(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void toHttpRequest_put_sendsTheBodyWithTheSignedHeaders() {
        PresignedRequest put = PresignedRequest.put(URI.create("https://b.example/k?X-Amz-Signature=s"),
                Map.of("Content-Type", "image/jpeg", "If-None-Match", "*"), LATER);

        HttpRequest http = put.toHttpRequest(HttpRequest.BodyPublishers.ofString("photo"), Map.of());

        assertThat(http.method()).isEqualTo("PUT");
        assertThat(http.uri()).isEqualTo(put.url());
        assertThat(http.headers().map()).containsEntry("Content-Type", List.of("image/jpeg"))
                .containsEntry("If-None-Match", List.of("*"));
        assertThat(bodyOf(http)).isEqualTo("photo");
    }

    @Test
    void toHttpRequest_post_sendsSignedFieldsThenClientFieldsThenTheFileLast() {
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("Content-Disposition", "inline; filename=\"a.jpg\"");
        signed.put("policy", "P");
        PresignedRequest post = PresignedRequest.post(URI.create("https://b.example/bucket"), signed, Set.of("key"), LATER);

        HttpRequest http = post.toHttpRequest(HttpRequest.BodyPublishers.ofString("JPEG"), Map.of("key", "users/1/a.jpg"));

        String boundary = http.headers().firstValue("Content-Type").orElseThrow().replaceFirst(".*boundary=", "");
        assertThat(http.method()).isEqualTo("POST");
        assertThat(bodyOf(http)).isEqualTo("--" + boundary + "\r\nContent-Disposition: form-data; name=\"Content-Disposition\""
                + "\r\n\r\ninline; filename=\"a.jpg\"\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"policy\""
                + "\r\n\r\nP\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nusers/1/a.jpg\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\nJPEG\r\n--" + boundary + "--\r\n");
    }

    @Test
    void toHttpRequest_post_refusesFieldsThatWouldBreakTheForm() {
        PresignedRequest post = PresignedRequest.post(URI.create("https://b.example/bucket"), Map.of(), Set.of("key"), LATER);
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        assertThatThrownBy(() -> post.toHttpRequest(body, Map.of("file", "x"))).hasMessageContaining("file goes last");
        assertThatThrownBy(() -> post.toHttpRequest(body, Map.of("key", "a\r\n--x"))).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> post.toHttpRequest(body, Map.of("a\"b", "x"))).hasMessageContaining("quote");
    }

    private static String bodyOf(HttpRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        request.bodyPublisher().orElseThrow().subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.join();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Records what reaches the backend's signing methods. */
    private static final class SigningBackend extends RecordingBackend {
        final List<String> calls = new ArrayList<>();

        SigningBackend(Set<Capability> capabilities) {
            super("mem://signing", capabilities);
        }

        @Override
        protected PresignedRequest doPresignDownload(String key, DownloadOptions options) {
            calls.add("download " + key);
            return PresignedRequest.get(URI.create("https://b.example/" + key), Map.of(), LATER);
        }

        @Override
        protected PresignedRequest doPresignUpload(UploadMethod method, UploadPolicy policy) {
            calls.add("upload " + method);
            return PresignedRequest.post(URI.create("https://b.example"), Map.of(), Set.of(), LATER);
        }
    }
}
