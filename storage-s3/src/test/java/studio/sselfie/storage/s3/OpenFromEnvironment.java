package studio.sselfie.storage.s3;

import java.net.URI;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageBackends;
import studio.sselfie.storage.StorageException;

/**
 * Run in a child JVM by {@link S3TemporaryCredentialsTest}, whose environment holds the credentials: opens the
 * {@code s3://} URI given as the only argument, puts one object and prints {@code stored}, or {@code refused <HTTP
 * answer>} when the store refuses it. Never prints a credential.
 */
final class OpenFromEnvironment {
    private OpenFromEnvironment() {
    }

    public static void main(String[] args) {
        try (StorageBackend backend = StorageBackends.open(URI.create(args[0]))) {
            backend.put("from-environment", new byte[] {1});
            System.out.println("stored");
        } catch (StorageException e) {
            System.out.println("refused " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
