package studio.sselfie.storage.minio;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import io.minio.credentials.Provider;
import io.minio.credentials.StaticProvider;
import okhttp3.OkHttpClient;
import studio.sselfie.storage.KeyPolicy;

/**
 * How a {@link MinioStorageBackend} reaches its bucket: endpoint, bucket, region, credentials, upload part sizes and
 * HTTP settings. Immutable; built with {@link #builder()} (or {@link #of(Consumer)}), which checks every value and
 * names the setting that is wrong. {@link #toString()} never shows the credentials.
 *
 * <p>Settings and their defaults:
 * <ul>
 *   <li>{@code endpoint}: required. The base URI of any S3-compatible store, {@code http} or {@code https}, without
 *       path, query or user-info, e.g. {@code http://localhost:9000} or {@code https://s3.eu-west-1.amazonaws.com}.</li>
 *   <li>{@code bucket}: required. An existing bucket: 3..63 characters of lower-case letters, digits, {@code .} and
 *       {@code -}, starting and ending with a letter or digit.</li>
 *   <li>{@code region}: the region requests are signed for. Default value: {@value #DEFAULT_REGION}.</li>
 *   <li>{@code credentials}: required, one of: an access key id and secret key; the same with a session token, for
 *       temporary credentials (STS, SSO, IRSA), sent as {@code X-Amz-Security-Token} and not renewed; or an
 *       {@link Provider io.minio.credentials.Provider}, asked for credentials as the client needs them, so that
 *       temporary ones are renewed (the MinIO SDK's {@code AssumeRoleProvider}, {@code IamAwsProvider}...). No key,
 *       secret or token is ever shown by {@link #toString()}, an exception message or a log line of this module.</li>
 *   <li>{@code partSize}: the size of each part of a multipart upload, and the threshold above which an upload is
 *       multipart. Default value: 8 MiB. At least 5 MiB (S3's smallest part), at most 1 GiB (a part is one Java array).
 *       An upload has at most 10,000 parts, so {@code partSize} caps the object: about 78 GiB at 8 MiB. A longer body
 *       of known length is refused before anything is sent; one of unknown length fails (its upload aborted) when it
 *       passes the cap.</li>
 *   <li>{@code maxPartsInFlight}: how many part buffers the backend holds at most, across all its puts at once: the
 *       ones being filled from bodies and the ones uploading. Default value: 4. Between 1 and 64. The memory the
 *       backend's uploads need is {@code partSize x maxPartsInFlight} (32 MiB by default), whatever the size and the
 *       number of the objects, as in the S3 backend; a put of known length up to {@code partSize} takes no part
 *       buffer but one of its own length.</li>
 *   <li>{@code connectTimeout}, {@code readTimeout}, {@code writeTimeout}: HTTP timeouts. Default values: 10 s, 60 s,
 *       60 s. Each must be positive.</li>
 *   <li>{@code maxIdleConnections} and {@code keepAlive}: the bounded connection pool of the HTTP client the backend
 *       builds. Default values: 16 idle connections, kept 5 minutes.</li>
 *   <li>{@code maxConcurrentRequests}: how many HTTP calls the backend's client runs at once; later ones queue.
 *       Default value: 64.</li>
 *   <li>{@code httpClient}: optional. An OkHttp client to share between backends: the backend then uses that
 *       client's connection pool and dispatcher (so {@code maxIdleConnections}, {@code keepAlive} and
 *       {@code maxConcurrentRequests} are not used) with this config's timeouts, and never shuts the client down.
 *       Default: none; each backend builds its own client and shuts it down on close.</li>
 *   <li>{@code clientRetries}: whether the backend's client retries (see <b>Retries</b>). Default value: {@code true}.</li>
 * </ul>
 *
 * <p><b>Retries.</b> Out of the box the backend retries as the S3 backend does (the AWS SDK's standard mode): up to 3
 * attempts in all, with exponential backoff and full jitter, for every answer the shared S3 error table calls
 * retryable (5xx but 501, 408, 429, {@code SlowDown}, {@code RequestTimeout}, {@code ConditionalRequestConflict}) and
 * for failed connections (OkHttp's {@code retryOnConnectionFailure} as well). That is the backend's one retry layer:
 * the MinIO SDK's own is off (its status-code retry interceptor is never installed, or removed from a shared client,
 * and the complete-multipart-upload retry is set to one attempt). A call that still fails surfaces as a retryable
 * {@link studio.sselfie.storage.StorageUnavailableException}. {@code clientRetries(false)} (URI parameter
 * {@code clientRetries=false}) turns every retry off, also on a shared {@code httpClient}'s derived copy: the wiring of
 * the resilience decorator sets it whenever the decorator retries, so that exactly one layer retries.
 */
