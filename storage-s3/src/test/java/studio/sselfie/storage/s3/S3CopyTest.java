package studio.sselfie.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;
import studio.sselfie.storage.CopyOptions;
import studio.sselfie.storage.ObjectHeaders;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;

/**
 * Server-side copies. Sources above CopyObject's 5 GiB limit go through UploadPartCopy; the limit is lowered to 5 MiB
 * here so that path runs on a 12 MiB object.
 */
class S3CopyTest {
    private static final long MIB = 1024 * 1024;
    private static final ObjectHeaders ALL = ObjectHeaders.builder().cacheControl("public, max-age=600")
            .contentDisposition("attachment; filename=\"a.png\"").contentEncoding("identity").contentLanguage("de")
            .expires(Instant.parse("2031-01-02T03:04:05Z")).build();

    private static S3TestBucket bucket;
    private final RequestRecorder requests = new RequestRecorder();
    private S3StorageBackend backend;

    @BeforeAll
    static void createBucket() {
        bucket = S3TestBucket.create("s3-copy");
    }

    @AfterAll
    static void deleteBucket() {
        bucket.close();
    }

    @AfterEach
    void closeAndEmpty() {
        backend.close();
        bucket.empty();
    }

    private S3StorageBackend open(long maxSingleCopyBytes) {
        backend = new S3StorageBackend(bucket.config(c -> c.partSize(5 * MIB)),
                overrides -> overrides.addExecutionInterceptor(requests), maxSingleCopyBytes);
        return backend;
    }

    @Test
    void copy_sourceAboveSingleCopyLimit_copiesInPartsKeepingBytesTypeAndMetadata() {
        S3StorageBackend s3 = open(5 * MIB);
        s3.put("source.bin", TestBodies.random(12 * MIB, 21), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().contentType("image/png").metadata("owner", "alice").build());

        ObjectInfo copy = s3.copy("source.bin", "target.bin");

        assertThat(requests.count(UploadPartCopyRequest.class)).isEqualTo(3);
        assertThat(requests.count(CopyObjectRequest.class)).isZero();
        assertThat(copy.size()).isEqualTo(12 * MIB);
        assertThat(copy.contentType()).contains("image/png");
        assertThat(copy.metadata()).containsEntry("owner", "alice");
        ObjectInfo stored = s3.head("target.bin").orElseThrow();
        // A multipart copy's answer has no LastModified: its Date stands in, and S3 stamps a multipart object with the
        // time the upload started (see ObjectInfo#lastModified). Everything else is the stored object's.
        assertThat(copy.toBuilder().lastModified(stored.lastModified()).build()).isEqualTo(stored);
        assertThat(java.time.Duration.between(stored.lastModified(), copy.lastModified()).abs())
                .isLessThanOrEqualTo(java.time.Duration.ofSeconds(5));
        try (StorageObject object = s3.get("target.bin")) {
            assertThat(TestBodies.sha256(object.stream())).isEqualTo(TestBodies.sha256(TestBodies.random(12 * MIB, 21)));
        }
        assertThat(bucket.uploadsInProgress()).isEmpty();
    }

    @Test
    void copy_smallSource_usesOneCopyObject() {
        S3StorageBackend s3 = open(S3Copies.MAX_SINGLE_COPY_BYTES);
        s3.put("a", new byte[] {1, 2, 3});

        ObjectInfo copy = s3.copy("a", "b");

        assertThat(requests.count(CopyObjectRequest.class)).isEqualTo(1);
        assertThat(copy.etag()).isEqualTo(s3.head("b").orElseThrow().etag());
        assertThat(copy.lastModified()).isEqualTo(s3.head("b").orElseThrow().lastModified());
    }

    @Test
    void copy_missingSourceAboveLimit_throwsObjectNotFoundAndCopiesNothing() {
        S3StorageBackend s3 = open(5 * MIB);

        assertThatThrownBy(() -> s3.copy("missing", "target")).isInstanceOf(ObjectNotFoundException.class);

        assertThat(s3.exists("target")).isFalse();
    }

    // The HTTP object headers on the wire: what put and each copy path send. Where the embedded server does not keep
    // a header (S3Proxy drops Expires on CopyObject with the COPY directive, which S3 keeps), the request is checked.

