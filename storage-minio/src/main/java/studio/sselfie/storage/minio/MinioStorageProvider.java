package studio.sselfie.storage.minio;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackendProvider;

/**
 * Opens {@code minio://<bucket>?endpoint=<url>[&region=<region>][&clientRetries=false]} URIs for
 * {@link studio.sselfie.storage.StorageBackends#open(URI)}, e.g.
 * {@code minio://photos?endpoint=http://localhost:9000&region=eu-west-1}. The endpoint is URL-encoded or plain; the
 * region defaults to {@value MinioStorageConfig#DEFAULT_REGION}; {@code clientRetries} ({@code true} or {@code false},
 * default {@code true}) sets {@link MinioStorageConfig.Builder#clientRetries(boolean)}: {@code false} for a caller that
 * retries itself (the resilience decorator); every other setting has its {@link MinioStorageConfig} default.
 *
 * <p>Credentials never go in the URI: they come from the environment, {@value #ENV_ACCESS_KEY} and
 * {@value #ENV_SECRET_KEY}, or else {@value #ENV_AWS_ACCESS_KEY} and {@value #ENV_AWS_SECRET_KEY}. A session token
 * for temporary credentials (STS, SSO, IRSA) is read from the variable of the same family as the keys:
 * {@value #ENV_SESSION_TOKEN} with the MinIO pair, {@value #ENV_AWS_SESSION_TOKEN} with the AWS pair. A token belongs
 * to the keys it was issued with, so an {@code AWS_SESSION_TOKEN} left over in the environment never joins the MinIO
 * pair. A URI with
 * user-info, a path, a fragment or an unknown parameter is refused, naming what is wrong.
 */
public final class MinioStorageProvider implements StorageBackendProvider {
    /** The URI scheme served: {@value}. */
    public static final String SCHEME = "minio";
    /** Environment variable with the access key id; checked first. */
    public static final String ENV_ACCESS_KEY = "MINIO_ACCESS_KEY";
    /** Environment variable with the secret key; checked first. */
    public static final String ENV_SECRET_KEY = "MINIO_SECRET_KEY";
    /** Environment variable with the access key id, when the MinIO pair is not set. */
    public static final String ENV_AWS_ACCESS_KEY = "AWS_ACCESS_KEY_ID";
    /** Environment variable with the secret key, when the MinIO pair is not set. */
    public static final String ENV_AWS_SECRET_KEY = "AWS_SECRET_ACCESS_KEY";

    /** Environment variable with the session token of temporary credentials, read with the MinIO pair. */
    public static final String ENV_SESSION_TOKEN = "MINIO_SESSION_TOKEN";
    /** Environment variable with the session token of temporary credentials, read with the AWS pair. */
    public static final String ENV_AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private final Function<String, String> environment;

    /** A provider reading credentials from the process environment; {@link java.util.ServiceLoader} calls this. */
    public MinioStorageProvider() {
        this(System::getenv);
    }

    /** A provider reading credentials from {@code environment}, for tests. */
    MinioStorageProvider(Function<String, String> environment) {
        this.environment = requireNonNull(environment, "environment is null");
    }

    /** Returns {@value #SCHEME}. */
    @Override
    public String scheme() {
        return SCHEME;
    }

    /**
     * A backend over the bucket the URI names.
     *
     * @throws IllegalArgumentException naming the part of the URI that is wrong (scheme, bucket, user-info, path,
     *                                  fragment, a missing endpoint, an unknown parameter) or the missing credential
     */
    @Override
    public StorageBackend open(URI uri) {
        return MinioStorageBackend.create(config(uri));
    }

