package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;

import studio.sselfie.storage.Keys;
import studio.sselfie.storage.StorageOperation;

/**
 * Where the migrator keeps its state under the reserved prefix {@code P}:
 * <pre>
 * P/lock                                    the lease
 * P/history/&lt;version&gt;.json                 one record per version
 * P/backup/&lt;namespace&gt;/point.json          the rollback point exists (namespace: version, or version-down)
 * P/backup/&lt;namespace&gt;/&lt;sha256(key)&gt;.json  what the key was before the step
 * P/backup/&lt;namespace&gt;/&lt;sha256(key)&gt;.data  its bytes, when it existed
 * P/journal/&lt;version&gt;/&lt;up|down&gt;/done/batch-&lt;run&gt;-&lt;n&gt;-&lt;t&gt;ms  the hashes of finished units, one a line
 * P/journal/&lt;version&gt;/&lt;up|down&gt;/done/&lt;sha256(unit)&gt;   an empty object: a finished custom unit
 * P/journal/&lt;version&gt;/&lt;up|down&gt;/lists/&lt;n&gt;.json      the work list of the n-th transform of the step
 * </pre>
 * A user key never appears in a state key (only its hash does), so state keys stay within the key rules whatever the
 * user keys are.
 */
public final class StateKeys {
    /** Longest reserved prefix in UTF-8 bytes, leaving room for the longest state key below the key limit. */
    public static final int MAX_PREFIX_BYTES = 512;
    /** Longest version text, so that a state key segment stays within {@link Keys#MAX_SEGMENT_BYTES}. */
    public static final int MAX_VERSION_CHARS = 100;

    private final String prefix;

    /**
     * @throws IllegalArgumentException if the prefix is not valid (see {@link #checkPrefix(String)})
     */
    public StateKeys(String prefix) {
        this.prefix = checkPrefix(prefix);
    }

    /**
     * Checks a reserved prefix: a valid key prefix of at most {@value #MAX_PREFIX_BYTES} bytes that ends with {@code /}.
     *
     * @return the prefix
     * @throws IllegalArgumentException naming the prefix and what is wrong
     */
    public static String checkPrefix(String prefix) {
        requireNonNull(prefix, "reservedPrefix is null");
        if (prefix.isEmpty() || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("reservedPrefix '" + prefix + "' must be non-empty and end with '/'");
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES) {
            throw new IllegalArgumentException("reservedPrefix must be at most " + MAX_PREFIX_BYTES + " UTF-8 bytes");
        }
        String probe = prefix + "lock";
        if (!Keys.isValid(probe)) {
            try {
                Keys.validate(Keys.NO_BACKEND, StorageOperation.PUT, probe);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("reservedPrefix '" + prefix + "' is not a valid key prefix: " + e.getMessage(), e);
            }
        }
        return prefix;
    }

    /** The reserved prefix, ending with {@code /}. */
    public String prefix() {
        return prefix;
    }

    /** Whether {@code key} lies under the reserved prefix. */
    public boolean isReserved(String key) {
        return key.startsWith(prefix);
    }

    /**
     * Whether a listing of {@code listingPrefix} can return keys under the reserved prefix, either because it lies
     * under it or because the reserved prefix lies under the listing.
     */
    public boolean overlaps(String listingPrefix) {
        return listingPrefix.startsWith(prefix) || prefix.startsWith(listingPrefix);
    }

    public String lock() {
        return prefix + "lock";
    }

    public String historyFolder() {
        return prefix + "history/";
    }

    public String history(String version) {
        return historyFolder() + version + ".json";
    }

    public String backupFolder(String namespace) {
        return prefix + "backup/" + namespace + "/";
    }

    public String rollbackPoint(String namespace) {
        return backupFolder(namespace) + "point.json";
    }

    public String backupRecord(String namespace, String keyHash) {
        return backupFolder(namespace) + keyHash + ".json";
    }

    /** Where the targets of a namespace's batches of keys that held no object are recorded (see BackupStore). */
    public String backupAbsentFolder(String namespace) {
        return backupFolder(namespace) + "absent/";
    }

    /** The {@code chunk}-th batch of keys that held no object, of the transform call {@code call}. */
    public String backupAbsent(String namespace, String call, int chunk) {
        return backupAbsentFolder(namespace) + call + "-" + chunk + ".json";
    }

    /**
     * Where a namespace's batches of moves are recorded (see BackupStore#recordMoves). It sorts after every record
     * ({@code <sha256 hex>.json}), so a listing of the namespace meets the records before the batches.
     */
    public String backupMovedFolder(String namespace) {
        return backupFolder(namespace) + "moved/";
    }

    /** The {@code chunk}-th batch of moves of the transform call {@code call}. */
    public String backupMoved(String namespace, String call, int chunk) {
        return backupMovedFolder(namespace) + call + "-" + chunk + ".json";
    }

    public String backupData(String namespace, String keyHash) {
        return backupFolder(namespace) + keyHash + ".data";
    }

    /** Everything of the version's journal, both directions. */
    public String journalFolder(String version) {
        return prefix + "journal/" + version + "/";
    }

    public String journalStep(String version, String direction) {
        return journalFolder(version) + direction + "/";
    }

    public String journalDoneFolder(String version, String direction) {
        return journalStep(version, direction) + "done/";
    }

    public String journalUnit(String version, String direction, String unitHash) {
        return journalDoneFolder(version, direction) + unitHash;
    }

    /**
     * The {@code seq}-th batch of finished units written by run {@code runId} (hex) of the step, {@code elapsedMillis}
     * after that run started.
     */
    public String journalBatch(String version, String direction, String runId, long seq, long elapsedMillis) {
        return journalDoneFolder(version, direction) + "batch-" + runId + "-" + seq + "-" + elapsedMillis + "ms";
    }

    public String workList(String version, String direction, int index) {
        return journalStep(version, direction) + "lists/" + index + ".json";
    }
}
