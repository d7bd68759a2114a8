package studio.sselfie.storage.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;

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
 */
public abstract class StorageBackendConformanceSuite {

    /**
     * A new backend over a fresh, empty namespace. Called once per test; the kit closes it.
     */
    protected abstract StorageBackend createBackend();

    /**
     * Deletes everything the test left in the backend's namespace. The default lists all keys and deletes them in
     * batches; override it when the namespace itself must go (a bucket per test).
     */
    protected void cleanUp(StorageBackend backend) {
        List<String> batch = new ArrayList<>();
        for (String key : backend.list("").map(info -> info.key()).collect(Collectors.toList())) {
            batch.add(key);
            if (batch.size() == StorageLimits.MAX_BATCH_DELETE_KEYS) {
                backend.deleteAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            backend.deleteAll(batch);
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
    class Images extends ImageContract {
        Images() {
            super(StorageBackendConformanceSuite.this);
        }
    }
}
