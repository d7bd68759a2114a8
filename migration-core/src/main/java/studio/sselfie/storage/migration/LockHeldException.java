package studio.sselfie.storage.migration;

import java.time.Instant;
import java.util.Optional;

/**
 * Another runner holds the migration lock and did not release it within the wait time. The message names the holder
 * (host, process id and process start for a default owner), when it took and last renewed the lock, when its lease
 * expires, what happens next (a dead holder's lock is taken over after its lease, or at once on the same host once
 * its process is gone) and what to do ({@link Migrator.Builder#lockWait}, {@link Migrator#forceReleaseLock}).
 */
public class LockHeldException extends MigrationException {
    private static final long serialVersionUID = 1L;

    private final String holder;
    private final Instant leaseExpiresAt;

    /** @param message what happened, naming the version, key or owner concerned */
    public LockHeldException(String message) {
        super(message);
        this.holder = null;
        this.leaseExpiresAt = null;
    }

    /**
     * @param message what happened, naming the version, key or owner concerned
     * @param cause   the underlying failure
     */
    public LockHeldException(String message, Throwable cause) {
        super(message, cause);
        this.holder = null;
        this.leaseExpiresAt = null;
    }

    /**
     * @param message        what happened and what to do
     * @param holder         the owner name of the runner holding the lock
     * @param leaseExpiresAt when its lease expires unless renewed
     */
    public LockHeldException(String message, String holder, Instant leaseExpiresAt) {
        super(message);
        this.holder = holder;
        this.leaseExpiresAt = leaseExpiresAt;
    }

    /** The owner name of the runner holding the lock (what {@link Migrator#forceReleaseLock} takes), when known. */
    public Optional<String> holder() {
        return Optional.ofNullable(holder);
    }

    /** When the holder's lease expires unless it renews it, when known. */
    public Optional<Instant> leaseExpiresAt() {
        return Optional.ofNullable(leaseExpiresAt);
    }
}