    @Test
    void put_everyHeader_putObjectRequestCarriesEach() {
        open(S3Copies.MAX_SINGLE_COPY_BYTES).put("a.png", new byte[] {1}, PutOptions.builder().headers(ALL).build());

        PutObjectRequest sent = requests.last(PutObjectRequest.class);
        assertThat(sent.cacheControl()).isEqualTo("public, max-age=600");
        assertThat(sent.contentDisposition()).isEqualTo("attachment; filename=\"a.png\"");
        assertThat(sent.contentEncoding()).isEqualTo("identity");
        assertThat(sent.contentLanguage()).isEqualTo("de");
        assertThat(sent.expires()).isEqualTo(Instant.parse("2031-01-02T03:04:05Z"));
    }

    @Test
    void copy_keepOnEmbeddedServerWhichDropsExpires_sendsDirectiveCopyAndKeepsTheOtherHeaders() {
        S3StorageBackend s3 = open(S3Copies.MAX_SINGLE_COPY_BYTES);
        s3.put("a.png", new byte[] {1, 2}, PutOptions.builder().headers(ALL).build());

        s3.copy("a.png", "b.png");

        CopyObjectRequest sent = requests.last(CopyObjectRequest.class);
        assertThat(sent.metadataDirective()).isEqualTo(MetadataDirective.COPY);
        assertThat(sent.cacheControl()).isNull();
        assertThat(sent.expires()).isNull();
        assertThat(s3.head("b.png").orElseThrow().headers().toBuilder().expires(null).build())
                .isEqualTo(ALL.toBuilder().expires(null).build());
    }

    @Test
    void copy_replace_sendsDirectiveReplaceWithNewHeaders() {
        S3StorageBackend s3 = open(S3Copies.MAX_SINGLE_COPY_BYTES);
        s3.put("a.png", new byte[] {1, 2}, PutOptions.builder().headers(ALL).build());

        s3.copy("a.png", "b.png", CopyOptions.replace(PutOptions.builder().contentType("image/png")
                .headers(h -> h.cacheControl("no-cache").expires(Instant.parse("2030-01-01T00:00:00Z"))).build()));

        CopyObjectRequest sent = requests.last(CopyObjectRequest.class);
        assertThat(sent.metadataDirective()).isEqualTo(MetadataDirective.REPLACE);
        assertThat(sent.cacheControl()).isEqualTo("no-cache");
        assertThat(sent.expires()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(sent.contentType()).isEqualTo("image/png");
    }

    @Test
    void put_multipartOnEmbeddedServerWhichDropsExpires_createMultipartUploadCarriesEachHeader() {
        S3StorageBackend s3 = open(5 * MIB);
        s3.put("big.bin", TestBodies.random(6 * MIB, 3), StorageBackend.UNKNOWN_LENGTH, PutOptions.builder().headers(ALL).build());

        CreateMultipartUploadRequest sent = requests.last(CreateMultipartUploadRequest.class);
        assertThat(sent.cacheControl()).isEqualTo("public, max-age=600");
        assertThat(sent.contentDisposition()).isEqualTo("attachment; filename=\"a.png\"");
        assertThat(sent.contentEncoding()).isEqualTo("identity");
        assertThat(sent.contentLanguage()).isEqualTo("de");
        assertThat(sent.expires()).isEqualTo(Instant.parse("2031-01-02T03:04:05Z"));
    }

    @Test
    void copy_sourceAboveSingleCopyLimit_createMultipartUploadIsGivenTheHeadersTheSourceHas() {
        S3StorageBackend s3 = open(5 * MIB);
        s3.put("big.bin", TestBodies.random(6 * MIB, 3), StorageBackend.UNKNOWN_LENGTH,
                PutOptions.builder().contentType("image/tiff").headers(ALL).build());
        ObjectHeaders source = s3.head("big.bin").orElseThrow().headers();

        s3.copy("big.bin", "big-copy.bin");

        CreateMultipartUploadRequest sent = requests.last(CreateMultipartUploadRequest.class);
        assertThat(sent.key()).isEqualTo("big-copy.bin");
        assertThat(sent.cacheControl()).isEqualTo("public, max-age=600");
        assertThat(sent.contentDisposition()).isEqualTo("attachment; filename=\"a.png\"");
        assertThat(sent.contentEncoding()).isEqualTo("identity");
        assertThat(sent.contentLanguage()).isEqualTo("de");
        assertThat(sent.expires()).isEqualTo(source.expires().orElse(null));
        assertThat(sent.contentType()).isEqualTo("image/tiff");
        assertThat(s3.head("big-copy.bin").orElseThrow().headers()).isEqualTo(source);
    }
}
