package studio.sselfie.storage.s3;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import studio.sselfie.storage.KeyPolicy;

/**
 * How an {@link S3StorageBackend} reaches its bucket. Immutable; every setter of the {@link Builder} checks its
 * argument at once and names the setting it rejects.
 *
 * <p>Works with AWS S3 and any S3-compatible store (MinIO, Ceph RGW, Cloudflare R2, Garage, SeaweedFS...): give the
 * store's {@link Builder#endpoint(URI) endpoint}, and usually {@link Builder#pathStyle(boolean) pathStyle(true)}.
 *
 * <p>Retries: the AWS SDK client retries (standard mode, {@value #DEFAULT_SDK_MAX_ATTEMPTS} attempts in all) every
 * request whose body it can replay: all but the body of a single streamed put. This is the one retry layer unless
 * the resilience decorator ({@code storage-resilience}) retries instead: then set {@code sdkRetries(1)}, or
 * {@code clientRetries=false} in an {@code s3://} URI, as storage-guice's {@code StorageModule} does.
 *
 * <p>Credentials, one of: the SDK's default chain (the default: {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}, system properties, profile, SSO, web identity (IRSA),
 * container and instance roles); static keys, with a session token for temporary ones
 * ({@link Builder#credentials(String, String, String)}); or any {@link AwsCredentialsProvider}
 * ({@link Builder#credentialsProvider(AwsCredentialsProvider)}), which the backend uses but never closes. A team that
 * already has an {@code S3Client} passes it to {@link S3StorageBackend#create(S3StorageConfig,
 * software.amazon.awssdk.services.s3.S3Client)} instead.
 *
 * <p>{@link #toString()} never shows credentials: only where they come from. No exception or log line of this module
 * shows a secret key or session token; but a session token travels as a request header, and at DEBUG the AWS SDK's
 * signer ({@code software.amazon.awssdk.http.auth.aws.internal.signer}) and Apache HttpClient's header log
 * ({@code org.apache.hc.client5.http.headers}) print request headers: keep those loggers at INFO wherever logs are
 * kept.
 */
public final class S3StorageConfig {
    /** Default {@link #partSize()}: 8 MiB. */
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    /** Smallest {@link #partSize()}: 5 MiB, S3's minimum for every part but the last. */
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    /** Largest {@link #partSize()}: 1 GiB (parts are buffered in memory). */
    public static final long MAX_PART_SIZE = 1024L * 1024 * 1024;
    /** Default {@link #maxPartsInFlight()}: 4. */
    public static final int DEFAULT_MAX_PARTS_IN_FLIGHT = 4;
    /** Default {@link #maxConnections()}: 50. */
    public static final int DEFAULT_MAX_CONNECTIONS = 50;
    /** Default {@link #sdkMaxAttempts()}: 3 (the SDK's standard retry mode). */
    public static final int DEFAULT_SDK_MAX_ATTEMPTS = 3;
    /** The region used when an endpoint is given without one: {@value}. */
    public static final String DEFAULT_ENDPOINT_REGION = "us-east-1";

    private final String bucket;
    private final URI endpoint;
    private final String region;
    private final boolean pathStyle;
    private final KeyPolicy writeKeys;
    private final String accessKey;
    private final String secretKey;
    private final String sessionToken;
    private final AwsCredentialsProvider credentialsProvider;
    private final long partSize;
    private final int maxPartsInFlight;
    private final int maxConnections;
    private final Duration connectionTimeout;
    private final Duration socketTimeout;
    private final Duration connectionAcquisitionTimeout;
    private final Duration apiCallTimeout;
    private final int sdkMaxAttempts;

