package studio.sselfie.storage.resilience;

import java.time.Duration;
import java.util.Map;
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
 * Each test has a bucket of its own on the embedded server; they go with the server's transient store.
 */
class ResilientS3ThroughFaultProxyConformanceTest extends StorageBackendConformanceSuite {
    private static final String S3PROXY = "S3Proxy 4.1 (transient store)";
    /** The embedded server's own limitations (the same as in storage-s3's conformance run). */
    private static final Map<String, String> EMBEDDED_SERVER_LIMITATIONS = Map.of(
            "ConditionalWrites.put_racingIfMatchOnSameEtag_exactlyOneWriterWinsPerKey",
            S3PROXY + " checks If-Match before writing, not atomically with the write: two racing writers both win",
            "Listing.list_supplementaryCharacter_sortsAfterEveryBmpCharacter",
            S3PROXY + " lists keys in UTF-16 (Java String) order, not UTF-8 byte order: U+1F600 sorts before U+E000",
            "KeyRules.list_prefixEndingInPartialDotSegment_isAccepted",
            S3PROXY + " resolves a listing prefix as a file path: prefix 'photos/.' lists all of 'photos/'",
            "Listing.list_separatorsAndDigits_sortByByteValueNotBySegment",
            S3PROXY + " stores keys as files: key 'a' and key 'a/b' cannot both exist (file/directory clash)",
            "Listing.list_prefixEqualToKey_returnsThatKeyAndKeysStartingWithIt",
            S3PROXY + " stores keys as files: key 'docs/report' and key 'docs/report/...' cannot both exist",
            "Listing.list_mixedKeys_areInAscendingUtf8ByteOrder",
            S3PROXY + " stores keys as files: key 'a' and key 'a/b' cannot both exist (file/directory clash)");

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
    protected String knownLimitation(String category, String test) {
        if (ResilientInMemoryUnderFaultsConformanceTest.READS_DURING_OVERWRITES.contains(category + "." + test)) {
            return ResilientInMemoryUnderFaultsConformanceTest.BROKEN_READ_DURING_OVERWRITE;
        }
        return S3TestEndpoint.get().isExternal() ? null : EMBEDDED_SERVER_LIMITATIONS.get(category + "." + test);
    }
}