public final class MinioStorageConfig {
    /** The region signed for when none is set: {@value}. */
    public static final String DEFAULT_REGION = "us-east-1";
    /** The default part size: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** The smallest part size: 5 MiB, S3's smallest part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** The largest part size: 1 GiB. */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    /** The default number of part buffers per upload: {@value}. */
    public static final int DEFAULT_MAX_PARTS_IN_FLIGHT = 4;
    /** The most part buffers per upload: {@value}. */
    public static final int MAX_MAX_PARTS_IN_FLIGHT = 64;

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final URI endpoint;
    private final String bucket;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private final String sessionToken;
    private final Provider credentialsProvider;
    private final long partSize;
    private final int maxPartsInFlight;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Duration writeTimeout;
    private final int maxIdleConnections;
    private final Duration keepAlive;
    private final int maxConcurrentRequests;
    private final OkHttpClient httpClient;
    private final boolean clientRetries;
    private final KeyPolicy writeKeys;

    private MinioStorageConfig(Builder builder) {
        this.endpoint = builder.endpoint;
        this.bucket = builder.bucket;
        this.region = builder.region;
        this.accessKey = builder.accessKey;
        this.secretKey = builder.secretKey;
        this.sessionToken = builder.sessionToken;
        this.credentialsProvider = builder.credentialsProvider;
        this.partSize = builder.partSize;
        this.maxPartsInFlight = builder.maxPartsInFlight;
        this.connectTimeout = builder.connectTimeout;
        this.readTimeout = builder.readTimeout;
        this.writeTimeout = builder.writeTimeout;
        this.maxIdleConnections = builder.maxIdleConnections;
        this.keepAlive = builder.keepAlive;
        this.maxConcurrentRequests = builder.maxConcurrentRequests;
        this.httpClient = builder.httpClient;
        this.clientRetries = builder.clientRetries;
        this.writeKeys = builder.writeKeys;
    }

    /** A builder with every default; endpoint, bucket and credentials must still be set. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A config built by {@code configure} from the defaults.
     *
     * @throws IllegalArgumentException naming the setting that is missing or wrong
     */
    public static MinioStorageConfig of(Consumer<Builder> configure) {
        requireNonNull(configure, "configure is null");
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding this config's values, to derive a changed copy. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.endpoint = endpoint;
        builder.bucket = bucket;
        builder.region = region;
        builder.accessKey = accessKey;
        builder.secretKey = secretKey;
        builder.sessionToken = sessionToken;
        builder.credentialsProvider = credentialsProvider;
        builder.partSize = partSize;
        builder.maxPartsInFlight = maxPartsInFlight;
        builder.connectTimeout = connectTimeout;
        builder.readTimeout = readTimeout;
        builder.writeTimeout = writeTimeout;
        builder.maxIdleConnections = maxIdleConnections;
        builder.keepAlive = keepAlive;
        builder.maxConcurrentRequests = maxConcurrentRequests;
        builder.httpClient = httpClient;
        builder.clientRetries = clientRetries;
        builder.writeKeys = writeKeys;
        return builder;
    }

