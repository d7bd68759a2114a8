package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Crud. */
public abstract class CrudContract extends ConformanceContract {

    protected CrudContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
