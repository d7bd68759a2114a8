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
 * @param runs             how many runs the step took (1, plus one per resume); null in records of earlier versions
 * @param runStartedAt     when the latest run of the step started (a resume: when it resumed); null: {@code startedAt}
 * @param runId            the journal run id of the latest run, naming its checkpoint batches; null if unknown
 * @param priorMillis      how long the step's earlier (crashed) runs took, summed; null: 0
 */
public record HistoryRecord(String version, String description, String checksum, String state, String step,
                            String appliedBy, String startedAt, String appliedAt, Long durationMillis, long objects,
                            long bytes, String error, Boolean rollbackComplete, Integer runs, String runStartedAt,
                            String runId, Long priorMillis) {
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

    /**
     * A record of a step that starts now: {@code state} by {@code runner}, first run, no end yet.
     *
     * @param previous the up step's record when a down step starts (its end, duration and counts stay shown while the
     *                 down step runs), else null
     */
    public static HistoryRecord started(String version, String description, String checksum, String state, String step,
                                        String runner, String now, String runId, HistoryRecord previous) {
        return new HistoryRecord(version, description, checksum, state, step, runner, now,
                previous == null ? null : previous.appliedAt, previous == null ? null : previous.durationMillis,
                previous == null ? 0 : previous.objects, previous == null ? 0 : previous.bytes, null, null,
                1, now, runId, null);
    }

    /** A record of a step that never ran here (a baseline). */
    public static HistoryRecord baseline(String version, String description, String checksum, String state, String runner,
                                         String now) {
        return new HistoryRecord(version, description, checksum, state, UP, runner, now, now, 0L, 0, 0, null, null, null,
                null, null, null);
    }

    /** How many runs the step took; 1 for records of earlier versions. */
    @JsonIgnore
    public int runCount() {
        return runs == null ? 1 : runs;
    }

    /** When the latest run started. */
    @JsonIgnore
    public String latestRunStart() {
        return runStartedAt != null ? runStartedAt : startedAt;
    }

    /** How long the earlier runs took, summed. */
    @JsonIgnore
    public long earlierRunsMillis() {
        return priorMillis == null ? 0 : priorMillis;
    }

    /** This record with another checksum ({@code null}: none). */
    public HistoryRecord withChecksum(String newChecksum) {
        return new HistoryRecord(version, description, newChecksum, state, step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, error, rollbackComplete, runs, runStartedAt, runId, priorMillis);
    }

    /** This record with another state. */
    public HistoryRecord withState(String newState) {
        return new HistoryRecord(version, description, checksum, newState, step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, error, rollbackComplete, runs, runStartedAt, runId, priorMillis);
    }

    /**
     * This record as resumed by {@code runner} at {@code now}: one run more, and {@code crashedMillis} (how long the run
     * that crashed took) added to the earlier runs' time.
     */
    public HistoryRecord resumed(String runner, String now, String newRunId, long crashedMillis) {
        return new HistoryRecord(version, description, checksum, state, step, runner, startedAt, appliedAt, durationMillis,
                objects, bytes, error, rollbackComplete, runCount() + 1, now, newRunId, earlierRunsMillis() + crashedMillis);
    }

    /** This record as ended: state, end time, duration and counts (of every run). */
    public HistoryRecord ended(String newState, String endedAt, long millis, long objectCount, long byteCount) {
        return new HistoryRecord(version, description, checksum, newState, step, appliedBy, startedAt, endedAt, millis,
                objectCount, byteCount, error, rollbackComplete, runs, runStartedAt, runId, priorMillis);
    }

    /** This record as failed with {@code failure}; {@code complete} tells whether the rollback finished. */
    public HistoryRecord failed(String failure, boolean complete) {
        return new HistoryRecord(version, description, checksum, "FAILED", step, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, failure, complete, runs, runStartedAt, runId, priorMillis);
    }

    /** This record back as applied by its up step, with no error (after the failed down step was rolled back). */
    public HistoryRecord reapplied() {
        return new HistoryRecord(version, description, checksum, "SUCCESS", UP, appliedBy, startedAt, appliedAt,
                durationMillis, objects, bytes, null, null, null, null, null, null);
    }
}