    private S3StorageConfig(Builder builder) {
        this.bucket = builder.bucket;
        this.endpoint = builder.endpoint;
        this.region = builder.region;
        this.pathStyle = builder.pathStyle;
        this.writeKeys = builder.writeKeys;
        this.accessKey = builder.accessKey;
        this.secretKey = builder.secretKey;
        this.sessionToken = builder.sessionToken;
        this.credentialsProvider = builder.credentialsProvider;
        this.partSize = builder.partSize;
        this.maxPartsInFlight = builder.maxPartsInFlight;
        this.maxConnections = builder.maxConnections;
        this.connectionTimeout = builder.connectionTimeout;
        this.socketTimeout = builder.socketTimeout;
        this.connectionAcquisitionTimeout = builder.connectionAcquisitionTimeout;
        this.apiCallTimeout = builder.apiCallTimeout;
        this.sdkMaxAttempts = builder.sdkMaxAttempts;
    }

    /** A new builder with every default; {@link Builder#bucket(String)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A config for {@code bucket} with every other setting at its default. */
    public static S3StorageConfig of(String bucket) {
        return builder().bucket(bucket).build();
    }

    /** A config built by {@code configure} from the defaults. */
    public static S3StorageConfig of(Consumer<Builder> configure) {
        requireNonNull(configure, "configure is null");
        Builder builder = builder();
        configure.accept(builder);
        return builder.build();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy of this config changed by {@code change}. */
    public S3StorageConfig with(Consumer<Builder> change) {
        requireNonNull(change, "change is null");
        Builder builder = toBuilder();
        change.accept(builder);
        return builder.build();
    }

    /** The bucket the backend is bound to. Required. */
    public String bucket() {
        return bucket;
    }

    /** The store's endpoint, e.g. {@code http://localhost:9000}; empty for AWS S3's own endpoints. Default: empty. */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * The region to sign for. Default: empty, which means {@value #DEFAULT_ENDPOINT_REGION} when an endpoint is given
     * and the SDK's region chain ({@code AWS_REGION}, profile, instance metadata) otherwise.
     */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /**
     * The keys a put or a copy's target accepts. Default: {@link KeyPolicy#PORTABLE}; {@link KeyPolicy#STORE} also
     * writes the keys S3 holds that a filesystem would not (folder markers {@code photos/}, {@code a//b}...). Reads,
     * deletes and listings take those keys either way.
     */
    public KeyPolicy writeKeys() {
        return writeKeys;
    }

    /**
     * Whether buckets are addressed as {@code endpoint/bucket/key} (path style) rather than
     * {@code bucket.endpoint/key}. Default: {@code false}; most non-AWS stores want {@code true}.
     */
    public boolean pathStyle() {
        return pathStyle;
    }

    /**
     * Whether static keys were given (with or without a session token); otherwise a
     * {@link #credentialsProvider() provider} or the SDK's default credentials chain is used. Default: no.
     */
    public boolean hasStaticCredentials() {
        return accessKey != null;
    }

    String accessKey() {
        return accessKey;
    }

    String secretKey() {
        return secretKey;
    }

    /** The session token of temporary static credentials, or {@code null}. */
    String sessionToken() {
        return sessionToken;
    }

    /**
     * The credentials provider given to {@link Builder#credentialsProvider(AwsCredentialsProvider)}; the backend uses
     * it and never closes it. Default: empty (static keys or the default chain).
     */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /**
     * Size of each part of a multipart upload, and the largest put sent as one request. Default: 8 MiB; at least
     * 5 MiB, at most 1 GiB. Puts of known length above 10,000 parts of this size use larger parts.
     */
    public long partSize() {
        return partSize;
    }

    /**
     * How many parts are buffered and uploaded at once, across all puts of the backend; memory for uploads is at most
     * {@code partSize x maxPartsInFlight}. Default: 4.
     */
    public int maxPartsInFlight() {
        return maxPartsInFlight;
    }

    /** Size of the HTTP connection pool. Default: 50. */
    public int maxConnections() {
        return maxConnections;
    }

    /** How long opening a connection may take. Default: 2 s. */
    public Duration connectionTimeout() {
        return connectionTimeout;
    }

    /** How long a read or write on an open connection may block. Default: 30 s. */
    public Duration socketTimeout() {
        return socketTimeout;
    }

    /** How long a request may wait for a free connection of the pool. Default: 10 s. */
    public Duration connectionAcquisitionTimeout() {
        return connectionAcquisitionTimeout;
    }

    /**
     * How long one call may take in all, retries included (a get: until its response headers arrive). Default: empty,
     * no limit beyond the socket timeout.
     */
    public Optional<Duration> apiCallTimeout() {
        return Optional.ofNullable(apiCallTimeout);
    }

    /** Attempts the SDK makes per request (1 = no SDK retries). Default: 3, the SDK's standard retry mode. */
    public int sdkMaxAttempts() {
        return sdkMaxAttempts;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof S3StorageConfig)) {
            return false;
        }
        S3StorageConfig that = (S3StorageConfig) o;
        return pathStyle == that.pathStyle && writeKeys == that.writeKeys && partSize == that.partSize && maxPartsInFlight == that.maxPartsInFlight
                && maxConnections == that.maxConnections && sdkMaxAttempts == that.sdkMaxAttempts
                && bucket.equals(that.bucket) && Objects.equals(endpoint, that.endpoint)
                && Objects.equals(region, that.region) && Objects.equals(accessKey, that.accessKey)
                && Objects.equals(secretKey, that.secretKey) && Objects.equals(sessionToken, that.sessionToken)
                && credentialsProvider == that.credentialsProvider && connectionTimeout.equals(that.connectionTimeout)
                && socketTimeout.equals(that.socketTimeout)
                && connectionAcquisitionTimeout.equals(that.connectionAcquisitionTimeout)
                && Objects.equals(apiCallTimeout, that.apiCallTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(bucket, endpoint, region, pathStyle, accessKey, System.identityHashCode(credentialsProvider),
                partSize, maxPartsInFlight, maxConnections,
                connectionTimeout, socketTimeout, connectionAcquisitionTimeout, apiCallTimeout, sdkMaxAttempts);
    }

    /** Every setting but the credentials, of which only their source is shown. */
    @Override
    public String toString() {
        return "S3StorageConfig{bucket=" + bucket + ", endpoint=" + endpoint + ", region=" + region
                + ", pathStyle=" + pathStyle + ", credentials=" + credentialsSource()
                + ", partSize=" + partSize + ", maxPartsInFlight=" + maxPartsInFlight + ", maxConnections="
                + maxConnections + ", connectionTimeout=" + connectionTimeout + ", socketTimeout=" + socketTimeout
                + ", connectionAcquisitionTimeout=" + connectionAcquisitionTimeout + ", apiCallTimeout="
                + apiCallTimeout + ", sdkMaxAttempts=" + sdkMaxAttempts + '}';
    }

    // Never the provider's own toString: a provider of someone else's may print what it holds.
    private String credentialsSource() {
        if (credentialsProvider != null) {
            return "provider " + credentialsProvider.getClass().getSimpleName();
        }
        if (hasStaticCredentials()) {
            return sessionToken == null ? "static" : "static with session token";
        }
        return "default chain";
    }

    /** Builder of {@link S3StorageConfig}. */
    public static final class Builder {
        private String bucket;
        private URI endpoint;
        private String region;
        private boolean pathStyle;
        private KeyPolicy writeKeys = KeyPolicy.PORTABLE;
        private String accessKey;
        private String secretKey;
        private String sessionToken;
        private AwsCredentialsProvider credentialsProvider;
        private long partSize = DEFAULT_PART_SIZE;
        private int maxPartsInFlight = DEFAULT_MAX_PARTS_IN_FLIGHT;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration connectionTimeout = Duration.ofSeconds(2);
        private Duration socketTimeout = Duration.ofSeconds(30);
        private Duration connectionAcquisitionTimeout = Duration.ofSeconds(10);
        private Duration apiCallTimeout;
        private int sdkMaxAttempts = DEFAULT_SDK_MAX_ATTEMPTS;

        private Builder() {
        }

        private Builder(S3StorageConfig config) {
            bucket = config.bucket;
            endpoint = config.endpoint;
            region = config.region;
            pathStyle = config.pathStyle;
            writeKeys = config.writeKeys;
            accessKey = config.accessKey;
            secretKey = config.secretKey;
            sessionToken = config.sessionToken;
            credentialsProvider = config.credentialsProvider;
            partSize = config.partSize;
            maxPartsInFlight = config.maxPartsInFlight;
            maxConnections = config.maxConnections;
            connectionTimeout = config.connectionTimeout;
            socketTimeout = config.socketTimeout;
            connectionAcquisitionTimeout = config.connectionAcquisitionTimeout;
            apiCallTimeout = config.apiCallTimeout;
            sdkMaxAttempts = config.sdkMaxAttempts;
        }

        /**
         * See {@link S3StorageConfig#bucket()}.
         *
         * @throws IllegalArgumentException if it is not 3..63 characters of lower-case letters, digits, '.' and '-'
         */
        public Builder bucket(String bucket) {
            requireNonNull(bucket, "bucket is null");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw new IllegalArgumentException("bucket '" + bucket
                        + "' must be 3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit");
            }
            this.bucket = bucket;
            return this;
        }

        /**
         * See {@link S3StorageConfig#endpoint()}; {@code null} clears it.
         *
         * @throws IllegalArgumentException if it is not an absolute http(s) URI without user info, query or fragment
         */
        public Builder endpoint(URI endpoint) {
            if (endpoint != null) {
                String scheme = endpoint.getScheme();
                if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || endpoint.getHost() == null) {
                    throw new IllegalArgumentException("endpoint must be an http or https URI with a host, was " + safe(endpoint));
                }
                if (endpoint.getRawUserInfo() != null) {
                    throw new IllegalArgumentException("endpoint must not carry user info (credentials go in credentials(...))");
                }
                if (endpoint.getRawQuery() != null || endpoint.getRawFragment() != null) {
                    throw new IllegalArgumentException("endpoint must have no query or fragment, was " + safe(endpoint));
                }
            }
            this.endpoint = endpoint;
            return this;
        }

