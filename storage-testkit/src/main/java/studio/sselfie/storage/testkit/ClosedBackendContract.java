package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category ClosedBackend. */
public abstract class ClosedBackendContract extends ConformanceContract {

    protected ClosedBackendContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