    /** The config {@code uri} describes, with the environment's credentials. See {@link #open(URI)}. */
    MinioStorageConfig config(URI uri) {
        requireNonNull(uri, "uri is null");
        if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).equals(SCHEME)) {
            throw invalid(uri, "the scheme must be '" + SCHEME + "'");
        }
        if (uri.isOpaque() || uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            throw invalid(uri, "the bucket is missing");
        }
        if (uri.getRawAuthority().contains("@")) {
            throw invalid(uri, "user-info is not allowed: credentials come from the environment");
        }
        if (uri.getHost() == null || uri.getPort() != -1) {
            throw invalid(uri, "the bucket '" + uri.getRawAuthority() + "' is not a valid bucket name");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw invalid(uri, "a path is not allowed (found '" + uri.getRawPath() + "')");
        }
        if (uri.getRawFragment() != null) {
            throw invalid(uri, "a fragment is not allowed");
        }
        Map<String, String> parameters = parameters(uri);
        MinioStorageConfig.Builder config = MinioStorageConfig.builder();
        try {
            config.bucket(uri.getHost());
            String endpoint = parameters.remove("endpoint");
            if (endpoint == null || endpoint.isBlank()) {
                throw invalid(uri, "the parameter 'endpoint' is required, e.g. ?endpoint=http://localhost:9000");
            }
            config.endpoint(endpoint);
            String region = parameters.remove("region");
            if (region != null) {
                config.region(region);
            }
            String clientRetries = parameters.remove("clientRetries");
            if (clientRetries != null) {
                config.clientRetries(parseBoolean(uri, "clientRetries", clientRetries));
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("invalid MinIO storage URI")) {
                throw e;
            }
            throw invalid(uri, e.getMessage());
        }
        if (!parameters.isEmpty()) {
            throw invalid(uri, "unknown parameter '" + parameters.keySet().iterator().next()
                    + "'; known parameters: endpoint, region, clientRetries");
        }
        credentials(config);
        return config.build();
    }

    private void credentials(MinioStorageConfig.Builder config) {
        String accessKey = blankToNull(environment.apply(ENV_ACCESS_KEY));
        String secretKey = blankToNull(environment.apply(ENV_SECRET_KEY));
        String accessName = ENV_ACCESS_KEY;
        String secretName = ENV_SECRET_KEY;
        String tokenName = ENV_SESSION_TOKEN;
        if (accessKey == null && secretKey == null) {
            accessKey = blankToNull(environment.apply(ENV_AWS_ACCESS_KEY));
            secretKey = blankToNull(environment.apply(ENV_AWS_SECRET_KEY));
            accessName = ENV_AWS_ACCESS_KEY;
            secretName = ENV_AWS_SECRET_KEY;
            tokenName = ENV_AWS_SESSION_TOKEN;
        }
        if (accessKey == null && secretKey == null) {
            throw new IllegalArgumentException("no credentials for the MinIO backend: set the environment variables "
                    + ENV_ACCESS_KEY + " and " + ENV_SECRET_KEY + " (or " + ENV_AWS_ACCESS_KEY + " and "
                    + ENV_AWS_SECRET_KEY + ")");
        }
        if (accessKey == null) {
            throw new IllegalArgumentException(secretName + " is set but " + accessName + " is not");
        }
        if (secretKey == null) {
            throw new IllegalArgumentException(accessName + " is set but " + secretName + " is not");
        }
        String sessionToken = blankToNull(environment.apply(tokenName));
        if (sessionToken == null) {
            config.credentials(accessKey, secretKey);
        } else {
            config.credentials(accessKey, secretKey, sessionToken);
        }
    }

    private static Map<String, String> parameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (parameters.put(name, value) != null) {
                throw invalid(uri, "the parameter '" + name + "' is given twice");
            }
        }
        return parameters;
    }

    private static boolean parseBoolean(URI uri, String name, String value) {
        String lower = value.strip().toLowerCase(Locale.ROOT);
        if (lower.equals("true")) {
            return true;
        }
        if (lower.equals("false")) {
            return false;
        }
        throw invalid(uri, "the parameter '" + name + "' must be true or false, was '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static IllegalArgumentException invalid(URI uri, String problem) {
        return new IllegalArgumentException("invalid MinIO storage URI '" + describe(uri) + "': " + problem
                + "; expected " + SCHEME + "://<bucket>?endpoint=<url>[&region=<region>][&clientRetries=false]");
    }

    /** The URI without user-info or query, either of which might hold a credential someone put there by mistake. */
    private static String describe(URI uri) {
        if (uri.isOpaque() || uri.getRawAuthority() == null) {
            return uri.getScheme() + ":...";
        }
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        return uri.getScheme() + "://" + (at < 0 ? authority : "***@" + authority.substring(at + 1))
                + (uri.getRawPath() == null ? "" : uri.getRawPath()) + (uri.getRawQuery() == null ? "" : "?...");
    }
}
