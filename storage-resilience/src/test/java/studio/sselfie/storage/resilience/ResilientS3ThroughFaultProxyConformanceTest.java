package studio.sselfie.storage.resilience;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.s3.S3StorageBackend;
import studio.sselfie.storage.testkit.StorageBackendConformanceSuite;
import studio.sselfie.storage.testkit.faults.HttpFault;
import studio.sselfie.storage.testkit.faults.HttpFaultProxy;
import studio.sselfie.storage.testkit.s3server.S3TestEndpoint;

/**
 * The whole conformance suite through {@code resilient(s3)}, where the S3 backend's real AWS client talks to the
 * embedded S3 server through the HTTP fault proxy: one request in ten gets a 503 SlowDown, a 500, a connection reset
 * before or in the middle of its response, or a slow response. The SDK's own retries are off (one retry layer).
 * Each test has a bucket of its own on the embedded server; they go with the server's transient store. The multipart
 * tests get backends with 5 MiB parts; the suite has no traffic meter, since retries under faults change what goes
 * over the wire (storage-s3's suite checks the wire).
 */
class ResilientS3ThroughFaultProxyConformanceTest extends StorageBackendConformanceSuite {
    private static HttpFaultProxy proxy;

    @BeforeAll
    static void startProxy() {
        Assumptions.assumeFalse(S3TestEndpoint.get().isExternal(),
                "the fault proxy relays plain HTTP to the embedded S3 server; an external endpoint runs storage-s3's suite");
        proxy = HttpFaultProxy.start(S3TestEndpoint.get().endpoint())
                .slowResponseDelay(Duration.ofMillis(20))
                .randomFaults(20261125L, ResilientInMemoryUnderFaultsConformanceTest.FAULT_RATE,
                        HttpFault.SLOW_DOWN_503, HttpFault.INTERNAL_ERROR_500, HttpFault.RESET_BEFORE_RESPONSE,
                        HttpFault.RESET_MID_RESPONSE, HttpFault.SLOW_RESPONSE);
    }

    @AfterAll
    static void stopProxy() {
        if (proxy == null) {
            return;
        }
        System.out.printf("fault proxy: %d requests, faults injected %s%n", proxy.requestsSeen(), proxy.faultsInjected());
        proxy.close();
    }

    @Override
    protected StorageBackend createBackend() {
        String bucket = S3TestBuckets.create("resilient-s3");
        return ResilientStorageBackend.wrap(new S3StorageBackend(S3TestBuckets.through(proxy.endpoint(), bucket)),
                ResilientInMemoryUnderFaultsConformanceTest.UNDER_FAULTS);
    }

    @Override
    protected Optional<StorageBackend> createBackendWithPartSize(long partSize) {
        String bucket = S3TestBuckets.create("resilient-s3");
        return Optional.of(ResilientStorageBackend.wrap(new S3StorageBackend(S3TestBuckets.through(proxy.endpoint(), bucket)
                .with(config -> config.partSize(partSize))), ResilientInMemoryUnderFaultsConformanceTest.UNDER_FAULTS));
    }

    @Override
    protected String knownLimitation(String category, String test) {
        if (category.equals("PresignedRequests")) {
            return "a presigned request is sent by its client (the kit's HTTP client here), not through the decorator:"
                    + " the faults this proxy injects reach that client, which does not retry; storage-s3's suite runs"
                    + " the category without faults";
        }
        if (ResilientInMemoryUnderFaultsConformanceTest.READS_DURING_OVERWRITES.contains(category + "." + test)) {
            return ResilientInMemoryUnderFaultsConformanceTest.BROKEN_READ_DURING_OVERWRITE;
        }
        return S3TestEndpoint.get().knownLimitation(category, test);
    }
}
