package studio.sselfie.storage.migration.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The lease stored at {@code P/lock}. Locks written by earlier versions lack the fields after {@code expiresAt}; they
 * read as null.
 *
 * @param owner            who holds it ({@code user@host pid N started T}, or as configured)
 * @param token            random per acquisition, so two acquisitions by one owner differ
 * @param acquiredAt       when it was taken (ISO-8601)
 * @param expiresAt        when it lapses unless renewed (ISO-8601)
 * @param renewedAt        when its holder last renewed it (ISO-8601): the holder's last sign of life; null if never
 * @param host             the holder's host name, or null
 * @param pid              the holder's process id, or null
 * @param processStartedAt when the holder's process started (ISO-8601), or null
 * @param scope            see {@link ProcessIdentity#scope()}, or null
 */
public record LockRecord(String owner, String token, String acquiredAt, String expiresAt, String renewedAt, String host,
                         Long pid, String processStartedAt, String scope) {
    public LockRecord {
        requireNonNull(owner, "owner is null");
        requireNonNull(token, "token is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** A lease of this process, taken at {@code acquiredAt} and renewed at {@code renewedAt} until {@code expiresAt}. */
    static LockRecord of(String owner, String token, Instant acquiredAt, Instant renewedAt, Instant expiresAt) {
        ProcessIdentity self = ProcessIdentity.current();
        return new LockRecord(owner, token, acquiredAt.toString(), expiresAt.toString(), renewedAt.toString(), self.host(),
                self.pid(), self.startedAt(), self.scope());
    }

    /** {@link #expiresAt()} as an instant. */
    @JsonIgnore
    public Instant expiry() {
        return Instant.parse(expiresAt);
    }

    /** When the holder last showed it was alive: its last renewal, else when it took the lock. */
    @JsonIgnore
    public Instant lastSeen() {
        return Instant.parse(renewedAt != null ? renewedAt : acquiredAt);
    }

    /** The lease its holder works with (expiry minus last renewal). */
    @JsonIgnore
    public Duration lease() {
        return Duration.between(lastSeen(), expiry());
    }

    /** Whether the holder's process is known to be gone (see {@link ProcessIdentity#isKnownDead()}). */
    @JsonIgnore
    public boolean isHolderKnownDead() {
        return host != null && pid != null && new ProcessIdentity(host, pid, processStartedAt, scope).isKnownDead();
    }
}
