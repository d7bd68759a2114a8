package studio.sselfie.storage.migration;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import studio.sselfie.storage.migration.internal.HistoryStore;
import studio.sselfie.storage.migration.internal.LeaseLock;
import studio.sselfie.storage.migration.internal.LockRecord;

/** Runs a command of {@link Migrator} holding the lease lock: acquire (waiting if configured), work, release. */
final class LockSession {

    /** Work done under the lock. */
    interface Work<T> {
        T run(LeaseLock lock, HistoryStore history, StepRunner runner);
    }

    private LockSession() {
    }

    /**
     * Takes the lock, runs {@code work}, releases the lock (if still this runner's).
     *
     * @throws LockHeldException if another runner holds it beyond the configured wait
     */
    static <T> T run(Settings settings, Work<T> work) {
        LeaseLock lock = new LeaseLock(settings.backend(), settings.keys().lock(), settings.owner(), settings.lockLease(), settings.clock());
        acquire(settings, lock);
        try {
            Runnable fence = fence(settings, lock);
            HistoryStore history = new HistoryStore(settings.backend(), settings.keys(), fence);
            return work.run(lock, history, new StepRunner(settings, lock, history, fence));
        } finally {
            lock.close();
        }
    }

    /** A check to run before every write: throws {@link LockLostException} once the lock is lost. */
    static Runnable fence(Settings settings, LeaseLock lock) {
        return () -> {
            if (!lock.isHeld()) {
                throw new LockLostException("runner " + settings.owner() + " lost the migration lock ("
                        + lock.lostReason().orElse("not held") + "); it stopped before its next write");
            }
        };
    }

    /**
     * What an operator needs to know of a lock held by another runner: who (host, pid, process start), since when,
     * until when, and what happens next and what to do.
     */
    static LockHeldException held(Settings settings, LockRecord holder) {
        Instant now = settings.clock().instant();
        Instant expiry = holder.expiry();
        Duration lease = holder.lease();
        long left = Math.max(0, Duration.between(now, expiry).toSeconds());
        Duration wait = settings.lockWait();
        String message = "the migration lock " + settings.keys().lock() + " of " + settings.backend().name() + " is held by "
                + holder.owner() + " (taken at " + holder.acquiredAt() + ", last renewed at " + holder.lastSeen()
                + ", lease expires at " + holder.expiresAt() + ", in " + left + " s)"
                + (wait.isZero() ? "" : "; waited " + wait + " for it") + ". "
                + "If that runner is alive it is migrating: let it finish, or wait for it with Migrator.builder().lockWait(...)"
                + " (waits poll until the lock is free). If it died (crash, kill -9), its lease lapses at " + holder.expiresAt()
                + " unless renewed; the next command after that takes the lock over and resumes its step, and a command on the"
                + " same host takes it over at once once that process is gone"
                + (!lease.isNegative() && !lease.isZero() ? "; lockWait(Duration.ofSeconds(" + (lease.toSeconds() + 5) + ")) outwaits a dead"
                + " holder's lease of " + lease.toSeconds() + " s" : "")
                + ". If you know it is dead (e.g. its machine is down), migrator.forceReleaseLock(\"" + holder.owner()
                + "\") releases the lock now; never do that while it may still run";
        return new LockHeldException(message, holder.owner(), expiry);
    }

    private static void acquire(Settings settings, LeaseLock lock) {
        Duration wait = settings.lockWait();
        long deadline = System.nanoTime() + wait.toNanos();
        // Back off from 20 ms to 1 s: a short hold is noticed soon, a long one does not hammer the store.
        long pollMillis = 20;
        while (true) {
            Optional<LockRecord> holder = lock.tryAcquire();
            if (holder.isEmpty()) {
                return;
            }
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw held(settings, holder.get());
            }
            try {
                Thread.sleep(Math.min(pollMillis, Math.max(1, leftNanos / 1_000_000)));
                pollMillis = Math.min(1000, pollMillis * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LockHeldException held = held(settings, holder.get());
                held.initCause(e);
                throw held;
            }
        }
    }
}
