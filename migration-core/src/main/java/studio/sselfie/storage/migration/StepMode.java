package studio.sselfie.storage.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import studio.sselfie.storage.migration.internal.WorkList;

/**
 * How one step runs through {@link DefaultMigrationContext}: for real, or as one of two dry runs, in which reads see
 * the real store and nothing is written (no write through the store, no backup, no journal, no history). A dry run
 * goes through the same context, the same guarded store and the same work-list computation and rule checks as a run;
 * where a run writes, it records the write instead (a plan) or does nothing (a check).
 * <ul>
 *   <li>A <b>plan</b> ({@link Migrator#plan()}) records every write and runs each {@link MigrationContext#transform}
 *       function to learn the key it derives.</li>
 *   <li>A <b>check</b> ({@link Preflight}, before migrate or undo writes) records nothing and does only what the rules
 *       need: it lists what {@code moveKeys} and {@code copyFrom} would map, but does not read the objects of
 *       {@code transform} and {@code updateMetadata} (their keys come from a listing that leaves the reserved keys out
 *       already; a derived key is checked by the running step, before that unit's write).</li>
 * </ul>
 * A broken rule (a key under the reserved prefix, a mapping of two keys to one target, a chain, an invalid target) is
 * thrown as in a run, and also noted, so a step that catches it is still found. Thread-safe: transforms run units on
 * several threads.
 */
final class StepMode {
    private enum Kind { RUN, PLAN, CHECK }

    private final Kind kind;
    private final List<MigrationPlan.Operation> operations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> violation = new AtomicReference<>();

    private StepMode(Kind kind) {
        this.kind = kind;
    }

    /** A step run for real. */
    static StepMode run() {
        return new StepMode(Kind.RUN);
    }

    /** The dry run of {@link Migrator#plan()}. */
    static StepMode plan() {
        return new StepMode(Kind.PLAN);
    }

    /** The dry run of the check before a migrate or undo writes. */
    static StepMode check() {
        return new StepMode(Kind.CHECK);
    }

    /** Whether writes are recorded or skipped rather than done. */
    boolean isDryRun() {
        return kind != Kind.RUN;
    }

    /** Whether this dry run reads objects and runs transform functions (a plan does; a check does not). */
    boolean readsObjects() {
        return kind == Kind.PLAN;
    }

    /** Records a write a plan would make (nothing in a run or a check). */
    void record(MigrationPlan.Kind write, String key, String source, String sourceBackend) {
        if (kind == Kind.PLAN) {
            operations.add(new MigrationPlan.Operation(write, key, source, sourceBackend));
        }
    }

    /** Records each item of the work list {@code planned} as a write of {@code write}; returns how many there are. */
    long recordAll(MigrationPlan.Kind write, String sourceBackend, WorkList planned) {
        planned.items().forEach(item -> record(write, item.target(), item.source(), sourceBackend));
        return planned.items().size();
    }

    /**
     * Runs a rule check and returns its result; a rule it breaks ({@link ReservedPrefixException}, or
     * {@link IllegalArgumentException} for a mapping to null, an invalid key, two sources one target, a chain) is noted
     * (the first one counts) and thrown.
     */
    <T> T rule(Supplier<T> check) {
        try {
            return check.get();
        } catch (ReservedPrefixException | IllegalArgumentException e) {
            throw broke(e);
        }
    }

    /** As {@link #rule(Supplier)}, for a check without a result. */
    void rule(Runnable check) {
        rule(() -> {
            check.run();
            return null;
        });
    }

    /** Notes a broken rule (the first one counts) and returns it, to be thrown. */
    RuntimeException broke(RuntimeException e) {
        violation.compareAndSet(null, e);
        return e;
    }

    /** What a plan would write, in order (nothing in a check). */
    List<MigrationPlan.Operation> operations() {
        return List.copyOf(operations);
    }

    /** The first rule the step broke, even if it caught the exception. */
    Optional<RuntimeException> violation() {
        return Optional.ofNullable(violation.get());
    }
}
