package studio.sselfie.storage.migration.internal;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PreconditionFailedException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.StorageObject;

/**
 * A lease lock in the store (Mongock's lease, kept in the bucket). Taken with a conditional put (if-none-match);
 * taken over only after the holder's lease expired, with a put on the stale lock's ETag (if-match), so of two runners
 * that see the same stale lock only one wins; renewed every lease/3 by a daemon thread with a put on its own ETag.
 *
 * <p>A holder whose renewal finds another ETag, or whose lease passed by its clock, is lost: {@link #isHeld()} answers
 * {@code false} from then on, and the caller checks it before each write (fencing). Expiry is judged by each runner's
 * {@link Clock}, so clocks of runners should agree to well within the lease.
 *
 * <p><b>A holder known dead.</b> A lease whose holder's process is known to be gone (see
 * {@link ProcessIdentity#isKnownDead()}: same machine boot and process-id namespace, and no process of that id, or one
 * started at another time) is taken over at once, with the same if-match, without waiting for its expiry. This is as
 * safe as a takeover after expiry, and safer: expiry infers from silence that the holder stopped, while here the
 * kernel says the process is gone, so it renews nothing and starts no write any more. What both cannot rule out is a
 * request the holder had already sent when it died and the store had not yet carried out; the step the next runner
 * resumes is redo-safe at every write (the crash-at-every-write tests), and such a request is one of the dead run's
 * writes, which the resumed run redoes or finds done. {@link #forceTakeOver} does the same for a holder the operator
 * knows is dead (say, on another machine that was switched off), on the operator's word.
 */
