package studio.sselfie.storage.s3;

import java.util.function.Consumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import studio.sselfie.storage.s3protocol.S3ErrorTable;

/** Builds the SDK client an {@link S3StorageBackend} uses, from its {@link S3StorageConfig}. */
final class S3Clients {
    private S3Clients() {
    }

    /**
     * @param overrides last changes to the client's override configuration (tests add interceptors here)
     * @throws IllegalArgumentException if no region is configured and the SDK's chain finds none
     */
    static S3Client create(S3StorageConfig config, Consumer<ClientOverrideConfiguration.Builder> overrides) {
        return create(config, credentials(config), overrides);
    }

    /**
     * @param credentials the provider to sign with; closing the client closes it too when it is
     *                    {@code SdkAutoCloseable} (so a provider of the caller's is passed as a non-closeable view, see
     *                    {@link #credentials(S3StorageConfig)})
     */
    static S3Client create(S3StorageConfig config, AwsCredentialsProvider credentials,
            Consumer<ClientOverrideConfiguration.Builder> overrides) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .maxConnections(config.maxConnections())
                        .connectionTimeout(config.connectionTimeout())
                        .socketTimeout(config.socketTimeout())
                        .connectionAcquisitionTimeout(config.connectionAcquisitionTimeout()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Since SDK 2.30 the client adds CRC32 checksums (aws-chunked trailers) to every upload and asks for
                // them on every download. Many S3-compatible stores reject or mishandle those, so checksums are sent
                // only where an operation requires one; TCP and TLS already guard the bytes in transit.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                // DeleteObjects requires Content-MD5 on S3-compatible stores (and AWS general purpose buckets); the
                // SDK sends a CRC32 instead unless this plugin restores the MD5.
                .addPlugin(LegacyMd5Plugin.create())
                .overrideConfiguration(override -> {
                    override.retryStrategy(retryStrategy(config.sdkMaxAttempts()));
                    config.apiCallTimeout().ifPresent(override::apiCallTimeout);
                    overrides.accept(override);
                });
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.region().isPresent()) {
            builder.region(Region.of(config.region().get()));
        } else if (config.endpoint().isPresent()) {
            builder.region(Region.of(S3StorageConfig.DEFAULT_ENDPOINT_REGION));
        }
        try {
            return builder.build();
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new IllegalArgumentException("cannot create the S3 client for bucket " + config.bucket() + ": "
                    + e.getMessage() + " (set region(...) or AWS_REGION)", e);
        }
    }

    // The one retry layer (see S3StorageConfig): the SDK's standard mode, or none when a caller retries itself. Besides
    // what the SDK retries by itself, every answer the shared error table calls retryable (409
    // ConditionalRequestConflict, which S3 documents as "retry"), so that the MinIO backend's retries decide the same.
    private static RetryStrategy retryStrategy(int maxAttempts) {
        if (maxAttempts == 1) {
            return AwsRetryStrategy.doNotRetry();
        }
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts)
                .retryOnException(S3Clients::retryableAnswer).build();
    }

    private static boolean retryableAnswer(Throwable failure) {
        if (!(failure instanceof AwsServiceException)) {
            return false;
        }
        AwsServiceException answer = (AwsServiceException) failure;
        String code = answer.awsErrorDetails() == null ? null : answer.awsErrorDetails().errorCode();
        return S3ErrorTable.isRetryable(answer.statusCode(), code);
    }

    /**
     * The credentials of {@code config}: its provider (the caller's, never closed here), its static keys, or else the
     * SDK's default chain (which holds resources: close it).
     */
    static AwsCredentialsProvider credentials(S3StorageConfig config) {
        if (config.credentialsProvider().isPresent()) {
            // Not the provider itself: S3Client.close() closes an SdkAutoCloseable provider it was given, and this one
            // is the caller's. The wrapper is not closeable, so the client leaves the provider open.
            AwsCredentialsProvider callers = config.credentialsProvider().get();
            return callers::resolveCredentials;
        }
        if (config.sessionToken() != null) {
            return StaticCredentialsProvider.create(
                    AwsSessionCredentials.create(config.accessKey(), config.secretKey(), config.sessionToken()));
        }
        if (config.hasStaticCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }
}
