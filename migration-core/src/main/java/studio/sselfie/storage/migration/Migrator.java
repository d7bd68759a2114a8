package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.Capability;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.HistoryStore;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.LeaseLock;
import studio.sselfie.storage.migration.internal.LockRecord;
import studio.sselfie.storage.migration.internal.ProcessIdentity;
import studio.sselfie.storage.migration.internal.StateKeys;

/**
 * Runs versioned {@link Migration}s over one store, keeping history, lock, backups and journal in the store itself
 * under a reserved prefix (default {@code _migrations/}). Build one with {@link #builder()}; it is thread-safe, and
 * several migrators (threads, processes, machines) may share a store: the lock makes them take turns, and each
 * version is applied once.
 *
 * <p>State in the store:
 * <ul>
 *   <li>{@code P/lock}: the lease of the runner at work (taken with if-none-match, renewed every lease/3, taken over
 *       only after it expired, with if-match on the stale ETag).</li>
 *   <li>{@code P/history/<version>.json}: version, description, checksum, state, who, when, duration, objects, bytes,
 *       error.</li>
 *   <li>{@code P/backup/<version>/}: the rollback point of an applied version, i.e. every key its up step changed, as
 *       it was before. It is kept after success, since it is what the default {@link Migration#down} restores;
 *       {@link #pruneBackups} deletes it when the version will never be undone. Undo deletes it.</li>
 *   <li>{@code P/journal/<version>/}: the checkpoints of a running step, its finished units written in batches (per
 *       256 units and at the end of each transform call); deleted when the step ends.</li>
 * </ul>
 *
 * <p>Safety: a crash at any point leaves the store resumable, and the next {@link #migrate} (once the dead runner's
 * lease expired) finishes the interrupted step from its journal, ending byte-identical to an uninterrupted run. A step
 * that throws is rolled back to its rollback point (verified), recorded FAILED with the key ({@code at key 'k'} when
 * the failing write or unit is known, else {@code after key 'k'}, the key it last completed) and the cause, and later
 * commands refuse to run until {@link #repair()}.
 *
 * <p>Rules checked before any write: a step may not read or write under the reserved prefix, and a
 * {@link MigrationContext#moveKeys moveKeys} or {@link MigrationContext#copyFrom copyFrom} mapping may not send two
 * keys to one target (nor form a chain, nor give a null or invalid key). {@link #migrate} and {@link #undo} check every
 * step they are about to run up front, under the lock and before their first write, by a dry run of the step as
 * {@link #plan()} does it (reads see the store, writes are recorded, not done). A step that breaks a rule is rejected
 * with {@link ReservedPrefixException} or {@link MigrationValidationException} naming the version, the keys and the
 * rule: nothing is written, no history recorded, the lock released, and every version stays as it was. So a run whose
 * third step breaks a rule writes nothing of the first two either. What the check does not see:
 * <ul>
 *   <li>Each step is dry-run against the store as it is before the run, as {@link #plan()} shows it. A step that
 *       breaks a rule only on keys an earlier step of the same run creates passes the check; the guard of the running
 *       step then rejects the key before writing it, and that step fails (rolled back, recorded FAILED) while the steps
 *       before it stay applied. A step whose dry run stops early for another reason (say, it reads a key an earlier
 *       step creates) is dry-run again right before it runs.</li>
 *   <li>The check does not run {@link MigrationContext#transform transform} functions (that would fetch and transform
 *       every object twice): a derived key under the reserved prefix is rejected by the running step, before that
 *       unit's write, and the step fails as above.</li>
 * </ul>
 * The cost of the check: each step's code runs once more (it can tell by {@link MigrationContext#isDryRun()}), the
 * prefixes its {@code moveKeys} and {@code copyFrom} calls map are listed once more (and their work lists held in
 * memory meanwhile), and the reads its own code makes through {@link MigrationContext#store()} are made once more;
 * bodies of puts are not read and objects of transforms are not fetched. The guard of the running step stays as a
 * second line of defence.
 */