public final class LeaseLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseLock.class);
    private static final int MAX_ATTEMPTS = 10;

    private final StorageBackend backend;
    private final String key;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final String token = UUID.randomUUID().toString();
    private ScheduledExecutorService renewal;
    private volatile String etag;
    private volatile Instant expiresAt;
    private volatile String lostReason;
    private volatile Instant acquiredAt;
    private volatile LockRecord takenOver;

    public LeaseLock(StorageBackend backend, String key, String owner, Duration lease, Clock clock) {
        this.backend = requireNonNull(backend, "backend is null");
        this.key = requireNonNull(key, "key is null");
        this.owner = requireNonNull(owner, "owner is null");
        this.lease = requireNonNull(lease, "lease is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Tries once to take the lock (taking over an expired lease), and starts renewing it when taken.
     *
     * @return empty when this runner now holds the lock, else the lease of the runner that holds it
     * @throws IllegalStateException if this lock was already acquired
     */
    public synchronized Optional<LockRecord> tryAcquire() {
        if (etag != null) {
            throw new IllegalStateException("the lock is already held by this runner");
        }
        LockRecord holder = null;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            LockRecord mine = LockRecord.of(owner, token, now, now, now.plus(lease));
            try {
                held(backend.put(key, Json.write(mine), PutOptions.builder().ifNoneMatchAny().contentType("application/json").build()), mine);
                takenOver = null;
                return Optional.empty();
            } catch (PreconditionFailedException e) {
                // Someone holds it, or held it: read the lease below.
            }
            String staleEtag;
            try (StorageObject current = backend.get(key)) {
                staleEtag = current.info().etag();
                holder = parse(current.readAllBytes());
            } catch (ObjectNotFoundException e) {
                continue; // released meanwhile: try the conditional create again
            }
            boolean expired = holder == null || !now.isBefore(holder.expiry());
            if (!expired && !holder.isHolderKnownDead()) {
                return Optional.of(holder);
            }
            try {
                held(backend.put(key, Json.write(mine), PutOptions.builder().ifMatch(staleEtag).contentType("application/json").build()), mine);
                takenOver = holder;
                if (holder == null) {
                    LOG.warn("Took over the migration lock {}: it was unreadable", key);
                } else if (expired) {
                    LOG.warn("Took over the migration lock {}: the lease of {} expired at {}", key, holder.owner(), holder.expiresAt());
                } else {
                    LOG.warn("Took over the migration lock {} at once: its holder {} is dead (no process {} of that start"
                            + " on this host); its lease would have run until {}", key, holder.owner(), holder.pid(), holder.expiresAt());
                }
                return Optional.empty();
            } catch (PreconditionFailedException e) {
                // Another runner took it over first, or its holder renewed it: look again.
            }
        }
        Instant now = clock.instant();
        return Optional.of(holder != null ? holder
                : new LockRecord("(unknown: the lock kept changing)", "", now.toString(), now.toString(), null, null, null, null, null));
    }

    /**
     * Takes the lock from {@code expectedOwner} whatever its lease, on the caller's word that this runner is dead (see
     * the class comment), with if-match on the ETag of the lease read, so a lock that changed meanwhile is not taken.
     *
     * @return the lease taken over, or empty if there was no lock
     * @throws IllegalStateException naming the holder if the lock is held by another owner than {@code expectedOwner}
     *                               or changed while it was being taken; or if this runner already holds it
     */
    public synchronized Optional<LockRecord> forceTakeOver(String expectedOwner) {
        requireNonNull(expectedOwner, "expectedOwner is null");
        if (etag != null) {
            throw new IllegalStateException("the lock is already held by this runner");
        }
        String staleEtag;
        LockRecord holder;
        try (StorageObject current = backend.get(key)) {
            staleEtag = current.info().etag();
            holder = parse(current.readAllBytes());
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
        if (holder != null && !holder.owner().equals(expectedOwner)) {
            throw new IllegalStateException("the migration lock " + key + " is held by '" + holder.owner() + "', not by '"
                    + expectedOwner + "'; nothing was changed");
        }
        Instant now = clock.instant();
        LockRecord mine = LockRecord.of(owner, token, now, now, now.plus(lease));
        try {
            held(backend.put(key, Json.write(mine), PutOptions.builder().ifMatch(staleEtag).contentType("application/json").build()), mine);
        } catch (PreconditionFailedException e) {
            throw new IllegalStateException("the migration lock " + key + " changed while it was being taken over from '"
                    + expectedOwner + "' (renewed or taken by another runner); nothing was changed", e);
        }
        takenOver = holder;
        LOG.warn("Took over the migration lock {} from {} on the operator's word that it is dead (lease until {})", key,
                expectedOwner, holder == null ? "?" : holder.expiresAt());
        return Optional.ofNullable(holder);
    }

    /** The lease this runner's acquisition took over (an expired or dead holder's), if it took one over. */
    public Optional<LockRecord> takenOver() {
        return Optional.ofNullable(takenOver);
    }

    /**
     * The lease stored at {@code key}, read without taking anything.
     *
     * @return empty if there is no lock, or it is unreadable
     */
    public static Optional<LockRecord> peek(StorageBackend backend, String key) {
        try {
            LockRecord record = Json.read(backend.getBytes(key), LockRecord.class, "the lock " + key);
            record.expiry();
            return Optional.of(record);
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("The migration lock {} is unreadable", key, e);
            return Optional.empty();
        }
    }

    /** Whether this runner holds the lock: acquired, not lost, and its lease not passed by the clock. */
    public boolean isHeld() {
        if (etag == null || lostReason != null) {
            return false;
        }
        Instant expiry = expiresAt;
        if (!clock.instant().isBefore(expiry)) {
            lostReason = "its lease expired at " + expiry;
            return false;
        }
        return true;
    }

    /** Why the lock was lost, for messages; empty while it is held. */
    public Optional<String> lostReason() {
        return Optional.ofNullable(lostReason);
    }

    /** The owner name this runner uses. */
    public String owner() {
        return owner;
    }

    /**
     * Extends the lease by another full lease from now, if this runner still holds it. Called by the renewal thread;
     * a renewal that finds another ETag marks the lock lost; a transient failure is retried on the next tick.
     */
    public synchronized void renew() {
        if (!isHeld()) {
            return;
        }
        Instant now = clock.instant();
        LockRecord mine = LockRecord.of(owner, token, acquiredAt, now, now.plus(lease));
        try {
            ObjectInfo info = backend.put(key, Json.write(mine), PutOptions.builder().ifMatch(etag).contentType("application/json").build());
            etag = info.etag();
            expiresAt = now.plus(lease);
        } catch (PreconditionFailedException e) {
            lostReason = "another runner took the lock over";
            LOG.error("Lost the migration lock {}: {}", key, lostReason);
        } catch (StorageException e) {
            LOG.warn("Renewing the migration lock {} failed; retrying on the next tick", key, e);
        }
    }

    /** Stops renewing and deletes the lock if it is still this runner's (same ETag); never throws. */
    @Override
    public synchronized void close() {
        if (renewal != null) {
            renewal.shutdownNow();
            renewal = null;
        }
        if (etag == null) {
            return;
        }
        try {
            Optional<ObjectInfo> current = backend.head(key);
            if (current.isPresent() && current.get().etag().equals(etag)) {
                backend.delete(key);
            }
        } catch (RuntimeException e) {
            LOG.warn("Releasing the migration lock {} failed; it lapses at {}", key, expiresAt, e);
        } finally {
            etag = null;
        }
    }

    private void held(ObjectInfo info, LockRecord mine) {
        etag = info.etag();
        expiresAt = mine.expiry();
        acquiredAt = Instant.parse(mine.acquiredAt());
        lostReason = null;
        long period = Math.max(10, lease.toMillis() / 3);
        renewal = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-lease-renewal");
            thread.setDaemon(true);
            return thread;
        });
        renewal.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    private LockRecord parse(byte[] json) {
        try {
            LockRecord record = Json.read(json, LockRecord.class, "the lock " + key);
            record.expiry();
            return record;
        } catch (RuntimeException e) {
            LOG.warn("The migration lock {} is unreadable; it counts as expired", key, e);
            return null;
        }
    }
}
