package studio.sselfie.storage.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The proxy between the AWS SDK (its default HTTP client, Apache 5) and the embedded S3 server: real signatures, real
 * client error paths. The client under test never retries, so one call is one request.
 */
class HttpFaultProxyS3Test {
    private static final int MIB = 1024 * 1024;

    private static S3TestEndpoint s3;
    private static S3Client direct;

    private HttpFaultProxy proxy;
    private S3Client client;
    private String bucket;

    @BeforeAll
    static void startServer() {
        s3 = S3TestEndpoint.get();
        direct = client(s3.endpoint());
    }

    @AfterAll
    static void closeDirectClient() {
        direct.close();
    }

    @BeforeEach
    void startProxy() {
        // A bucket per test: on the embedded server a failed put can leave an empty directory behind.
        bucket = S3TestEndpoint.newBucketName("httpfaultproxy");
        direct.createBucket(request -> request.bucket(bucket));
        proxy = HttpFaultProxy.start(s3.endpoint());
        client = client(proxy.endpoint());
    }

    @AfterEach
    void stopProxy() {
        client.close();
        proxy.close();
        try {
            direct.listObjectsV2Paginator(request -> request.bucket(bucket)).contents()
                    .forEach(object -> direct.deleteObject(request -> request.bucket(bucket).key(object.key())));
            direct.deleteBucket(request -> request.bucket(bucket));
        } catch (RuntimeException e) {
            // Best effort: the embedded server lives in memory and dies with the JVM.
        }
    }

    @Test
    void noFaults_putThenGet_returnsTheSameBytes() {
        byte[] bytes = randomBytes(100_000, 1);

        client.putObject(request -> request.bucket(bucket).key("a/b.bin"), RequestBody.fromBytes(bytes));
        byte[] read = client.getObjectAsBytes(request -> request.bucket(bucket).key("a/b.bin")).asByteArray();

        assertThat(read).isEqualTo(bytes);
        assertThat(proxy.requestLog()).containsExactly("PUT /" + bucket + "/a/b.bin", "GET /" + bucket + "/a/b.bin");
    }

    @Test
    void noFaults_createBucketThroughTheProxy_succeeds() {
        String other = S3TestEndpoint.newBucketName("httpfaultproxy");

        client.createBucket(request -> request.bucket(other));

        assertThat(direct.listBuckets().buckets()).anySatisfy(b -> assertThat(b.name()).isEqualTo(other));
        direct.deleteBucket(request -> request.bucket(other));
    }

