package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.Transfers;
import studio.sselfie.storage.migration.internal.WorkItem;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * The context of a dry run: reads see the real store; writes through {@link #store()} and the transforms are recorded,
 * not done. The transforms compute their work lists exactly as a run would (the same {@link WorkPlanner}, the same
 * checks). A broken rule (a key under the reserved prefix, a mapping of two keys to one target, a chain, an invalid
 * target) is thrown as the running context would throw it, and also noted, so a step that catches it is still found.
 *
 * <p>Two modes. A plan ({@link Migrator#plan()}) records every write and runs each {@link #transform} function to
 * learn the key it derives. A check ({@link Preflight}, before migrate or undo writes) records nothing and does only
 * what the rules need: it lists what {@link #moveKeys} and {@link #copyFrom} would map, but does not read the objects
 * of {@link #transform} and {@link #updateMetadata} (their keys come from a listing that leaves the reserved keys out
 * already; a derived key is checked by the running step, before that unit's write).
 */
final class RecordingContext implements MigrationContext {
    private final Settings settings;
    private final MigrationVersion version;
    private final boolean down;
    private final boolean checkOnly;
    private final List<MigrationPlan.Operation> operations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<RuntimeException> violation = new AtomicReference<>();
    private final RecordingBackend store;

    private RecordingContext(Settings settings, MigrationVersion version, boolean down, boolean checkOnly) {
        this.settings = settings;
        this.version = version;
        this.down = down;
        this.checkOnly = checkOnly;
        this.store = new RecordingBackend(settings.backend(), this);
    }

    /** The context of the check of one step before a migrate or undo writes. */
    static RecordingContext forCheck(Settings settings, MigrationVersion version, boolean down) {
        return new RecordingContext(settings, version, down, true);
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
                RecordingContext context = new RecordingContext(settings, migration.version(), false, false);
                try {
                    migration.up(context);
                } catch (RuntimeException e) {
                    if (context.violation().isEmpty()) {
                        throw e;
                    }
                }
                steps.add(new MigrationPlan.Step(migration.version(), migration.description(), context.operations(),
                        context.violation().map(RuntimeException::getMessage).orElse(null)));
            }
        }
        return new MigrationPlan(steps);
    }

    Settings settings() {
        return settings;
    }

    /** What the step would do, in order (nothing in a check). */
    List<MigrationPlan.Operation> operations() {
        return List.copyOf(operations);
    }

    /** The first rule the step broke, even if it caught the exception. */
    Optional<RuntimeException> violation() {
        return Optional.ofNullable(violation.get());
    }

    void record(MigrationPlan.Kind kind, String key, String source, String sourceBackend) {
        if (!checkOnly) {
            operations.add(new MigrationPlan.Operation(kind, key, source, sourceBackend));
        }
    }

    /**
     * Rejects a key or listing prefix under the reserved prefix, as the running context does, noting the violation.
     *
     * @throws ReservedPrefixException naming the key
     */
    void checkNotReserved(String key) {
        try {
            WorkPlanner.checkNotReserved(settings.keys(), key);
        } catch (ReservedPrefixException e) {
            throw broke(e);
        }
    }

    /** Notes a broken rule (the first one counts) and returns it, to be thrown. */
    private RuntimeException broke(RuntimeException e) {
        violation.compareAndSet(null, e);
        return e;
    }

    /** Computes a work list as the running transform would; a rule it breaks is noted. */
    private WorkList mapped(Supplier<WorkList> compute) {
        try {
            return compute.get();
        } catch (ReservedPrefixException | IllegalArgumentException e) {
            // Reserved prefix or target, two sources one target, a chain, a null or invalid target.
            throw broke(e);
        }
    }

    private void checkPrefix(String prefix) {
        try {
            WorkPlanner.checkPrefix(settings.keys(), prefix);
        } catch (ReservedPrefixException e) {
            throw broke(e);
        }
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public boolean isDown() {
        return down;
    }

    @Override
    public boolean isDryRun() {
        return true;
    }

    @Override
    public StorageBackend store() {
        return store;
    }

    @Override
    public long moveKeys(String prefix, Function<String, String> mapping) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(mapping, "mapping is null");
        WorkList list = mapped(() -> WorkPlanner.moves(settings.backend(), settings.keys(), prefix, mapping));
        list.items().forEach(item -> record(MigrationPlan.Kind.MOVE, item.target(), item.source(), null));
        return list.items().size();
    }

    @Override
    public long copyFrom(StorageBackend source, String prefix, Function<String, String> mapping) {
        requireNonNull(source, "source is null");
        requireNonNull(prefix, "prefix is null");
        requireNonNull(mapping, "mapping is null");
        WorkList list = mapped(() -> WorkPlanner.copies(source, settings.backend(), settings.keys(), prefix, mapping));
        list.items().forEach(item -> record(MigrationPlan.Kind.COPY, item.target(), item.source(), source.name()));
        return list.items().size();
    }

    @Override
    public long transform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(filter, "filter is null");
        requireNonNull(transform, "transform is null");
        checkPrefix(prefix);
        if (checkOnly) {
            return 0;
        }
        WorkList list = WorkPlanner.objects(settings.backend(), settings.keys(), prefix, filter);
        long written = 0;
        for (WorkItem item : list.items()) {
            Optional<DerivedObject> derived;
            try (StorageObject original = settings.backend().get(item.source())) {
                derived = transform.apply(original.info(), Transfers.nonClosing(original.stream()));
            } catch (IOException e) {
                throw Transfers.unchecked("the transform of '" + item.source() + "'", e);
            }
            if (derived != null && derived.isPresent()) {
                String key = derived.get().key();
                try {
                    WorkPlanner.checkTarget(settings.keys(), item.source(), key);
                } catch (ReservedPrefixException e) {
                    record(MigrationPlan.Kind.PUT, key, null, null);
                    throw broke(e);
                } catch (IllegalArgumentException e) {
                    throw broke(e);
                }
                record(MigrationPlan.Kind.PUT, key, null, null);
                written++;
            }
        }
        return written;
    }

    @Override
    public long updateMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update) {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(update, "update is null");
        checkPrefix(prefix);
        if (checkOnly) {
            return 0;
        }
        WorkList list = WorkPlanner.objects(settings.backend(), settings.keys(), prefix, info -> true);
        long changed = 0;
        for (WorkItem item : list.items()) {
            Optional<ObjectInfo> info = settings.backend().head(item.source());
            if (info.isPresent() && !Map.copyOf(update.apply(info.get())).equals(info.get().metadata())) {
                record(MigrationPlan.Kind.PUT, item.source(), null, null);
                changed++;
            }
        }
        return changed;
    }

    @Override
    public void backup(String key) {
        checkNotReserved(requireNonNull(key, "key is null"));
    }

    @Override
    public void checkpoint(String unit) {
        requireNonNull(unit, "unit is null");
    }

    @Override
    public boolean isDone(String unit) {
        requireNonNull(unit, "unit is null");
        return false;
    }

    @Override
    public void restoreRollbackPoint() {
        if (!down) {
            throw new IllegalStateException("restoreRollbackPoint() belongs in a down step; version " + version + " is running up");
        }
        // The rollback point holds the keys the up step wrote, each checked when it was backed up: nothing to check.
    }

    @Override
    public void progress(long objectsDone, long bytesDone) {
        // A dry run reports nothing.
    }

    @Override
    public void progress(long objectsDone, long bytesDone, long objectsTotal) {
        // A dry run reports nothing.
    }
}
