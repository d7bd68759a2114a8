package studio.sselfie.storage;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The per-key outcome of {@link StorageBackend#deleteAll(java.util.Collection)}: each distinct key given is either in
 * {@link #deleted()} (a missing key counts as deleted: delete is idempotent) or in {@link #failures()}.
 */
public final class DeleteResult {
    private final List<String> deleted;
    private final Map<String, StorageException> failures;

    /**
     * @param deleted  keys that no longer exist, in the order given, without duplicates
     * @param failures keys that could not be deleted, with why
     */
    public DeleteResult(List<String> deleted, Map<String, StorageException> failures) {
        this.deleted = List.copyOf(Objects.requireNonNull(deleted, "deleted is null"));
        this.failures = Map.copyOf(Objects.requireNonNull(failures, "failures is null"));
    }

    /**
     * Checks a batch for {@link StorageBackend#deleteAll(java.util.Collection)} before any I/O: at most
     * {@value StorageLimits#MAX_BATCH_DELETE_KEYS} keys, each valid. Returns the distinct keys in the order given.
     *
     * @throws InvalidRequestException if there are too many keys
     * @throws InvalidKeyException     naming the first invalid key
     */
    public static Set<String> checkBatch(String backend, Collection<String> keys) {
        Objects.requireNonNull(keys, "keys is null");
        if (keys.size() > StorageLimits.MAX_BATCH_DELETE_KEYS) {
            throw new InvalidRequestException(backend, StorageOperation.DELETE_ALL, null, keys.size()
                    + " keys given, over the limit of " + StorageLimits.MAX_BATCH_DELETE_KEYS + " keys per call", null);
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String key : keys) {
            Keys.validateListed(backend, StorageOperation.DELETE_ALL, key);
            distinct.add(key);
        }
        return distinct;
    }

    /** Keys that no longer exist, in the order given, without duplicates. */
    public List<String> deleted() {
        return deleted;
    }

    /** Keys that could not be deleted, each with its typed failure. */
    public Map<String, StorageException> failures() {
        return failures;
    }

    /** Whether every key was deleted. */
    public boolean isSuccess() {
        return failures.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeleteResult && ((DeleteResult) o).deleted.equals(deleted) && ((DeleteResult) o).failures.equals(failures);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deleted, failures);
    }

    @Override
    public String toString() {
        return "DeleteResult{deleted=" + deleted.size() + ", failures=" + failures.keySet() + '}';
    }
}
