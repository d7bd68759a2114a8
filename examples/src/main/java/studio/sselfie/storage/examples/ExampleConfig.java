package studio.sselfie.storage.examples;

import java.net.URI;

/** Where the examples find their store. */
final class ExampleConfig {
    /** System property, then environment variable, naming the store. */
    static final String STORAGE_URI = "STORAGE_URI";
    /** A fresh in-memory store, so the examples run without any setup. */
    static final String DEFAULT_URI = "mem://gallery";

    private ExampleConfig() {
    }

    /**
     * The store to open: system property {@value #STORAGE_URI}, else the environment variable of that name, else
     * {@value #DEFAULT_URI}. Credentials never go in it: the S3 and MinIO backends take them from their standard
     * provider chains (for S3, the AWS default chain: environment, profile, ...).
     *
     * @throws IllegalArgumentException if the value is not a URI
     */
    static URI storageUri() {
        String value = System.getProperty(STORAGE_URI);
        if (value == null || value.isBlank()) {
            value = System.getenv(STORAGE_URI);
        }
        if (value == null || value.isBlank()) {
            value = DEFAULT_URI;
        }
        return URI.create(value.strip());
    }
}
