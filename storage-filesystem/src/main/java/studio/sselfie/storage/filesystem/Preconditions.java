package studio.sselfie.storage.filesystem;

import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageOperation;

/** The preconditions of a put, checked against the ETag of the object at the key (once before, once under its lock). */
final class Preconditions {
    private Preconditions() {
    }

    /**
     * @param current the ETag of the object at the key, or {@code null} if there is none
     * @throws PreconditionFailedException if a precondition of {@code options} does not hold
     */
    static void check(String backend, String key, PutOptions options, String current) {
        if (options.ifNoneMatchAny() && current != null) {
            throw new PreconditionFailedException(backend, StorageOperation.PUT, key,
                    "ifNoneMatchAny: an object already exists at the key", null);
        }
        if (options.ifMatch().isPresent()) {
            String expected = options.ifMatch().get();
            if (current == null) {
                throw new PreconditionFailedException(backend, StorageOperation.PUT, key,
                        "ifMatch " + expected + ": there is no object at the key", null);
            }
            if (!unquote(current).equals(unquote(expected))) {
                throw new PreconditionFailedException(backend, StorageOperation.PUT, key,
                        "ifMatch " + expected + ": the object's ETag is " + current, null);
            }
        }
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
    }
}