public final class Migrator {

    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);

    private final Settings settings;

    Migrator(Settings settings) {
        this.settings = settings;
    }

    /** A builder with every default; only {@link Builder#backend} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies every pending migration, oldest first. See {@link #migrate(MigrationVersion)}.
     *
     * @return the history lines of the steps run, in order
     */
    public List<MigrationInfo> migrate() {
        List<Migration> migrations = settings.migrations();
        if (migrations.isEmpty()) {
            validate();
            return List.of();
        }
        return migrate(migrations.get(migrations.size() - 1).version());
    }

    /**
     * Validates (see {@link #validate()}), takes the lock, finishes a step a crashed runner left RUNNING, then applies
     * every pending migration up to and including {@code target}, oldest first. Running it again is a no-op.
     *
     * @return the history lines of the steps run, in order
     * @throws MigrationValidationException if {@link #validate()} finds a problem or {@code target} is unknown, or the
     *                                      dry run of a step finds a mapping that breaks a rule (nothing written; see
     *                                      the class comment)
     * @throws ReservedPrefixException      if the dry run of a step finds it reading or writing under the reserved
     *                                      prefix (nothing written)
     * @throws MigrationFailedException     if a version is FAILED (run {@link #repair()}), or a step fails (then rolled back)
     * @throws LockHeldException            if another runner holds the lock beyond {@link Builder#lockWait}
     * @throws LockLostException            if this runner lost the lock mid-step (the step resumes next time)
     */
    public List<MigrationInfo> migrate(MigrationVersion target) {
        requireNonNull(target, "target is null");
        HistoryView.requireValid(settings, history(noFence()).readAll(), target);
        return locked((lock, history, runner) -> {
            List<HistoryRecord> records = history.readAll();
            HistoryView.requireValid(settings, records, target);
            HistoryView.refuseFailed(records);
            Preflight preflight = Preflight.up(settings, records, target);
            Maintenance.sweepJournals(settings, records, fence(lock));
            List<MigrationInfo> ran = new ArrayList<>(runner.resumeInterrupted(records));
            Map<MigrationVersion, HistoryRecord> byVersion = HistoryView.byVersion(history.readAll());
            for (Migration migration : settings.migrations()) {
                HistoryRecord record = byVersion.get(migration.version());
                if (migration.version().compareTo(target) <= 0 && HistoryView.isPending(record)) {
                    preflight.beforeRun(migration, !ran.isEmpty());
                    ran.add(runner.up(migration, record));
                }
            }
            return ran;
        });
    }

    /**
     * Reverts every applied version newer than {@code target}, newest first, by running its down step (by default:
     * restoring its rollback point). {@link MigrationVersion#ZERO} reverts all. Validates first, and finishes a step a
     * crashed runner left RUNNING.
     *
     * @return the history lines of the steps run, in order
     * @throws MigrationValidationException if {@link #validate()} finds a problem, the target is neither
     *                                      {@link MigrationVersion#ZERO} nor a known version, or a version to revert
     *                                      is a baseline (never run here), or as for {@link #migrate(MigrationVersion)}
     * @throws ReservedPrefixException      as for {@link #migrate(MigrationVersion)}, for a down step
     * @throws MigrationFailedException     as for {@link #migrate(MigrationVersion)}
     */
    public List<MigrationInfo> undo(MigrationVersion target) {
        requireNonNull(target, "target is null");
        List<HistoryRecord> before = history(noFence()).readAll();
        HistoryView.requireValid(settings, before, null);
        if (!target.equals(MigrationVersion.ZERO) && settings.migration(target) == null
                && !HistoryView.byVersion(before).containsKey(target)) {
            throw new MigrationValidationException("unknown undo target version " + target + "; the migrations given are "
                    + HistoryView.versions(settings) + " (use MigrationVersion.ZERO to undo all)");
        }
        return locked((lock, history, runner) -> {
            List<HistoryRecord> records = history.readAll();
            HistoryView.requireValid(settings, records, null);
            HistoryView.refuseFailed(records);
            Preflight preflight = Preflight.down(settings, records, target);
            Maintenance.sweepJournals(settings, records, fence(lock));
            List<MigrationInfo> ran = new ArrayList<>(runner.resumeInterrupted(records));
            List<HistoryRecord> toUndo = new ArrayList<>();
            HistoryView.byVersion(history.readAll()).forEach((version, record) -> {
                if (version.compareTo(target) > 0 && HistoryView.isApplied(record)) {
                    if (HistoryView.state(record) == MigrationState.BASELINE) {
                        throw new MigrationValidationException("version " + version + " is a baseline: it never ran on this"
                                + " store and has no rollback point, so it cannot be undone");
                    }
                    toUndo.add(0, record);
                }
            });
            for (HistoryRecord record : toUndo) {
                Migration migration = settings.migration(MigrationVersion.parse(record.version()));
                preflight.beforeRun(migration, !ran.isEmpty());
                ran.add(runner.down(migration, record));
            }
            return ran;
        });
    }

    /**
     * Every version known to the migrator or the store, by version, with its state and what its last step did; for a
     * RUNNING or FAILED step also whether its run is {@link MigrationInfo.RunStatus#ACTIVE ACTIVE},
     * {@link MigrationInfo.RunStatus#CRASHED CRASHED} or {@link MigrationInfo.RunStatus#FAILED FAILED}, who runs it,
     * since when, and when the lock's lease expires. Reads only (the history and the lock).
     */
    public List<MigrationInfo> info() {
        List<HistoryRecord> records = history(noFence()).readAll();
        LockRecord lock = LeaseLock.peek(settings.backend(), settings.keys().lock()).orElse(null);
        return HistoryView.infos(settings, records, lock);
    }

    /**
     * Releases the migration lock held by {@code owner} at once, whatever its lease: for an operator who knows that
     * runner is dead (its machine is down, its container gone) and does not want to wait out its lease. The name is
     * the one {@link LockHeldException#holder()} and {@link MigrationInfo#lockHolder()} give. A holder on the same
     * host whose process is gone needs none of this: every command takes its lock over at once.
     *
     * <p>Safety: the lock is taken with if-match on the ETag of the lease read, so a lock that another runner holds by
     * then, or that its holder renewed meanwhile (it is alive after all), is left alone and this fails. The step the
     * dead runner left RUNNING stays so, and the next {@link #migrate} resumes it from its journal, redo-safe at every
     * write. Releasing the lock of a runner that is in fact alive is what this cannot undo: the live runner notices
     * at its next renewal (lease/3) at the latest and stops before its next write, but writes it made in between may
     * interleave with a new runner's. Use it only on the operator's certain knowledge.
     *
     * @return whether a lock was released (false if there was none)
     * @throws LockHeldException naming the holder if the lock is held by another owner, or changed meanwhile
     */
    public boolean forceReleaseLock(String owner) {
        requireNonNull(owner, "owner is null");
        LeaseLock lock = new LeaseLock(settings.backend(), settings.keys().lock(), settings.owner(), settings.lockLease(),
                settings.clock());
        try {
            Optional<LockRecord> released = lock.forceTakeOver(owner);
            released.ifPresent(holder -> LOG.warn("Released the migration lock of {} on the operator's word that it is dead"
                    + " (its lease ran until {})", holder.owner(), holder.expiresAt()));
            return released.isPresent();
        } catch (IllegalStateException e) {
            throw new LockHeldException(e.getMessage() + "; see info() or the LockHeldException for the holder's name", e);
        } finally {
            lock.close();
        }
    }

    /**
     * Compares the migrations given with the history in the store. Reads only.
     *
     * @throws MigrationValidationException listing every problem: a declared checksum of an applied version that
     *                                      differs from the recorded one (see {@link Migration#checksum()}), an applied
     *                                      version missing from the migrations given, a pending version older than the
     *                                      newest applied one
     */
    public void validate() {
        HistoryView.requireValid(settings, history(noFence()).readAll(), null);
    }

    /**
     * Records every migration up to and including {@code version} as {@link MigrationState#BASELINE}, without running
     * it: for a store whose data is already in that shape. Also records {@code version} itself if no migration has it.
     *
     * @throws MigrationValidationException if the store already has migration history
     */
    public void baseline(MigrationVersion version) {
        requireNonNull(version, "version is null");
        locked((lock, history, runner) -> Maintenance.baseline(settings, history, version));
    }

    /**
     * Resolves failures, taking the lock (which takes over, and at the end releases, a lock whose holder died: its lease
     * expired, or its process is gone from this host; see {@link #forceReleaseLock} for one dead elsewhere). For every FAILED version: finishes its rollback if that did not complete, clears its journal and the
     * failed step's backups, and then deletes the record of a failed up step (the version is pending again) or marks a
     * version whose down step failed as applied again. Then realigns the recorded checksums to the migrations given:
     * every version among them whose record holds another checksum than the one it declares (or none where it declares
     * none) gets the declared one, each logged at INFO with the old and the new value. Run it after checking that a
     * migration reported as changed has the same effect as the one that ran.
     */
    public void repair() {
        locked((lock, history, runner) -> Maintenance.repair(settings, history, fence(lock)));
    }

    /** A dry run of {@link #migrate()}. See {@link #plan(MigrationVersion)}. */
    public MigrationPlan plan() {
        List<Migration> migrations = settings.migrations();
        return migrations.isEmpty() ? new MigrationPlan(List.of()) : plan(migrations.get(migrations.size() - 1).version());
    }

    /**
     * Lists, for each step {@code migrate(target)} would run, exactly which keys it would touch, writing nothing (not
     * even the lock). Each up step runs as a dry run: reads see the real store, writes and transforms are recorded
     * instead of done. Each step is planned against the store as it is now, so a step that reads what an
     * earlier pending step would write sees the store without it. A step that breaks a rule migrate checks before it
     * writes (see the class comment) is listed up to the offending write, with the rule it breaks
     * ({@link MigrationPlan.Step#rejection()}, {@link MigrationPlan#isRejected()}); the plan of the other steps goes on.
     *
     * @throws MigrationValidationException if {@link #validate()} finds a problem or {@code target} is unknown
     */
    public MigrationPlan plan(MigrationVersion target) {
        requireNonNull(target, "target is null");
        List<HistoryRecord> records = history(noFence()).readAll();
        HistoryView.requireValid(settings, records, target);
        return Preflight.plan(settings, records, target);
    }

    /**
     * Deletes the rollback point of {@code version} (its backups), freeing the space; its default down step can then no
     * longer run.
     *
     * @return objects deleted
     * @throws MigrationValidationException if the version is RUNNING or FAILED (the backups are still needed)
     */
    public long pruneBackups(MigrationVersion version) {
        requireNonNull(version, "version is null");
        return locked((lock, history, runner) -> Maintenance.pruneBackups(settings, history, version, fence(lock)));
    }

    private <T> T locked(LockSession.Work<T> work) {
        return LockSession.run(settings, work);
    }

    private Runnable fence(LeaseLock lock) {
        return LockSession.fence(settings, lock);
    }

    private HistoryStore history(Runnable fence) {
        return new HistoryStore(settings.backend(), settings.keys(), fence);
    }

    private static Runnable noFence() {
        return () -> {
            throw new IllegalStateException("writing history without the lock");
        };
    }

    /**
     * Builds a {@link Migrator}. Every setter checks its argument at once; {@link #build()} checks the whole, before any
     * I/O.
     */
    public static final class Builder {
        /** The default reserved prefix. */
        public static final String DEFAULT_RESERVED_PREFIX = "_migrations/";
        /** The default lease of the lock. */
        public static final Duration DEFAULT_LOCK_LEASE = Duration.ofSeconds(60);
        /** The default number of threads of a transform. */
        public static final int DEFAULT_CONCURRENCY = 4;
        /** The most threads a transform may use. */
        public static final int MAX_CONCURRENCY = 256;

        private StorageBackend backend;
        private final List<Migration> migrations = new ArrayList<>();
        private String reservedPrefix = DEFAULT_RESERVED_PREFIX;
        private Duration lockLease = DEFAULT_LOCK_LEASE;
        private Duration lockWait = Duration.ZERO;
        private String owner;
        private MigrationListener listener = new MigrationListener() {
        };
        private int concurrency = DEFAULT_CONCURRENCY;
        private Clock clock = Clock.systemUTC();
        private int checkpointBatch = Journal.DEFAULT_BATCH_SIZE;

        private Builder() {
        }

        /** The store to migrate. Required. It needs {@link Capability#CONDITIONAL_WRITE} (for the lock). */
        public Builder backend(StorageBackend backend) {
            this.backend = requireNonNull(backend, "backend is null");
            return this;
        }

        /** Adds migrations (in any order: they run by version). */
        public Builder migrations(Migration... migrations) {
            requireNonNull(migrations, "migrations is null");
            return migrations(Arrays.asList(migrations));
        }

        /** Adds migrations (in any order: they run by version). */
        public Builder migrations(Collection<? extends Migration> migrations) {
            requireNonNull(migrations, "migrations is null");
            this.migrations.addAll(migrations);
            return this;
        }

        /**
         * Where the migrator keeps its state; steps may not touch keys under it. Default {@value #DEFAULT_RESERVED_PREFIX}.
         *
         * @throws IllegalArgumentException if it does not end with {@code /}, is not a valid key prefix or is over
         *                                  {@value StateKeys#MAX_PREFIX_BYTES} bytes
         */
        public Builder reservedPrefix(String reservedPrefix) {
            this.reservedPrefix = StateKeys.checkPrefix(reservedPrefix);
            return this;
        }

        /**
         * How long the lock lasts without renewal; a daemon thread renews it every lease/3 while this runner works, and
         * another runner may take it over only after it lapsed. Default 60 seconds.
         *
         * @throws IllegalArgumentException if not positive
         */
        public Builder lockLease(Duration lockLease) {
            requireNonNull(lockLease, "lockLease is null");
            if (lockLease.isNegative() || lockLease.isZero()) {
                throw new IllegalArgumentException("lockLease must be positive, was " + lockLease);
            }
            this.lockLease = lockLease;
            return this;
        }

        /**
         * How long a command waits for a lock another runner holds, polling, before it fails with
         * {@link LockHeldException}. Default 0: fail at once.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder lockWait(Duration lockWait) {
            requireNonNull(lockWait, "lockWait is null");
            if (lockWait.isNegative()) {
                throw new IllegalArgumentException("lockWait must be zero or positive, was " + lockWait);
            }
            this.lockWait = lockWait;
            return this;
        }

        /**
         * The name this runner gives in the lock and the history. Default: {@code user@host pid N started T}, the user,
         * host name, process id and process start instant, so an operator can tell whether a lock's holder is their own
         * crashed process. The lock also records host, pid and process start apart, whatever this name, which lets a
         * runner on the same host take over the lock of a holder whose process is gone without waiting out its lease.
         *
         * @throws IllegalArgumentException if blank, over 200 characters or with control characters
         */
        public Builder owner(String owner) {
            requireNonNull(owner, "owner is null");
            if (owner.isBlank() || owner.length() > 200 || owner.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("owner must be 1-200 characters without control characters, was '" + owner + "'");
            }
            this.owner = owner;
            return this;
        }

        /** Hears progress. Default: none. */
        public Builder listener(MigrationListener listener) {
            this.listener = requireNonNull(listener, "listener is null");
            return this;
        }

        /**
         * How many objects a transform works on at once (threads, with a bounded queue). Default {@value #DEFAULT_CONCURRENCY}.
         * A moved object costs three requests one after another on S3 (the copy with the backend's head, and the
         * delete), as a plain copy and delete does, so on a store across a network throughput grows with this almost
         * linearly until the store or the client's connection pool is the limit: raise it (16 to 64) for S3 or MinIO,
         * and keep the S3 backend's {@code maxConnections} above it.
         *
         * @throws IllegalArgumentException if outside 1..{@value #MAX_CONCURRENCY}
         */
        public Builder concurrency(int concurrency) {
            if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
                throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", was " + concurrency);
            }
            this.concurrency = concurrency;
            return this;
        }

        /** The clock of timestamps and lease expiry. Default: the system clock, UTC. For tests. */
        public Builder clock(Clock clock) {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        /** Units per journal write of a transform (a crash redoes at most the unwritten ones). For tests. */
        Builder checkpointBatch(int checkpointBatch) {
            if (checkpointBatch < 1) {
                throw new IllegalArgumentException("checkpointBatch must be at least 1, was " + checkpointBatch);
            }
            this.checkpointBatch = checkpointBatch;
            return this;
        }

        /**
         * Checks everything (before any I/O) and builds the migrator. Each migration's checksum is asked for here, once.
         *
         * @throws IllegalStateException        if no backend was given
         * @throws IllegalArgumentException     if the backend lacks conditional writes, a migration is null, or has a
         *                                      null version or description, answers null for its checksum, or has
         *                                      version 0
         * @throws MigrationValidationException naming the version if two migrations share it
         */
        public Migrator build() {
            if (backend == null) {
                throw new IllegalStateException("backend is required");
            }
            if (!backend.supports(Capability.CONDITIONAL_WRITE)) {
                throw new IllegalArgumentException("backend " + backend.name() + " does not support conditional writes,"
                        + " which the migration lock needs");
            }
            return new Migrator(Settings.of(backend, new StateKeys(reservedPrefix), migrations, lockLease, lockWait,
                    owner != null ? owner : defaultOwner(), listener, concurrency, clock, checkpointBatch));
        }

        private static String defaultOwner() {
            return ProcessIdentity.current().describe(System.getProperty("user.name", "unknown"));
        }
    }
}
