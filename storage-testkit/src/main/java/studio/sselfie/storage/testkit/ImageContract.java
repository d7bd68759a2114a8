package studio.sselfie.storage.testkit;

/** Conformance tests: TODO category Image. */
public abstract class ImageContract extends ConformanceContract {

    protected ImageContract(StorageBackendConformanceSuite suite) {
        super(suite);
    }
}
