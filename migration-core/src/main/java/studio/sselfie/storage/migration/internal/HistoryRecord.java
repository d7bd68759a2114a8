package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The history of one version, stored at {@code P/history/<version>.json}. Times are ISO-8601 text.
 *
 * @param version          canonical version text
 * @param description      the migration's description
 * @param checksum         the checksum the migration declared when it ran (or {@code repair} realigned it to);
 *                         {@code null} if it declared none, and for a baseline marker
 * @param state            the name of a {@code MigrationState} ({@code RUNNING}, {@code SUCCESS}, ...)
 * @param step             {@link #UP} or {@link #DOWN}: which step the state refers to
 * @param appliedBy        the runner that wrote this record
 * @param startedAt        when the step started
 * @param appliedAt        when the step ended; {@code null} while running
 * @param durationMillis   how long it took; {@code null} while running
 * @param objects          objects the step changed
 * @param bytes            bytes the step wrote
 * @param error            for a failed step: key and cause
 * @param rollbackComplete for a failed step: whether the store was rolled back fully
 */
public record HistoryRecord(String version, String description, String checksum, String state, String step,
                            String appliedBy, String startedAt, String appliedAt, Long durationMillis, long objects,
                            long bytes, String error, Boolean rollbackComplete) {
    /** The up step. */
    public static final String UP = "up";
    /** The down step. */
    public static final String DOWN = "down";

    public HistoryRecord {
        requireNonNull(version, "version is null");
        requireNonNull(state, "state is null");
        step = step == null ? UP : step;
    }

    /** Whether this record speaks of a down step. */
    @JsonIgnore
    public boolean isDown() {
        return DOWN.equals(step);
    }

    /** This record with another checksum ({@code null}: none). */
    public HistoryRecord withChecksum(String newChecksum) {
        return new HistoryRecord(version, description, newChecksum, state, step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, error, rollbackComplete);
    }

    /** This record with another state. */
    public HistoryRecord withState(String newState) {
        return new HistoryRecord(version, description, checksum, newState, step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, error, rollbackComplete);
    }

    /** This record as ended: state, end time, duration and counts. */
    public HistoryRecord ended(String newState, String endedAt, long millis, long objectCount, long byteCount) {
        return new HistoryRecord(version, description, checksum, newState, step, appliedBy, startedAt, endedAt, millis,
                objectCount, byteCount, error, rollbackComplete);
    }

    /** This record as failed with {@code failure}; {@code complete} tells whether the rollback finished. */
    public HistoryRecord failed(String failure, boolean complete) {
        return new HistoryRecord(version, description, checksum, "FAILED", step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, failure, complete);
    }

    /** This record back as applied by its up step, with no error (after the failed down step was rolled back). */
    public HistoryRecord reapplied() {
        return new HistoryRecord(version, description, checksum, "SUCCESS", UP, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, null, null);
    }
}
