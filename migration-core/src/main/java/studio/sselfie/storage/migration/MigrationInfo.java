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

    MigrationInfo(MigrationVersion version, String description, String checksum, MigrationState state, String appliedBy,
                  Instant appliedAt, Duration duration, long objects, long bytes, String error) {
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

    /** The runner that last ran a step of it (user@host and a suffix, or the configured owner), if any ran. */
    public Optional<String> appliedBy() {
        return Optional.ofNullable(appliedBy);
    }

    /** When its last step ended, if one ended. */
    public Optional<Instant> appliedAt() {
        return Optional.ofNullable(appliedAt);
    }

    /** How long its last step took, if one ended. */
    public Optional<Duration> duration() {
        return Optional.ofNullable(duration);
    }

    /** Objects its last step changed (moved, copied, written, rewritten or deleted); 0 if none ran. */
    public long objects() {
        return objects;
    }

    /** Bytes its last step wrote; 0 if none ran. */
    public long bytes() {
        return bytes;
    }

    /** The recorded failure (the key and the cause) when {@link MigrationState#FAILED}. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
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
                && Objects.equals(duration, that.duration) && Objects.equals(error, that.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, description, checksum, state, appliedBy, appliedAt, duration, objects, bytes, error);
    }

    /** One line: version, state, description, and what the step did. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(version).append(' ').append(state).append(' ').append(description);
        if (appliedAt != null) {
            line.append(" (").append(objects).append(" objects, ").append(bytes).append(" bytes");
            if (duration != null) {
                line.append(", ").append(duration.toMillis()).append(" ms");
            }
            line.append(", by ").append(appliedBy).append(" at ").append(appliedAt).append(')');
        }
        if (error != null) {
            line.append(": ").append(error);
        }
        return line.toString();
    }
}
