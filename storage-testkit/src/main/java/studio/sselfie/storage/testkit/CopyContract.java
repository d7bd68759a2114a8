package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Copy. */
public abstract class CopyContract extends ConformanceContract {

    protected CopyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
