package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category ConditionalWrite. */
public abstract class ConditionalWriteContract extends ConformanceContract {

    protected ConditionalWriteContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