    /** The base URI of the store. */
    public URI endpoint() {
        return endpoint;
    }

    /** The bucket the backend is bound to. */
    public String bucket() {
        return bucket;
    }

    /** The region requests are signed for. */
    public String region() {
        return region;
    }

    /** The access key id; {@code null} when credentials come from a {@link #credentialsProvider() provider}. */
    public String accessKey() {
        return accessKey;
    }

    /**
     * The secret key; keep it out of messages and logs. {@code null} when credentials come from a
     * {@link #credentialsProvider() provider}.
     */
    public String secretKey() {
        return secretKey;
    }

    /** The session token of temporary static credentials, or {@code null}; a secret like the secret key. */
    String sessionToken() {
        return sessionToken;
    }

    /** The credentials provider given instead of static keys. Default: empty. */
    public Optional<Provider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /** The provider the client signs with: the one given, or the static keys (with their token, if any). */
    Provider signingCredentials() {
        return credentialsProvider != null ? credentialsProvider
                : new StaticProvider(accessKey, secretKey, sessionToken);
    }

    // Never the provider's own toString: a provider of someone else's may print what it holds.
    private static String credentialsSource(String accessKey, String sessionToken, Provider provider) {
        if (provider != null) {
            return "provider " + provider.getClass().getSimpleName();
        }
        if (accessKey == null) {
            return "<unset>";
        }
        return sessionToken == null ? "<hidden>" : "<hidden> with session token";
    }

    /** The size of each part of a multipart upload, in bytes. */
    public long partSize() {
        return partSize;
    }

    /** The most part buffers one upload holds. */
    public int maxPartsInFlight() {
        return maxPartsInFlight;
    }

    /** The HTTP connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The HTTP read timeout. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** The HTTP write timeout. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** The most idle connections the backend's own client keeps. */
    public int maxIdleConnections() {
        return maxIdleConnections;
    }

    /** How long the backend's own client keeps an idle connection. */
    public Duration keepAlive() {
        return keepAlive;
    }

    /** How many HTTP calls the backend's own client runs at once. */
    public int maxConcurrentRequests() {
        return maxConcurrentRequests;
    }

    /** The shared OkHttp client, if one was given. */
    public Optional<OkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /**
     * Whether the HTTP client repeats a request after a connection failure (OkHttp's {@code retryOnConnectionFailure});
     * {@code false} when another layer retries. See the class Javadoc, <b>Retries</b>.
     */
    public boolean clientRetries() {
        return clientRetries;
    }

    /**
     * The keys a put or a copy's target accepts. Default: {@link KeyPolicy#PORTABLE}; {@link KeyPolicy#STORE} also
     * writes the keys S3 holds that a filesystem would not (folder markers {@code photos/}, {@code a//b}...). Reads,
     * deletes and listings take those keys either way.
     */
    public KeyPolicy writeKeys() {
        return writeKeys;
    }

    /** The settings without the credentials. */
    @Override
    public String toString() {
        return "MinioStorageConfig{endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + ", credentials=" + credentialsSource(accessKey, sessionToken, credentialsProvider) + ", partSize=" + partSize + ", maxPartsInFlight=" + maxPartsInFlight
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout
                + ", maxIdleConnections=" + maxIdleConnections + ", keepAlive=" + keepAlive
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", sharedHttpClient=" + (httpClient != null)
                + ", clientRetries=" + clientRetries + '}';
    }

    /**
     * Builder of {@link MinioStorageConfig}. Setters check their argument at once and {@link #build()} checks that the
     * required settings are there; each failure is an {@link IllegalArgumentException} naming the setting (and never
     * showing a credential).
     */
    public static final class Builder {
        private URI endpoint;
        private String bucket;
        private String region = DEFAULT_REGION;
        private String accessKey;
        private String secretKey;
        private String sessionToken;
        private Provider credentialsProvider;
        private long partSize = DEFAULT_PART_SIZE;
        private int maxPartsInFlight = DEFAULT_MAX_PARTS_IN_FLIGHT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private int maxIdleConnections = 16;
        private Duration keepAlive = Duration.ofMinutes(5);
        private int maxConcurrentRequests = 64;
        private OkHttpClient httpClient;
        private boolean clientRetries = true;
        private KeyPolicy writeKeys = KeyPolicy.PORTABLE;

