package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Concurrency. */
public abstract class ConcurrencyContract extends ConformanceContract {

    protected ConcurrencyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
