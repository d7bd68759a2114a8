package studio.sselfie.storage.resilience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import studio.sselfie.storage.DeleteResult;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;

/**
 * One {@code deleteAll} through the decorator: each attempt sends the keys not yet settled; a key the delegate
 * deleted, or failed for good (a non-retryable per-key error), is settled; keys with a retryable per-key error make the
 * attempt fail, so that the retry sends them again. See {@link ResilientStorageBackend#deleteAll(Collection)}.
 */
final class BatchDelete {
    private final ResilientStorageBackend owner;
    private final StorageBackend delegate;
    private final Collection<String> keys;
    private final Set<String> pending;
    private final Set<String> deleted = new LinkedHashSet<>();
    private final Map<String, StorageException> failures = new LinkedHashMap<>();
    /** The retryable per-key failures of the latest attempt that returned a result. */
    private final Map<String, StorageException> retryable = new LinkedHashMap<>();

    BatchDelete(ResilientStorageBackend owner, Collection<String> keys) {
        this.owner = owner;
        this.delegate = owner.delegate();
        this.keys = keys;
        this.pending = new LinkedHashSet<>(keys);
    }

    DeleteResult run() {
        try {
            owner.call(StorageOperation.DELETE_ALL, null, this::attempt);
        } catch (StorageException e) {
            if (retryable.isEmpty() || !e.isRetryable()) {
                throw e;
            }
            // Attempts used up on per-key failures: report them per key, as the contract says.
            failures.putAll(retryable);
        }
        // The contract lists deleted keys in the order given, whatever order the retries deleted them in.
        List<String> inOrder = new ArrayList<>(deleted.size());
        for (String key : new LinkedHashSet<>(keys)) {
            if (deleted.contains(key)) {
                inOrder.add(key);
            }
        }
        return new DeleteResult(inOrder, failures);
    }

    private Void attempt() {
        // Until a key is settled the keys go as given, so that the delegate checks the call as it would without the
        // decorator (its batch limit counts duplicates); after that, only the keys still pending go.
        Collection<String> batch = deleted.isEmpty() && failures.isEmpty() && retryable.isEmpty()
                ? keys : new ArrayList<>(pending);
        DeleteResult result = delegate.deleteAll(batch);
        deleted.addAll(result.deleted());
        pending.removeAll(result.deleted());
        retryable.clear();
        result.failures().forEach((key, failure) -> {
            if (ResilientStorageBackend.isRetryable(failure)) {
                retryable.put(key, failure);
            } else {
                failures.put(key, failure);
                pending.remove(key);
            }
        });
        if (!retryable.isEmpty()) {
            StorageException first = retryable.values().iterator().next();
            throw new StorageUnavailableException(delegate.name(), StorageOperation.DELETE_ALL, null,
                    retryable.size() + " of the keys failed: " + first.getMessage(), first);
        }
        return null;
    }
}
