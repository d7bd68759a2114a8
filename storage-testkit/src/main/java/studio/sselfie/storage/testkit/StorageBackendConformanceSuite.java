package studio.sselfie.storage.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.Nested;

import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageLimits;

/**
 * The conformance suite every backend must pass. A backend author extends it with one method:
 *
 * <pre>{@code
 * class MyBackendConformanceTest extends StorageBackendConformanceSuite {
 *     @Override
 *     protected StorageBackend createBackend() {
 *         return new MyBackend(...); // a fresh, empty namespace
 *     }
 * }
 * }</pre>
 *
 * <p>Each test gets a new backend from {@link #createBackend()}, checks that its namespace is empty, and after the
 * test deletes what it wrote ({@link #cleanUp(StorageBackend)}) and closes it. The behaviours are grouped in nested
 * classes, one per category; a test of a capability the backend lacks is skipped, and the skip message names the
 * capability (see {@link ConformanceContract#assumeCapability}).
 *
 * <p>Three optional hooks let the suite prove more of what a backend declares:
 * <ul>
 *   <li>{@link #createBackendWithPartSize(long)}: a backend uploading in small parts, so that the multipart tests
 *       (for backends declaring {@link studio.sselfie.storage.Capability#MULTIPART_UPLOAD}) really go multipart with
 *       objects of a few MiB.</li>
 *   <li>{@link #trafficMeter()}: what the backends send and receive on the wire, so that the tests of
 *       {@code RANGE_READ}, {@code SERVER_SIDE_COPY}, {@code BATCH_DELETE} and {@code MULTIPART_UPLOAD} can see the
 *       store do the work.</li>
 *   <li>{@link #storeKeyWriter(StorageBackend)}: a writer of every key the store can hold, so that the suite can
 *       check the backend reads, lists, copies and deletes objects it did not write (folder markers, {@code a//b}).</li>
 * </ul>
 * Without them those tests are skipped, and the skip message names the hook.
 *
 * <p>Reports name each category after the concrete suite ({@code "MyBackendConformanceTest > Listing"}, see
 * {@link ConformanceDisplayNames}).
 */
@DisplayNameGeneration(ConformanceDisplayNames.class)
public abstract class StorageBackendConformanceSuite {

    /**
     * The part size the multipart tests ask {@link #createBackendWithPartSize(long)} for: 5 MiB, the smallest part
     * S3 and its kin accept (but for the last), so the tests' objects stay a few MiB.
     */
    public static final long MULTIPART_PART_SIZE = 5L * 1024 * 1024;

    /**
     * A new backend over a fresh, empty namespace. Called once per test; the kit closes it.
     */
    protected abstract StorageBackend createBackend();

    /**
     * A new backend over a fresh, empty namespace, as {@link #createBackend()}, that uploads any body longer than
     * {@code partSize} bytes (known length or not) as a multipart upload of {@code partSize}-byte parts, and copies
     * inside the store in parts where it ever does. Called by the multipart tests with {@link #MULTIPART_PART_SIZE},
     * only when the backend declares {@link studio.sselfie.storage.Capability#MULTIPART_UPLOAD}; the kit cleans it up
     * with {@link #cleanUp(StorageBackend)} and closes it.
     *
     * <p>Default: empty, and the multipart tests are skipped with a message naming this method: with its usual,
     * larger part size a backend would send the tests' objects in one request, and the tests would prove nothing.
     */
    protected Optional<StorageBackend> createBackendWithPartSize(long partSize) {
        return Optional.empty();
    }

    /**
     * What every backend this suite creates sends to and receives from its store, counted on the wire (for an HTTP
     * backend, route it through an {@link studio.sselfie.storage.testkit.faults.HttpFaultProxy} without faults and
     * return the proxy), or empty when the suite cannot see it. The tests that check a backend does what it declares
     * (a copy inside the store, a range served by the store, a batch delete in one request, a large put in parts)
     * read it before and after one call; the meter must see no traffic but the suite's, one test at a time.
     *
     * <p>Default: empty, and those tests are skipped with a message naming this method. Each test first checks that
     * the meter sees a put it makes, so a meter the backends bypass fails the test instead of passing it.
     */
    protected Optional<TrafficMeter> trafficMeter() {
        return Optional.empty();
    }

