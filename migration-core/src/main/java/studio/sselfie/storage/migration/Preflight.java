package studio.sselfie.storage.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.migration.internal.HistoryRecord;

/**
 * The dry runs of steps (see {@link StepMode}): the plan of {@link Migrator#plan()}, and the check
 * {@link Migrator#migrate} and {@link Migrator#undo} make under the lock, before their first write. In the check every
 * step they are about to run is dry-run in check mode, against the store as it is now, and a step that would read or
 * write under the reserved prefix, or give {@code moveKeys} or {@code copyFrom} a mapping that breaks a rule (two
 * sources one target, a chain, a null or invalid target), is rejected: the command throws before it writes anything.
 *
 * <p>A dry run that stops with any other failure (typically a read of a key an earlier step of the run creates) vouches
 * only for what it did before it stopped. Such a step is dry-run again right before it runs if an earlier step of the
 * command changed the store by then; otherwise its real run fails in the same place.
 */
final class Preflight {
    private static final Logger LOG = LoggerFactory.getLogger(Preflight.class);

    private final Settings settings;
    private final boolean down;
    private final Set<MigrationVersion> checked = new HashSet<>();
    /** Checked, and the dry run finished: nothing left to learn before the step runs. */
    private final Set<MigrationVersion> cleared = new HashSet<>();

    private Preflight(Settings settings, boolean down) {
        this.settings = settings;
        this.down = down;
    }

    /**
     * The plan of every up step {@code migrate(target)} would run, given the history {@code records}. A step that
     * breaks a rule is listed up to the offending write, with the rule it breaks; any other failure of a step is thrown.
     */
    static MigrationPlan plan(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        Map<MigrationVersion, HistoryRecord> byVersion = HistoryView.byVersion(records);
        List<MigrationPlan.Step> steps = new ArrayList<>();
        for (Migration migration : settings.migrations()) {
            HistoryRecord record = byVersion.get(migration.version());
            boolean runs = HistoryView.isPending(record) || (HistoryView.state(record) == MigrationState.RUNNING && !record.isDown());
            if (migration.version().compareTo(target) <= 0 && runs) {
                StepMode mode = StepMode.plan();
                try {
                    migration.up(DefaultMigrationContext.dryRun(settings, migration.version(), false, mode));
                } catch (RuntimeException e) {
                    if (mode.violation().isEmpty()) {
                        throw e;
                    }
                }
                steps.add(new MigrationPlan.Step(migration.version(), migration.description(), mode.operations(),
                        mode.violation().map(RuntimeException::getMessage).orElse(null)));
            }
        }
        return new MigrationPlan(steps);
    }

    /**
     * Dry-runs the up step of every version {@code migrate(target)} would run, given the history {@code records},
     * oldest first. A step a crashed runner left RUNNING is not checked: it wrote already, and resumes from its journal.
     *
     * @throws ReservedPrefixException      naming the version and the key, if a step touches the reserved prefix
     * @throws MigrationValidationException naming the version, the keys and the rule, if a mapping breaks a rule
     */
    static Preflight up(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        Preflight preflight = new Preflight(settings, false);
        Map<MigrationVersion, HistoryRecord> byVersion = HistoryView.byVersion(records);
        for (Migration migration : settings.migrations()) {
            if (migration.version().compareTo(target) <= 0 && HistoryView.isPending(byVersion.get(migration.version()))) {
                preflight.check(migration, false);
            }
        }
        return preflight;
    }

    /**
     * Dry-runs the down step of every version {@code undo(target)} would revert, given the history {@code records},
     * newest first. Throws as {@link #up}.
     */
    static Preflight down(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        Preflight preflight = new Preflight(settings, true);
        List<Migration> toUndo = new ArrayList<>();
        HistoryView.byVersion(records).forEach((version, record) -> {
            MigrationState state = HistoryView.state(record);
            Migration migration = settings.migration(version);
            boolean reverted = version.compareTo(target) > 0 && HistoryView.isApplied(record)
                    && state != MigrationState.RUNNING && state != MigrationState.BASELINE;
            if (reverted && migration != null) {
                toUndo.add(0, migration);
            }
        });
        toUndo.forEach(migration -> preflight.check(migration, false));
        return preflight;
    }

    /**
     * Right before a step runs: dry-runs it if it was not checked up front (it became due during the command, e.g. by a
     * resumed undo), or if its dry run did not finish and an earlier step of the command changed the store since.
     *
     * @param storeChanged whether a step (resumed or not) ran in this command before this one
     * @throws ReservedPrefixException      as {@link #up}
     * @throws MigrationValidationException as {@link #up}
     */
    void beforeRun(Migration migration, boolean storeChanged) {
        MigrationVersion version = migration.version();
        if (!checked.contains(version) || (storeChanged && !cleared.contains(version))) {
            check(migration, storeChanged);
        }
    }

    private void check(Migration migration, boolean storeChanged) {
        MigrationVersion version = migration.version();
        checked.add(version);
        StepMode mode = StepMode.check();
        DefaultMigrationContext context = DefaultMigrationContext.dryRun(settings, version, down, mode);
        Throwable stopped = null;
        try {
            if (down) {
                migration.down(context);
            } else {
                migration.up(context);
            }
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // Judged below: a broken rule rejects the step; anything else is for the real run to meet.
            stopped = e;
        }
        Optional<RuntimeException> violation = mode.violation();
        if (violation.isPresent()) {
            MigrationException rejection = rejection(migration, violation.get(), storeChanged);
            LOG.error("{}", rejection.getMessage());
            throw rejection;
        }
        if (stopped == null) {
            cleared.add(version);
        } else {
            LOG.debug("The dry run of {} stopped before its end ({}); it is checked again before it runs if the store"
                    + " changes first", step(migration), stopped.toString());
        }
    }

    private MigrationException rejection(Migration migration, RuntimeException violation, boolean storeChanged) {
        String message = step(migration) + " is rejected: " + violation.getMessage() + "; "
                + (storeChanged ? "it was not run, and wrote nothing (the steps before it in this run were applied)"
                : "nothing was written")
                + ". A dry run found this before the first write; fix the migration and run again";
        return violation instanceof ReservedPrefixException
                ? new ReservedPrefixException(message, violation)
                : new MigrationValidationException(message, violation);
    }

    private String step(Migration migration) {
        return (down ? "the down step of " : "") + "version " + migration.version() + " (" + migration.description() + ")";
    }
}
