package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Error. */
public abstract class ErrorContract extends ConformanceContract {

    protected ErrorContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
