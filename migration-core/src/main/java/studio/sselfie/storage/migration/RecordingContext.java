package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.migration.internal.HistoryRecord;
import studio.sselfie.storage.migration.internal.Transfers;
import studio.sselfie.storage.migration.internal.WorkItem;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * The context of a dry run ({@link Migrator#plan()}): reads see the real store; writes through {@link #store()} and
 * the transforms are recorded, not done. The transforms compute their work lists exactly as a run would (the same
 * {@link WorkPlanner}, the same checks), and {@link #transform} runs the author's function to learn each derived key.
 */
final class RecordingContext implements MigrationContext {
    private final Settings settings;
    private final MigrationVersion version;
    private final List<MigrationPlan.Operation> operations = Collections.synchronizedList(new ArrayList<>());
    private final RecordingBackend store;

    RecordingContext(Settings settings, MigrationVersion version) {
        this.settings = settings;
        this.version = version;
        this.store = new RecordingBackend(settings.backend(), settings.keys(), this);
    }

    /** The plan of every up step {@code migrate(target)} would run, given the history {@code records}. */
    static MigrationPlan plan(Settings settings, List<HistoryRecord> records, MigrationVersion target) {
        Map<MigrationVersion, HistoryRecord> byVersion = HistoryView.byVersion(records);
        List<MigrationPlan.Step> steps = new ArrayList<>();
        for (Migration migration : settings.migrations()) {
            HistoryRecord record = byVersion.get(migration.version());
            boolean runs = HistoryView.isPending(record) || (HistoryView.state(record) == MigrationState.RUNNING && !record.isDown());
            if (migration.version().compareTo(target) <= 0 && runs) {
                RecordingContext context = new RecordingContext(settings, migration.version());
                migration.up(context);
                steps.add(new MigrationPlan.Step(migration.version(), migration.description(), context.operations()));
            }
        }
        return new MigrationPlan(steps);
    }

    /** What the step would do, in order. */
    List<MigrationPlan.Operation> operations() {
        return List.copyOf(operations);
    }

    void record(MigrationPlan.Kind kind, String key, String source, String sourceBackend) {
        operations.add(new MigrationPlan.Operation(kind, key, source, sourceBackend));
    }

    @Override
    public MigrationVersion version() {
        return version;
    }

    @Override
    public boolean isDown() {
        return false;
    }

    @Override
    public StorageBackend store() {
        return store;
    }

    @Override
    public long moveKeys(String prefix, Function<String, String> mapping) {
        requireNonNull(mapping, "mapping is null");
        WorkList list = WorkPlanner.moves(settings.backend(), settings.keys(), requireNonNull(prefix, "prefix is null"), mapping);
        list.items().forEach(item -> record(MigrationPlan.Kind.MOVE, item.target(), item.source(), null));
        return list.items().size();
    }

    @Override
    public long copyFrom(StorageBackend source, String prefix, Function<String, String> mapping) {
        requireNonNull(source, "source is null");
        requireNonNull(mapping, "mapping is null");
        WorkList list = WorkPlanner.copies(source, settings.backend(), settings.keys(), requireNonNull(prefix, "prefix is null"), mapping);
        list.items().forEach(item -> record(MigrationPlan.Kind.COPY, item.target(), item.source(), source.name()));
        return list.items().size();
    }

    @Override
    public long transform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform) {
        requireNonNull(filter, "filter is null");
        requireNonNull(transform, "transform is null");
        WorkList list = WorkPlanner.objects(settings.backend(), settings.keys(), requireNonNull(prefix, "prefix is null"), filter);
        long written = 0;
        for (WorkItem item : list.items()) {
            Optional<DerivedObject> derived;
            try (StorageObject original = settings.backend().get(item.source())) {
                derived = transform.apply(original.info(), Transfers.nonClosing(original.stream()));
            } catch (IOException e) {
                throw Transfers.unchecked("the transform of '" + item.source() + "'", e);
            }
            if (derived != null && derived.isPresent()) {
                WorkPlanner.checkTarget(settings.keys(), item.source(), derived.get().key());
                record(MigrationPlan.Kind.PUT, derived.get().key(), null, null);
                written++;
            }
        }
        return written;
    }

    @Override
    public long updateMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update) {
        requireNonNull(update, "update is null");
        WorkList list = WorkPlanner.objects(settings.backend(), settings.keys(), requireNonNull(prefix, "prefix is null"), info -> true);
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
        WorkPlanner.checkNotReserved(settings.keys(), requireNonNull(key, "key is null"));
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
        throw new IllegalStateException("restoreRollbackPoint() belongs in a down step; a plan runs up steps only");
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
