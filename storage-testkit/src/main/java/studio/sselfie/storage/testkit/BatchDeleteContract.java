package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category BatchDelete. */
public abstract class BatchDeleteContract extends ConformanceContract {

    protected BatchDeleteContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
