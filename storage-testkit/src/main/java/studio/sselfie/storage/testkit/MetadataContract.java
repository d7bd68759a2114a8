package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Metadata. */
public abstract class MetadataContract extends ConformanceContract {

    protected MetadataContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