    /**
     * A second backend over the same namespace as {@code backend} whose writes take every key the store can hold
     * ({@link studio.sselfie.storage.KeyPolicy#STORE}): the existing-keys tests create objects through it under keys
     * such as {@code photos/} or {@code a//b}, as another tool (the AWS console, the raw client) would have, and then
     * read, list, copy and delete them through {@code backend}, which keeps the portable write rules. The kit closes
     * the writer (not the namespace) after the test.
     *
     * <p>Default: empty, and those tests are skipped with a message naming this method.
     */
    protected Optional<StorageBackend> storeKeyWriter(StorageBackend backend) {
        return Optional.empty();
    }

    /**
     * Deletes everything the test left in the backend's namespace. The default lists all keys and deletes them in
     * batches; override it when the namespace itself must go (a bucket per test).
     */
    protected void cleanUp(StorageBackend backend) {
        List<String> batch = new ArrayList<>();
        for (String key : backend.list("").map(info -> info.key()).collect(Collectors.toList())) {
            batch.add(key);
            if (batch.size() == StorageLimits.MAX_BATCH_DELETE_KEYS) {
                deleteAll(backend, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            deleteAll(backend, batch);
        }
    }

    /** Deletes {@code keys}; a key left behind would fail the next test's empty-namespace check, so it fails here. */
    private static void deleteAll(StorageBackend backend, List<String> keys) {
        DeleteResult result = backend.deleteAll(keys);
        if (!result.failures().isEmpty()) {
            throw new AssertionError("cleaning up " + backend.name() + " after the test failed to delete these keys"
                    + " (key to failure): " + result.failures());
        }
    }

    /**
     * Why this backend (or the server behind it) cannot pass a test, or {@code null} when it should pass. Override to
     * document a real quirk of a server, visibly, in code: the test is then skipped with this reason. Never use it to
     * hide a bug of the backend itself.
     *
     * @param category the nested class's simple name, e.g. {@code "Listing"}
     * @param test     the test method's name
     */
    protected String knownLimitation(String category, String test) {
        return null;
    }

    @Nested
    class Crud extends CrudContract {
        Crud() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class KeyRules extends KeyContract {
        KeyRules() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class ExistingKeys extends ExistingKeyContract {
        ExistingKeys() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class MetadataAndEtag extends MetadataContract {
        MetadataAndEtag() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Listing extends ListingContract {
        Listing() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Ranges extends RangeContract {
        Ranges() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class ConditionalWrites extends ConditionalWriteContract {
        ConditionalWrites() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Copy extends CopyContract {
        Copy() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class HttpHeaders extends HeadersContract {
        HttpHeaders() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class StorageClassAndEncryption extends EncryptionContract {
        StorageClassAndEncryption() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class BatchDelete extends BatchDeleteContract {
        BatchDelete() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Concurrency extends ConcurrencyContract {
        Concurrency() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Errors extends ErrorContract {
        Errors() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class ClosedBackend extends ClosedBackendContract {
        ClosedBackend() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Multipart extends MultipartContract {
        Multipart() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class ReadsDuringOverwrite extends ReadDuringOverwriteContract {
        ReadsDuringOverwrite() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class DeclaredCapabilities extends DeclaredCapabilityContract {
        DeclaredCapabilities() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class Images extends ImageContract {
        Images() {
            super(StorageBackendConformanceSuite.this);
        }
    }

    @Nested
    class PresignedRequests extends PresignContract {
        PresignedRequests() {
            super(StorageBackendConformanceSuite.this);
        }
    }
}
