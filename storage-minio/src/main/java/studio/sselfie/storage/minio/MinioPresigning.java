package studio.sselfie.storage.minio;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.MinioAsyncClient;
import io.minio.PostPolicy;
import io.minio.Signer;
import io.minio.credentials.Credentials;
import io.minio.errors.MinioException;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import studio.sselfie.storage.DownloadOptions;
import studio.sselfie.storage.PresignedRequest;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.UploadMethod;
import studio.sselfie.storage.UploadPolicy;
import studio.sselfie.storage.s3protocol.PostPolicies;
import studio.sselfie.storage.s3protocol.SigV4;

/**
 * Presigned requests for a {@link MinioStorageBackend}, through the MinIO SDK: GET by {@code getPresignedObjectUrl}, PUT
 * by its SigV4 presigner {@link Signer#presignV4} (see {@link #signPut}), POST by {@link PostPolicy} with the
 * conditions the S3 backend signs too ({@link PostPolicies#form}). Sends no request:
 * the client has its region.
 */
final class MinioPresigning {

    private final MinioAsyncClient client;
    private final String backend;
    private final MinioStorageConfig config;

    MinioPresigning(MinioAsyncClient client, String backend, MinioStorageConfig config) {
        this.client = client;
        this.backend = backend;
        this.config = config;
    }

    PresignedRequest download(String key, DownloadOptions options) {
        Map<String, String> query = new LinkedHashMap<>();
        options.responseContentType().ifPresent(value -> query.put("response-content-type", value));
        options.responseContentDisposition().ifPresent(value -> query.put("response-content-disposition", value));
        URI url = sign(key, Http.Method.GET, options.expiry().toSeconds(), Map.of(), query);
        return PresignedRequest.get(url, Map.of(), expiresAt(url));
    }

    PresignedRequest upload(UploadMethod method, UploadPolicy policy) {
        return method == UploadMethod.PUT ? put(policy) : post(policy);
    }

    private PresignedRequest put(UploadPolicy policy) {
        Map<String, String> headers = new LinkedHashMap<>();
        policy.contentType().ifPresent(value -> headers.put("Content-Type", value));
        policy.size().ifPresent(range -> headers.put("Content-Length", Long.toString(range.max())));
        if (policy.noOverwrite()) {
            headers.put("If-None-Match", "*");
        }
        policy.metadata().forEach((name, value) -> headers.put(MinioObjects.METADATA_PREFIX + name, value));
        MinioObjects.putObjectHeaders(policy.headers(), headers::put);
        String key = policy.key().orElseThrow();
        URI url = signPut(key, policy.expiry().toSeconds(), headers);
        return PresignedRequest.put(url, SigV4.headersToSend(headers), expiresAt(url));
    }

    private PresignedRequest post(UploadPolicy policy) {
        PostPolicies.Form form = PostPolicies.form(policy);
        ZonedDateTime expiration = ZonedDateTime.now(ZoneOffset.UTC).plus(policy.expiry());
        PostPolicy post = new PostPolicy(config.bucket(), expiration);
        for (PostPolicies.Condition condition : form.conditions()) {
            if (condition.startsWith()) {
                post.addStartsWithCondition(condition.field(), condition.value());
            } else {
                post.addEqualsCondition(condition.field(), condition.value());
            }
        }
        form.length().ifPresent(range -> post.addContentLengthRangeCondition(range.min(), range.max()));
        Map<String, String> fields = new LinkedHashMap<>(form.fixedFields());
        try {
            fields.putAll(client.getPresignedPostFormData(post));
        } catch (MinioException | RuntimeException e) {
            throw MinioErrors.map(backend, StorageOperation.PRESIGN, policy.key().orElse(null), e);
        }
        return PresignedRequest.post(bucketUrl(), fields, form.clientFields(), expiration.toInstant());
    }

    private URI sign(String key, Http.Method method, long seconds, Map<String, String> headers, Map<String, String> query) {
        try {
            return URI.create(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method)
                    .bucket(config.bucket()).region(config.region()).object(key).expiry((int) seconds)
                    .extraHeaders(headers).extraQueryParams(query).build()));
        } catch (MinioException | RuntimeException e) {
            throw MinioErrors.map(backend, StorageOperation.PRESIGN, key, e);
        }
    }

    // getPresignedObjectUrl moves Content-Type and Content-Length into a request body and so leaves them unsigned; a PUT
    // must sign them to hold the store to a type and a size. So the PUT is signed by the SDK's own SigV4 presigner
    // (Signer.presignV4) over a request with every header, at the URL the SDK addresses the key by.
    private URI signPut(String key, long seconds, Map<String, String> headers) {
        HttpUrl object = HttpUrl.get(sign(key, Http.Method.PUT, seconds, Map.of(), Map.of())).newBuilder().query(null).build();
        try {
            Credentials credentials = config.signingCredentials().fetch();
            HttpUrl.Builder url = object.newBuilder();
            if (credentials.sessionToken() != null) {
                url.addQueryParameter("X-Amz-Security-Token", credentials.sessionToken());
            }
            boolean defaultPort = object.port() == HttpUrl.defaultPort(object.scheme());
            Request.Builder request = new Request.Builder().url(url.build()).put(RequestBody.create(new byte[0]))
                    .header("Host", defaultPort ? object.host() : object.host() + ":" + object.port())
                    .header("x-amz-date", SigV4.AMZ_DATE.format(Instant.now()));
            headers.forEach(request::header);
            return Signer.presignV4(request.build(), config.region(), credentials.accessKey(), credentials.secretKey(),
                    (int) seconds).uri();
        } catch (MinioException | RuntimeException e) {
            throw MinioErrors.map(backend, StorageOperation.PRESIGN, key, e);
        }
    }

    // The signature holds from X-Amz-Date (to the second) for X-Amz-Expires seconds.
    private static Instant expiresAt(URI url) {
        String date = null;
        long seconds = -1;
        for (String pair : url.getRawQuery().split("&")) {
            if (pair.startsWith("X-Amz-Date=")) {
                date = pair.substring("X-Amz-Date=".length());
            } else if (pair.startsWith("X-Amz-Expires=")) {
                seconds = Long.parseLong(pair.substring("X-Amz-Expires=".length()));
            }
        }
        if (date == null || seconds < 0) {
            throw new IllegalStateException("the MinIO SDK signed a URL without X-Amz-Date or X-Amz-Expires");
        }
        return SigV4.AMZ_DATE.parse(date, Instant::from).plusSeconds(seconds);
    }

    // A form is posted to the bucket's URL, path style or virtual host as the client addresses it: the URL the client
    // signs for a one-letter key, less that letter and the query.
    private URI bucketUrl() {
        URI object = sign("k", Http.Method.GET, 1, Map.of(), Map.of());
        String path = object.getRawPath();
        return URI.create(object.getScheme() + "://" + object.getRawAuthority() + path.substring(0, path.length() - 1));
    }
}
