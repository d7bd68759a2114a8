package studio.sselfie.storage.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ServiceClientConfiguration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;
import studio.sselfie.storage.s3protocol.PostPolicies;
import studio.sselfie.storage.s3protocol.SigV4;

/**
 * Presigned requests for an {@link S3StorageBackend}: GET and PUT through the SDK's {@link S3Presigner} (built from the
 * backend's client, so the same endpoint, region, path style and credentials), POST policies signed here with the
 * client's credentials (the SDK v2 has no POST presigner). Sends no request.
 */
final class S3Presigning implements AutoCloseable {
    private final S3Client client;
    private final String bucket;
    /** Built on first use: most backends never sign. */
    private S3Presigner presigner;

    S3Presigning(S3Client client, String bucket) {
        this.client = client;
        this.bucket = bucket;
    }

    // The client's region, endpoint and credentials, and its path style (through s3Client): the presigner signs what
    // the client would send.
    private synchronized S3Presigner presigner() {
        if (presigner == null) {
            S3ServiceClientConfiguration configuration = client.serviceClientConfiguration();
            S3Presigner.Builder builder = S3Presigner.builder().s3Client(client).region(configuration.region())
                    .credentialsProvider(configuration.credentialsProvider());
            configuration.endpointOverride().ifPresent(builder::endpointOverride);
            presigner = builder.build();
        }
        return presigner;
    }

    studio.sselfie.storage.PresignedRequest download(String key, DownloadOptions options) {
        GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(key);
        options.responseContentType().ifPresent(get::responseContentType);
        options.responseContentDisposition().ifPresent(get::responseContentDisposition);
        PresignedRequest signed = presigner().presignGetObject(r -> r.signatureDuration(options.expiry()).getObjectRequest(get.build()));
        return studio.sselfie.storage.PresignedRequest.get(uri(signed), headersToSend(signed), signed.expiration());
    }

    studio.sselfie.storage.PresignedRequest upload(UploadMethod method, UploadPolicy policy) {
        return method == UploadMethod.PUT ? put(policy) : post(policy);
    }

    private studio.sselfie.storage.PresignedRequest put(UploadPolicy policy) {
        PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(policy.key().orElseThrow())
                .metadata(policy.metadata());
        policy.contentType().ifPresent(put::contentType);
        policy.size().ifPresent(range -> put.contentLength(range.max()));
        if (policy.noOverwrite()) {
            put.ifNoneMatch("*");
        }
        S3Headers.apply(policy.headers(), put);
        PresignedRequest signed = presigner().presignPutObject(r -> r.signatureDuration(policy.expiry()).putObjectRequest(put.build()));
        return studio.sselfie.storage.PresignedRequest.put(uri(signed), headersToSend(signed), signed.expiration());
    }

    private studio.sselfie.storage.PresignedRequest post(UploadPolicy policy) {
        AwsCredentialsIdentity credentials = client.serviceClientConfiguration().credentialsProvider()
                .resolveIdentity().join();
        String token = credentials instanceof AwsSessionCredentialsIdentity
                ? ((AwsSessionCredentialsIdentity) credentials).sessionToken() : null;
        Instant now = Instant.now();
        Instant expiration = now.plus(policy.expiry());
        PostPolicies.Form form = PostPolicies.form(policy);
        Map<String, String> fields = PostPolicies.signV4(bucket, form, expiration, now,
                client.serviceClientConfiguration().region().id(), credentials.accessKeyId(),
                credentials.secretAccessKey(), token);
        return studio.sselfie.storage.PresignedRequest.post(bucketUrl(), fields, form.clientFields(), expiration);
    }

    // The SDK resolves the bucket's URL (path style or virtual host, any endpoint); the URL of a one-letter key less
    // that letter is the bucket's, where a form is posted.
    private URI bucketUrl() {
        String url = client.utilities().getUrl(r -> r.bucket(bucket).key("k")).toExternalForm();
        return URI.create(url.substring(0, url.length() - 1));
    }

    private static URI uri(PresignedRequest signed) {
        try {
            return signed.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK signed a URL that is no URI", e);
        }
    }

    private static Map<String, String> headersToSend(PresignedRequest signed) {
        Map<String, String> headers = new LinkedHashMap<>();
        signed.signedHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        return SigV4.headersToSend(headers);
    }

    @Override
    public synchronized void close() {
        if (presigner != null) {
            presigner.close();
        }
    }
}
