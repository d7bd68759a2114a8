package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Key. */
public abstract class KeyContract extends ConformanceContract {

    protected KeyContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
