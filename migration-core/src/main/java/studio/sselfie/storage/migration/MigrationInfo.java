package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of {@link Migrator#info()}: a migration and what the history in the store says of it. Immutable.
 */
public final class MigrationInfo {
    /**
     * What became of the run of a {@link MigrationState#RUNNING} or {@link MigrationState#FAILED} step, as
     * {@link Migrator#info()} found the history and the lock.
     */
    public enum RunStatus {
        /** RUNNING, and a runner holds the lock with a lease not expired: it is working, or will resume this step first. */
        ACTIVE,
        /**
         * RUNNING, and no runner holds the lock: its lease expired, it was released, or its holder's process is known to
         * be gone; the next {@code migrate} or {@code undo} resumes the step from its journal.
         */
        CRASHED,
        /** FAILED: rolled back (or not, see {@link #error()}); {@link Migrator#repair()} clears it. */
        FAILED
    }

    private final MigrationVersion version;
    private final String description;
    private final String checksum;
    private final MigrationState state;
    private final String appliedBy;
    private final Instant appliedAt;
    private final Duration duration;
    private final long objects;
    private final long bytes;
    private final String error;
    private final RunStatus runStatus;
    private final Instant startedAt;
    private final String lockHolder;
    private final Instant leaseExpiresAt;
    private final int runs;

    MigrationInfo(MigrationVersion version, String description, String checksum, MigrationState state, String appliedBy,
                  Instant appliedAt, Duration duration, long objects, long bytes, String error) {
        this(version, description, checksum, state, appliedBy, appliedAt, duration, objects, bytes, error, null, null, null,
                null, 0);
    }

    MigrationInfo(MigrationVersion version, String description, String checksum, MigrationState state, String appliedBy,
                  Instant appliedAt, Duration duration, long objects, long bytes, String error, RunStatus runStatus,
                  Instant startedAt, String lockHolder, Instant leaseExpiresAt, int runs) {
        this.version = requireNonNull(version, "version is null");
        this.description = requireNonNull(description, "description is null");
        this.checksum = checksum;
        this.state = requireNonNull(state, "state is null");
        this.appliedBy = appliedBy;
        this.appliedAt = appliedAt;
        this.duration = duration;
        this.objects = objects;
        this.bytes = bytes;
        this.error = error;
        this.runStatus = runStatus;
        this.startedAt = startedAt;
        this.lockHolder = lockHolder;
        this.leaseExpiresAt = leaseExpiresAt;
        this.runs = runs;
    }

    /** The version. */
    public MigrationVersion version() {
        return version;
    }

    /** The description. */
    public String description() {
        return description;
    }

    /**
     * The checksum the migration given to the migrator declares, or the recorded one when it is
     * {@link MigrationState#MISSING}; empty when it declares none, and for a baseline mark that is not among the
     * migrations.
     */
    public Optional<String> checksum() {
        return Optional.ofNullable(checksum);
    }

    /** Where it stands. */
    public MigrationState state() {
        return state;
    }

    /**
     * The runner that last ran a step of it ({@code user@host pid N started T}, or the configured owner), if any ran;
     * for a step resumed after a crash, the runner of the latest run.
     */
    public Optional<String> appliedBy() {
        return Optional.ofNullable(appliedBy);
    }

    /** When its last step ended, if one ended. */
    public Optional<Instant> appliedAt() {
        return Optional.ofNullable(appliedAt);
    }

    /** How long its last step took, if one ended: the sum over every run of it, crashed ones included. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /**
     * Objects its last step changed (moved, copied, written, rewritten or deleted), over every run of it; 0 if none ran.
     * A crashed run's objects count once their checkpoint was written, or when the run that resumes it finds them done.
     */
    public long objects() {
        return objects;
    }

    /** Bytes its last step wrote, over every run of it (as {@link #objects()}); 0 if none ran. */
    public long bytes() {
        return bytes;
    }

    /** The recorded failure (the key and the cause) when {@link MigrationState#FAILED}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** For a RUNNING or FAILED step, whether its run is active, crashed or failed; empty in other states. */
    public Optional<RunStatus> runStatus() {
        return Optional.ofNullable(runStatus);
    }

    /** When the latest run of its last step started (a resumed step: when the resuming run started), if one did. */
    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    /**
     * For a RUNNING step: who holds the migration lock now ({@link #runStatus()} ACTIVE), or held it last (CRASHED with
     * its lease expired); empty when there is no lock.
     */
    public Optional<String> lockHolder() {
        return Optional.ofNullable(lockHolder);
    }

    /** For a RUNNING step with a lock in the store: when that lock's lease expires (or expired) unless renewed. */
    public Optional<Instant> leaseExpiresAt() {
        return Optional.ofNullable(leaseExpiresAt);
    }

    /** How many runs its last step took: 1, plus one per resume after a crash; 0 if none ran or unknown. */
    public int runs() {
        return runs;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MigrationInfo)) {
            return false;
        }
        MigrationInfo that = (MigrationInfo) o;
        return objects == that.objects && bytes == that.bytes && version.equals(that.version)
                && description.equals(that.description) && Objects.equals(checksum, that.checksum) && state == that.state
                && Objects.equals(appliedBy, that.appliedBy) && Objects.equals(appliedAt, that.appliedAt)
                && Objects.equals(duration, that.duration) && Objects.equals(error, that.error)
                && runStatus == that.runStatus && Objects.equals(startedAt, that.startedAt)
                && Objects.equals(lockHolder, that.lockHolder) && Objects.equals(leaseExpiresAt, that.leaseExpiresAt)
                && runs == that.runs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, description, checksum, state, appliedBy, appliedAt, duration, objects, bytes, error,
                runStatus, startedAt, lockHolder, leaseExpiresAt, runs);
    }

    /** One line: version, state, description, what the step did, and for a running or failed one, its run. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(version).append(' ').append(state);
        if (runStatus != null && runStatus != RunStatus.FAILED) {
            line.append(' ').append(runStatus);
        }
        line.append(' ').append(description);
        if (state == MigrationState.RUNNING || state == MigrationState.FAILED) {
            line.append(" (run ").append(runs).append(" by ").append(appliedBy).append(", started at ").append(startedAt);
            if (lockHolder != null) {
                line.append("; lock held by ").append(lockHolder).append(", lease ")
                        .append(runStatus == RunStatus.ACTIVE ? "expires at " : "expired at ").append(leaseExpiresAt);
            }
            line.append(')');
        } else if (appliedAt != null) {
            line.append(" (").append(objects).append(" objects, ").append(bytes).append(" bytes");
            if (duration != null) {
                line.append(", ").append(duration.toMillis()).append(" ms");
            }
            if (runs > 1) {
                line.append(" over ").append(runs).append(" runs");
            }
            line.append(", by ").append(appliedBy).append(" at ").append(appliedAt).append(')');
        }
        if (error != null) {
            line.append(": ").append(error);
        }
        return line.toString();
    }
}
