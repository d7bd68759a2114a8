package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

/**
 * What verification compares: the size and the SHA-256 (lower-case hex) of an object's bytes.
 *
 * @param size   bytes
 * @param sha256 lower-case hex SHA-256
 */
public record Fingerprint(long size, String sha256) {
    public Fingerprint {
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, was " + size);
        }
        requireNonNull(sha256, "sha256 is null");
    }

    @Override
    public String toString() {
        return size + " bytes, sha256 " + sha256;
    }
}
