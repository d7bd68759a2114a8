package studio.sselfie.storage;

/** The operations of {@link StorageBackend}, as named in exceptions, logs and fault injection. */
public enum StorageOperation {
    PUT("put"),
    GET("get"),
    HEAD("head"),
    DELETE("delete"),
    DELETE_ALL("deleteAll"),
    LIST("list"),
    COPY("copy"),
    OPEN("open"),
    /** Signing a request for a client to send to the store directly ({@link Presigner}). */
    PRESIGN("presign");

    private final String label;

    StorageOperation(String label) {
        this.label = label;
    }

    /** The method name of the operation, e.g. {@code "deleteAll"}. */
    public String label() {
        return label;
    }
}