        /** See {@link S3StorageConfig#endpoint()}. */
        public Builder endpoint(String endpoint) {
            return endpoint(URI.create(requireNonNull(endpoint, "endpoint is null")));
        }

        /**
         * See {@link S3StorageConfig#region()}; {@code null} clears it.
         *
         * @throws IllegalArgumentException if blank
         */
        public Builder region(String region) {
            if (region != null && region.isBlank()) {
                throw new IllegalArgumentException("region must not be blank");
            }
            this.region = region == null ? null : region.strip();
            return this;
        }

        /** See {@link S3StorageConfig#writeKeys()}. */
        public Builder writeKeys(KeyPolicy writeKeys) {
            this.writeKeys = requireNonNull(writeKeys, "writeKeys is null");
            return this;
        }

        /** See {@link S3StorageConfig#pathStyle()}. */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * Explicit long-term credentials instead of the SDK's default chain (environment, system properties, profile,
         * container and instance roles); replaces a session token or provider set before.
         *
         * @throws IllegalArgumentException if either is blank (the message never shows the values)
         */
        public Builder credentials(String accessKey, String secretKey) {
            requireNonNull(accessKey, "accessKey is null");
            requireNonNull(secretKey, "secretKey is null");
            if (accessKey.isBlank() || secretKey.isBlank()) {
                throw new IllegalArgumentException("credentials: accessKey and secretKey must not be blank");
            }
            defaultCredentials();
            this.accessKey = accessKey;
            this.secretKey = secretKey;
            return this;
        }

        /**
         * Explicit temporary credentials (from STS, SSO...): the keys and their session token, sent as
         * {@code X-Amz-Security-Token}. They are not refreshed: when they expire, calls fail with an
         * {@code AccessDeniedException}; for credentials that renew, give a
         * {@link #credentialsProvider(AwsCredentialsProvider) provider}. Replaces credentials set before.
         *
         * @throws IllegalArgumentException if any is blank (the message never shows the values)
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
         * Sign with {@code provider} (an STS assume-role provider, a web identity (IRSA) provider, a profile...), asked
         * for credentials as the SDK needs them, so that temporary ones are renewed. The backend never closes it: its
         * owner does, after closing the backend. Replaces credentials set before. See
         * {@link S3StorageConfig#credentialsProvider()}.
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            requireNonNull(provider, "provider is null");
            defaultCredentials();
            this.credentialsProvider = provider;
            return this;
        }

        /** Use the SDK's default credentials chain (the default); clears keys, session token and provider. */
        public Builder defaultCredentials() {
            this.accessKey = null;
            this.secretKey = null;
            this.sessionToken = null;
            this.credentialsProvider = null;
            return this;
        }

        /**
         * See {@link S3StorageConfig#partSize()}.
         *
         * @throws IllegalArgumentException if below 5 MiB or above 1 GiB
         */
        public Builder partSize(long partSize) {
            if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be between " + MIN_PART_SIZE + " (5 MiB) and "
                        + MAX_PART_SIZE + " (1 GiB) bytes, was " + partSize);
            }
            this.partSize = partSize;
            return this;
        }

        /**
         * See {@link S3StorageConfig#maxPartsInFlight()}.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxPartsInFlight(int maxPartsInFlight) {
            if (maxPartsInFlight < 1) {
                throw new IllegalArgumentException("maxPartsInFlight must be >= 1, was " + maxPartsInFlight);
            }
            this.maxPartsInFlight = maxPartsInFlight;
            return this;
        }

        /**
         * See {@link S3StorageConfig#maxConnections()}.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder maxConnections(int maxConnections) {
            if (maxConnections < 1) {
                throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
            }
            this.maxConnections = maxConnections;
            return this;
        }

        /**
         * See {@link S3StorageConfig#connectionTimeout()}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectionTimeout(Duration connectionTimeout) {
            this.connectionTimeout = positive(connectionTimeout, "connectionTimeout");
            return this;
        }

        /**
         * See {@link S3StorageConfig#socketTimeout()}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder socketTimeout(Duration socketTimeout) {
            this.socketTimeout = positive(socketTimeout, "socketTimeout");
            return this;
        }

        /**
         * See {@link S3StorageConfig#connectionAcquisitionTimeout()}.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder connectionAcquisitionTimeout(Duration connectionAcquisitionTimeout) {
            this.connectionAcquisitionTimeout = positive(connectionAcquisitionTimeout, "connectionAcquisitionTimeout");
            return this;
        }

        /**
         * See {@link S3StorageConfig#apiCallTimeout()}; {@code null} clears it.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = apiCallTimeout == null ? null : positive(apiCallTimeout, "apiCallTimeout");
            return this;
        }

        /**
         * How many attempts the SDK makes per request, in its standard retry mode; {@code 1} switches SDK retries off
         * (for a caller that retries itself). See {@link S3StorageConfig#sdkMaxAttempts()}.
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder sdkRetries(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("sdkRetries maxAttempts must be >= 1, was " + maxAttempts);
            }
            this.sdkMaxAttempts = maxAttempts;
            return this;
        }

        /**
         * @throws IllegalStateException if no bucket was set
         */
        public S3StorageConfig build() {
            if (bucket == null) {
                throw new IllegalStateException("bucket is required");
            }
            return new S3StorageConfig(this);
        }

        private static Duration positive(Duration value, String name) {
            requireNonNull(value, name + " is null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        private static String safe(URI uri) {
            // Drop user info so a mistaken "http://key:secret@host" never reaches a message.
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        }
    }
}
