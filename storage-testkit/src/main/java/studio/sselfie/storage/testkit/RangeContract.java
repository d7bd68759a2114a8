package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Range. */
public abstract class RangeContract extends ConformanceContract {

    protected RangeContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