        private Builder() {
        }

        /**
         * See {@link MinioStorageConfig#endpoint()}; {@code http} or {@code https}, no path, query or user-info. The
         * messages of a rejected endpoint never repeat it: a mistyped one might carry a credential.
         */
        public Builder endpoint(URI endpoint) {
            requireNonNull(endpoint, "endpoint is null");
            String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("endpoint must be an http or https URI, e.g. http://localhost:9000");
            }
            if (endpoint.getRawUserInfo() != null) {
                throw new IllegalArgumentException("endpoint must not contain user-info; set credentials instead");
            }
            if (endpoint.getHost() == null) {
                throw new IllegalArgumentException("endpoint has no valid host, e.g. http://localhost:9000");
            }
            String path = endpoint.getRawPath();
            if ((path != null && !path.isEmpty() && !path.equals("/")) || endpoint.getRawQuery() != null
                    || endpoint.getRawFragment() != null) {
                throw new IllegalArgumentException("endpoint must not have a path, query or fragment, e.g. http://"
                        + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()));
            }
            this.endpoint = endpoint;
            return this;
        }

        /** See {@link #endpoint(URI)}. */
        public Builder endpoint(String endpoint) {
            requireNonNull(endpoint, "endpoint is null");
            URI uri;
            try {
                uri = new URI(endpoint.strip());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint is not a valid URI: " + e.getReason());
            }
            return endpoint(uri);
        }

        /** See {@link MinioStorageConfig#bucket()}. */
        public Builder bucket(String bucket) {
            requireNonNull(bucket, "bucket is null");
            if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
                throw new IllegalArgumentException("bucket '" + bucket + "' must be 3-63 characters of lower-case letters,"
                        + " digits, '.' and '-', starting and ending with a letter or digit");
            }
            this.bucket = bucket;
            return this;
        }

        /** See {@link MinioStorageConfig#region()}. Default: {@value MinioStorageConfig#DEFAULT_REGION}. */
        public Builder region(String region) {
            requireNonNull(region, "region is null");
            if (region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank");
            }
            this.region = region.strip();
            return this;
        }

        /**
         * Long-term static credentials: the access key id and secret key, neither blank. Replaces credentials set
         * before.
         */
        public Builder credentials(String accessKey, String secretKey) {
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            if (accessKey.isBlank()) {
                throw new IllegalArgumentException("credentials: accessKey must not be blank");
            }
            if (secretKey.isBlank()) {
                throw new IllegalArgumentException("credentials: secretKey must not be blank");
            }
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            this.sessionToken = null;
            this.credentialsProvider = null;
            return this;
        }

        /**
         * Temporary static credentials: the keys and their session token, none blank; the token is sent as
         * {@code X-Amz-Security-Token} and never renewed (for credentials that renew, give a
         * {@link #credentialsProvider(Provider) provider}). Replaces credentials set before.
         */
        public Builder credentials(String accessKey, String secretKey, String sessionToken) {
            requireNonNull(sessionToken, "sessionToken is null");
            if (sessionToken.isBlank()) {
                throw new IllegalArgumentException("credentials: sessionToken must not be blank");
            }
            credentials(accessKey, secretKey);
            this.sessionToken = sessionToken;
            return this;
        }

        /**
         * Credentials from {@code provider}, asked each time the client signs (the MinIO SDK's providers cache and
         * renew temporary credentials). Replaces credentials set before.
         */
        public Builder credentialsProvider(Provider provider) {
            requireNonNull(provider, "provider is null");
            this.accessKey = null;
            this.secretKey = null;
            this.sessionToken = null;
            this.credentialsProvider = provider;
            return this;
        }

        /** See {@link MinioStorageConfig#partSize()}. Default: 8 MiB; 5 MiB..1 GiB. */
        public Builder partSize(long bytes) {
            if (bytes < MIN_PART_SIZE || bytes > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " (5 MiB) and "
                        + MAX_PART_SIZE + " (1 GiB) bytes, was " + bytes);
            }
            this.partSize = bytes;
            return this;
        }

        /** See {@link MinioStorageConfig#maxPartsInFlight()}. Default: 4; 1..64. */
        public Builder maxPartsInFlight(int parts) {
            if (parts < 1 || parts > MAX_MAX_PARTS_IN_FLIGHT) {
                throw new IllegalArgumentException("maxPartsInFlight must be between 1 and " + MAX_MAX_PARTS_IN_FLIGHT
                        + ", was " + parts);
            }
            this.maxPartsInFlight = parts;
            return this;
        }

        /** See {@link MinioStorageConfig#connectTimeout()}. Default: 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** See {@link MinioStorageConfig#readTimeout()}. Default: 60 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = positive("readTimeout", timeout);
            return this;
        }

        /** See {@link MinioStorageConfig#writeTimeout()}. Default: 60 s. */
        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = positive("writeTimeout", timeout);
            return this;
        }

        /** See {@link MinioStorageConfig#maxIdleConnections()}. Default: 16; at least 1. */
        public Builder maxIdleConnections(int connections) {
            if (connections < 1) {
                throw new IllegalArgumentException("maxIdleConnections must be at least 1, was " + connections);
            }
            this.maxIdleConnections = connections;
            return this;
        }

        /** See {@link MinioStorageConfig#keepAlive()}. Default: 5 minutes. */
        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = positive("keepAlive", keepAlive);
            return this;
        }

        /** See {@link MinioStorageConfig#maxConcurrentRequests()}. Default: 64; at least 1. */
        public Builder maxConcurrentRequests(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxConcurrentRequests must be at least 1, was " + requests);
            }
            this.maxConcurrentRequests = requests;
            return this;
        }

        /** See {@link MinioStorageConfig#httpClient()}: a client to share; the backend never shuts it down. */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = requireNonNull(httpClient, "httpClient is null");
            return this;
        }

        /** See {@link MinioStorageConfig#writeKeys()}. Default: {@link KeyPolicy#PORTABLE}. */
        public Builder writeKeys(KeyPolicy writeKeys) {
            this.writeKeys = requireNonNull(writeKeys, "writeKeys is null");
            return this;
        }

        /**
         * See {@link MinioStorageConfig#clientRetries()}. Default: {@code true}. Set {@code false} when a layer above
         * the backend (the resilience decorator) retries, so that exactly one layer retries.
         */
        public Builder clientRetries(boolean clientRetries) {
            this.clientRetries = clientRetries;
            return this;
        }

        /**
         * The config.
         *
         * @throws IllegalArgumentException naming the first required setting that is missing
         */
        public MinioStorageConfig build() {
            if (endpoint == null) {
                throw new IllegalArgumentException("endpoint is required, e.g. http://localhost:9000");
            }
            if (bucket == null) {
                throw new IllegalArgumentException("bucket is required");
            }
            if (accessKey == null && credentialsProvider == null) {
                throw new IllegalArgumentException("credentials are required: set the access key id and secret key, "
                        + "or a credentials provider");
            }
            return new MinioStorageConfig(this);
        }

        private static Duration positive(String setting, Duration value) {
            requireNonNull(value, setting + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(setting + " must be positive, was " + value);
            }
            return value;
        }

        /** The settings without the credentials. */
        @Override
        public String toString() {
            return "MinioStorageConfig.Builder{endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                    + ", credentials=" + credentialsSource(accessKey, sessionToken, credentialsProvider) + '}';
        }
    }
}
