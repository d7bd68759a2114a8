package studio.sselfie.storage.migration.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * The lease stored at {@code P/lock}.
 *
 * @param owner      who holds it (user@host and a random suffix, or as configured)
 * @param token      random per acquisition, so two acquisitions by one owner differ
 * @param acquiredAt when it was taken (ISO-8601)
 * @param expiresAt  when it lapses unless renewed (ISO-8601)
 */
public record LockRecord(String owner, String token, String acquiredAt, String expiresAt) {
    public LockRecord {
        requireNonNull(owner, "owner is null");
        requireNonNull(token, "token is null");
        requireNonNull(acquiredAt, "acquiredAt is null");
        requireNonNull(expiresAt, "expiresAt is null");
    }

    /** {@link #expiresAt()} as an instant. */
    @JsonIgnore
    public Instant expiry() {
        return Instant.parse(expiresAt);
    }
}