    @Test
    void failNext_slowDownOnPut_clientSees503SlowDownAndNothingIsWritten() {
        proxy.failNext(1, HttpFault.SLOW_DOWN_503);

        Throwable failure = catchThrowable(() -> put(client, "k", randomBytes(1000, 2)));

        assertThat(failure).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SlowDown");
        });
        assertThat(catchThrowable(() -> direct.headObject(request -> request.bucket(bucket).key("k"))))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void failNext_slowDownOnPutWithExpectContinue_isAnsweredAndTheNextPutSucceeds() {
        // The SDK asks for 100-continue only on puts over S3Configuration.expectContinueThresholdInBytes (1 MiB).
        byte[] bytes = randomBytes(2 * MIB, 3);
        proxy.failNext(1, HttpFault.SLOW_DOWN_503);

        Throwable failure = catchThrowable(() -> put(client, "k", bytes));
        put(client, "k", bytes);

        assertThat(proxy.expectContinueRequests()).isEqualTo(2);
        assertThat(failure).isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(direct.getObjectAsBytes(request -> request.bucket(bucket).key("k")).asByteArray()).isEqualTo(bytes);
    }

    @Test
    void failNext_internalErrorOnGet_clientSees500InternalError() {
        put(direct, "k", randomBytes(10, 4));
        proxy.failNext(1, HttpFault.INTERNAL_ERROR_500);

        Throwable failure = catchThrowable(() -> client.getObjectAsBytes(request -> request.bucket(bucket).key("k")));

        assertThat(failure).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(500);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalError");
        });
    }

    @Test
    void failNext_resetBeforeResponseOnPut_clientFailsButTheObjectIsWritten() {
        byte[] bytes = randomBytes(50_000, 5);
        proxy.failNext(1, HttpFault.RESET_BEFORE_RESPONSE);

        Throwable failure = catchThrowable(() -> put(client, "k", bytes));

        assertThat(failure).isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(IOException.class);
        assertThat(direct.getObjectAsBytes(request -> request.bucket(bucket).key("k")).asByteArray()).isEqualTo(bytes);
    }

    @Test
    void failNext_resetMidResponseOnGetOf1MiB_readFailsBeforeTheLastByte() {
        put(direct, "big", randomBytes(MIB, 6));
        proxy.failNext(1, HttpFault.RESET_MID_RESPONSE);
        long[] bytesRead = {0};

        Throwable failure = catchThrowable(() -> {
            try (InputStream in = client.getObject(request -> request.bucket(bucket).key("big"))) {
                byte[] buffer = new byte[8192];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    bytesRead[0] += n;
                }
            }
        });

        assertThat(failure).isInstanceOfAny(IOException.class, SdkClientException.class);
        assertThat(bytesRead[0]).isLessThan(MIB);
    }

    @Test
    void failNext_slowResponseOnGet_succeeds() {
        byte[] bytes = randomBytes(10_000, 7);
        put(direct, "k", bytes);
        proxy.slowResponseDelay(Duration.ofMillis(50)).failNext(1, HttpFault.SLOW_RESPONSE);

        byte[] read = client.getObjectAsBytes(request -> request.bucket(bucket).key("k")).asByteArray();

        assertThat(read).isEqualTo(bytes);
        assertThat(proxy.faultsInjected()).containsEntry(HttpFault.SLOW_RESPONSE, 1);
    }

    @Test
    void requestsSeen_faultedAndForwardedRequests_countsBoth() {
        proxy.failNext(1, HttpFault.INTERNAL_ERROR_500);

        catchThrowable(() -> put(client, "k", randomBytes(10, 8)));
        put(client, "k", randomBytes(10, 8));
        // HEAD is answered with a Content-Length but no body: the GET after it reuses the connection.
        client.headObject(request -> request.bucket(bucket).key("k"));
        client.getObjectAsBytes(request -> request.bucket(bucket).key("k"));

        assertThat(proxy.requestsSeen()).isEqualTo(4);
        assertThat(proxy.requestLog()).containsExactly("PUT /" + bucket + "/k", "PUT /" + bucket + "/k",
                "HEAD /" + bucket + "/k", "GET /" + bucket + "/k");
    }

    @Test
    void randomFaults_sameSeed_sameFaultsForTheSameRequests() {
        put(direct, "read-me", randomBytes(20_000, 9));

        RandomRun first = randomRun(42);
        RandomRun second = randomRun(42);

        assertThat(second).isEqualTo(first);
        // Half the requests faulted, give or take: the run exercised both paths.
        assertThat(first.outcomes()).contains("ok").anyMatch(outcome -> !outcome.equals("ok"));
    }

    private record RandomRun(List<String> outcomes, List<String> requestLog, Map<HttpFault, Integer> faults) {
    }

    /** Twelve puts and gets, one after another, through a fresh proxy with random faults from {@code seed}. */
    private RandomRun randomRun(long seed) {
        try (HttpFaultProxy random = HttpFaultProxy.start(s3.endpoint());
                S3Client randomClient = client(random.endpoint())) {
            random.slowResponseDelay(Duration.ZERO).randomFaults(seed, 0.5, HttpFault.values());
            List<String> outcomes = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                int request = i;
                Throwable failure = catchThrowable(() -> {
                    if (request % 2 == 0) {
                        put(randomClient, "key-" + request, randomBytes(5_000, request));
                    } else {
                        randomClient.getObjectAsBytes(get -> get.bucket(bucket).key("read-me"));
                    }
                });
                outcomes.add(failure == null ? "ok"
                        : failure instanceof S3Exception e ? "status " + e.statusCode() : "client error");
            }
            return new RandomRun(outcomes, random.requestLog(), random.faultsInjected());
        }
    }

    private void put(S3Client s3Client, String key, byte[] bytes) {
        s3Client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(s3.region()))
                .forcePathStyle(s3.pathStyle())
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                // As the S3 backend does: no aws-chunked checksum trailers, which S3-compatible stores handle unevenly.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(override -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }
}
