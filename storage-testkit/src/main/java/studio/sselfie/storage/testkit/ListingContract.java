package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Listing. */
public abstract class ListingContract extends ConformanceContract {

    protected ListingContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
