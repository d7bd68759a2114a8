package studio.sselfie.storage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;

/**
 * Opens {@link S3StorageBackend}s for URIs {@code s3://bucket?endpoint=...&region=...&pathStyle=true}; every
 * parameter is optional and the defaults are those of {@link S3StorageConfig}.
 *
 * <p>{@code clientRetries} ({@code true} or {@code false}, default {@code true}) says whether the AWS SDK client
 * retries: {@code clientRetries=false} sets {@link S3StorageConfig.Builder#sdkRetries(int) sdkRetries(1)}, for a
 * caller that retries itself (the resilience decorator), so that exactly one layer retries.
 *
 * <p>Credentials never go in the URI: they
 * come from the SDK's default chain: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY} with
 * {@code AWS_SESSION_TOKEN} for temporary credentials, system properties ({@code aws.accessKeyId},
 * {@code aws.secretAccessKey}, {@code aws.sessionToken}), profile, SSO, web identity (IRSA), container or instance
 * role. For a credentials provider or a client of your own, build the backend from {@link S3StorageConfig} instead. Found by {@link studio.sselfie.storage.StorageBackends#open(URI)}.
 */
public final class S3StorageProvider implements StorageBackendProvider {
    /** The URI scheme: {@value}. */
    public static final String SCHEME = "s3";

    /** Created by {@link java.util.ServiceLoader}. */
    public S3StorageProvider() {
    }

    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * @throws IllegalArgumentException naming what is wrong: another scheme, no bucket, a path, user info, an unknown
     *                                  parameter or a bad value
     */
    @Override
    public StorageBackend open(URI uri) {
        return new S3StorageBackend(config(uri));
    }

    /** The config {@code uri} describes. See {@link #open(URI)}. */
    public static S3StorageConfig config(URI uri) {
        requireNonNull(uri, "uri is null");
        if (!SCHEME.equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("expected an s3:// URI, was scheme '" + uri.getScheme() + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("an s3:// URI must not carry user info: credentials come from the "
                    + "default chain or S3StorageConfig");
        }
        String bucket = uri.getHost() != null ? uri.getHost() : uri.getRawAuthority();
        if (bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("s3:// URI has no bucket: expected s3://bucket?endpoint=...");
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("s3:// URI must not have a path, was '" + path
                    + "': a backend is bound to a whole bucket");
        }
        S3StorageConfig.Builder builder = S3StorageConfig.builder().bucket(bucket);
        for (Map.Entry<String, String> parameter : parameters(uri.getRawQuery()).entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "endpoint":
                    builder.endpoint(URI.create(value));
                    break;
                case "region":
                    builder.region(value);
                    break;
                case "pathStyle":
                    builder.pathStyle(parseBoolean("pathStyle", value));
                    break;
                case "clientRetries":
                    if (!parseBoolean("clientRetries", value)) {
                        builder.sdkRetries(1);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown parameter '" + parameter.getKey()
                            + "' in s3:// URI; known: endpoint, region, pathStyle, clientRetries");
            }
        }
        return builder.build();
    }

    private static Map<String, String> parameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.put(name, value) != null) {
                throw new IllegalArgumentException("parameter '" + name + "' given twice in s3:// URI");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static boolean parseBoolean(String name, String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.isEmpty()) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw new IllegalArgumentException("parameter '" + name + "' must be true or false, was '" + value + "'");
    }
}
