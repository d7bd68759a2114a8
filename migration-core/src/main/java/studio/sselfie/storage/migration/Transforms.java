package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.ObjectNotFoundException;
import studio.sselfie.storage.PutOptions;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageObject;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.StorageUnavailableException;
import studio.sselfie.storage.migration.internal.BackupRecord;
import studio.sselfie.storage.migration.internal.BackupStore;
import studio.sselfie.storage.migration.internal.Fingerprint;
import studio.sselfie.storage.migration.internal.Hashing;
import studio.sselfie.storage.migration.internal.Journal;
import studio.sselfie.storage.migration.internal.StateKeys;
import studio.sselfie.storage.migration.internal.Transfers;
import studio.sselfie.storage.migration.internal.WorkItem;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * The transforms of {@link MigrationContext}, unit by unit. Each unit: skip it if the journal says done; back up what
 * it will overwrite or delete; write; verify (by the store's answer where it proves the bytes, else by streaming back,
 * see {@link Transfers}); checkpoint. Units are independent (work lists are
 * checked so), which is what lets {@link UnitRunner} run them on several threads and a resumed step redo any of them,
 * and lets the journal write their checkpoints in batches. Every call flushes the journal when its units are done,
 * so the next call (or custom code) starts with the earlier calls durably done; a call that fails does not flush
 * (its step rolls back, or stops on a lost lock and is resumed, redoing the units of the unflushed batch).
 *
 * <p>In a dry run ({@link StepMode}) a call computes and checks its work list as a run does, and records the writes
 * its units would make instead of running them.
 */
final class Transforms {
    private static final Logger LOG = LoggerFactory.getLogger(Transforms.class);

    private final StepContext step;
    private final StorageBackend store;
    private final BackupStore backups;
    private final Journal journal;
    private final StepMode mode;

    Transforms(StepContext step) {
        this.step = step;
        this.mode = step.mode();
        this.store = step.settings().backend();
        this.backups = step.backups();
        this.journal = step.journal();
    }

    long moveKeys(String prefix, Function<String, String> mapping) {
        if (mode.isDryRun()) {
            return mode.recordAll(MigrationPlan.Kind.MOVE, null,
                    mode.rule(() -> WorkPlanner.moves(store, step.settings().keys(), prefix, mapping)));
        }
        int index = step.nextWorkList();
        WorkList list = step.workList(index, () -> WorkPlanner.moves(store, step.settings().keys(), prefix, mapping));
        backups.recordAbsent(Integer.toString(index), freeTargets(list));
        backups.recordMoves(Integer.toString(index), list.items().stream().filter(WorkItem::isProvableMoveToFreeTarget).toList());
        // A moved source's backup is its target (see BackupStore#backupMoved), noted as each unit records it; after a
        // crash the units done before it are skipped, so the targets that may hold backups are noted from the work list.
        if (step.isResumed(index)) {
            list.items().forEach(item -> backups.mayHoldDataOf(item.target(), item.source()));
        }
        long moved = runner("moveKeys '" + prefix + "'").run(list.items(), item -> move("move:" + index + ":" + item.source(), item));
        journal.flush();
        return moved;
    }

    long copyFrom(StorageBackend source, String prefix, Function<String, String> mapping) {
        if (mode.isDryRun()) {
            return mode.recordAll(MigrationPlan.Kind.COPY, source.name(),
                    mode.rule(() -> WorkPlanner.copies(source, store, step.settings().keys(), prefix, mapping)));
        }
        int index = step.nextWorkList();
        WorkList list = step.workList(index, () -> WorkPlanner.copies(source, store, step.settings().keys(), prefix, mapping));
        backups.recordAbsent(Integer.toString(index), freeTargets(list));
        long copied = runner("copyFrom " + source.name() + " '" + prefix + "'")
                .run(list.items(), item -> copy("copy:" + index + ":" + item.source(), source, item));
        journal.flush();
        CheckReport report = BackendCheck.comparePairs(source, store, list.items());
        LOG.info("copyFrom {} '{}' into {}: {}", source.name(), prefix, store.name(), report.summary());
        if (!report.isMatch()) {
            throw new MigrationException("copyFrom " + source.name() + " '" + prefix + "' left differences after copying: "
                    + report.summary() + "\n" + report.differences().stream().map(CheckReport.Entry::line).collect(Collectors.joining("\n")));
        }
        return copied;
    }

    long transform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform) {
        if (mode.isDryRun()) {
            return planTransform(prefix, filter, transform);
        }
        int index = step.nextWorkList();
        WorkList list = step.workList(index, () -> WorkPlanner.objects(store, step.settings().keys(), prefix, filter));
        Set<String> derivedKeys = ConcurrentHashMap.newKeySet();
        long written = runner("transform '" + prefix + "'").run(list.items(),
                item -> derive("transform:" + index + ":" + item.source(), item, transform, derivedKeys));
        journal.flush();
        return written;
    }

    long updateMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update) {
        if (mode.isDryRun()) {
            return planMetadata(prefix, update);
        }
        int index = step.nextWorkList();
        WorkList list = step.workList(index, () -> WorkPlanner.objects(store, step.settings().keys(), prefix, info -> true));
        long changed = runner("updateMetadata '" + prefix + "'").run(list.items(),
                item -> rewrite("metadata:" + index + ":" + item.source(), item, update));
        journal.flush();
        return changed;
    }

    /**
     * Restores the records of {@code upBackups}, backing up what it overwrites into this (down) step's backups, list
     * by list in the order of {@link BackupStore#restoreOrder} (the sources of moves, whose bytes their targets hold,
     * then the rest, which deletes or restores the targets), each durably done (flushed) before the next.
     */
    void restore(BackupStore upBackups) {
        for (List<BackupRecord> records : upBackups.restoreOrder()) {
            Map<String, BackupRecord> byKey = new HashMap<>();
            List<WorkItem> items = new ArrayList<>(records.size());
            for (BackupRecord record : records) {
                byKey.put(record.key(), record);
                items.add(new WorkItem(record.key(), record.key(), record.size(), null, null));
            }
            runner("restoreRollbackPoint").run(items, item -> {
                String unit = "restore:" + item.source();
                if (journal.isDone(unit)) {
                    return UnitRunner.SKIPPED;
                }
                backups.backup(item.source());
                upBackups.restore(byKey.get(item.source()));
                journal.checkpoint(unit, item.size());
                return item.size();
            });
            journal.flush();
        }
    }

    /** The targets the plan's listing showed free: their backups are one batch record (see BackupStore#recordAbsent). */
    private static List<String> freeTargets(WorkList list) {
        List<String> free = new ArrayList<>();
        for (WorkItem item : list.items()) {
            if (Boolean.FALSE.equals(item.targetExisted())) {
                free.add(item.target());
            }
        }
        return free;
    }

    private UnitRunner runner(String operation) {
        return new UnitRunner(step, operation);
    }

    private long move(String unit, WorkItem item) {
        if (journal.isDone(unit)) {
            return UnitRunner.SKIPPED;
        }
        return item.isProvableMoveToFreeTarget() ? provableMove(unit, item) : readMove(unit, item);
    }

    /**
     * A move recorded in a batch before the call's first unit ({@link BackupStore#recordMoves}): the copy, verified by
     * the MD5 ETag it answers against the listed one, and the delete; the requests of a plain copy and delete. Where
     * the copy answers another ETag, both objects are read and compared, and the source gets a record of its own.
     */
    private long provableMove(String unit, WorkItem item) {
        String source = item.source();
        String target = item.target();
        // No backup of the target: the call's batch of absent keys holds it (and backing it up here would take the note
        // that it is to hold the source's bytes).
        step.fence();
        ObjectInfo copied;
        try {
            copied = store.copy(source, target);
        } catch (ObjectNotFoundException e) {
            return movedBefore(unit, item, e);
        }
        if (!Transfers.sameMd5(copied.etag(), item.etag())) {
            String what = "the copy of '" + source + "' to '" + target + "'";
            Fingerprint original = Transfers.fingerprint(store, source);
            Transfers.verify(store, target, original, what);
            backups.backupMoved(copied.toBuilder().key(source).build(), original, target);
        }
        step.fence();
        store.delete(source);
        journal.checkpoint(unit, item.size());
        return item.size();
    }

    /** A move whose target existed (or is unknown) or whose source's ETag proves nothing: read, back up, copy, delete. */
    private long readMove(String unit, WorkItem item) {
        String source = item.source();
        String target = item.target();
        // One GET for the source's info and the SHA-256 of its bytes (the backup record keeps both); the copies below
        // are verified against it by their answers where the store proves them (see Transfers), else read back.
        ObjectInfo current;
        Fingerprint original;
        try (StorageObject object = store.get(source)) {
            current = object.info();
            original = Hashing.fingerprint(object.stream());
        } catch (ObjectNotFoundException e) {
            return movedBefore(unit, item, e);
        } catch (IOException e) {
            throw new StorageUnavailableException(store.name(), StorageOperation.GET, source, "reading the body failed", e);
        }
        backups.backup(target);
        step.fence();
        Transfers.copyVerified(store, source, target, original, current.etag(),
                "the copy of '" + source + "' to '" + target + "'");
        // No copy of the source: the target, just verified, holds its bytes for a rollback.
        backups.backupMoved(current, original, target);
        step.fence();
        store.delete(source);
        journal.checkpoint(unit, original.size());
        return original.size();
    }

    /**
     * A move whose source is gone: a crashed run deleted it after its copy was verified, but before its checkpoint was
     * written. The target proves it by the listed MD5 ETag, or else by the SHA-256 of the source's own backup record.
     *
     * @throws MigrationException if neither proves the target holds the source
     */
    private long movedBefore(String unit, WorkItem item, ObjectNotFoundException gone) {
        String source = item.source();
        String target = item.target();
        Optional<ObjectInfo> at = store.head(target);
        if (at.isPresent() && at.get().size() == item.size() && Transfers.sameMd5(at.get().etag(), item.etag())) {
            journal.checkpoint(unit, item.size());
            return item.size();
        }
        Optional<BackupRecord> record = backups.record(source);
        if (record.isPresent() && record.get().existed() && target.equals(record.get().dataAt()) && record.get().sha256() != null) {
            Transfers.verify(store, target, record.get().fingerprint(), "the move of '" + source + "' to '" + target + "'");
            journal.checkpoint(unit, record.get().size());
            return record.get().size();
        }
        throw new MigrationException("cannot move '" + source + "' to '" + target + "': the source no longer exists", gone);
    }

    private long copy(String unit, StorageBackend source, WorkItem item) {
        if (journal.isDone(unit)) {
            return UnitRunner.SKIPPED;
        }
        backups.backup(item.target());
        Fingerprint sent;
        try (StorageObject object = source.get(item.source())) {
            step.fence();
            sent = Transfers.streamPutVerified(object, store, item.target(), null,
                    "the copy of " + source.name() + " '" + item.source() + "'");
        }
        journal.checkpoint(unit, sent.size());
        return sent.size();
    }

    private long derive(String unit, WorkItem item, ObjectTransform transform, Set<String> derivedKeys) {
        if (journal.isDone(unit)) {
            return UnitRunner.SKIPPED;
        }
        String source = item.source();
        Optional<DerivedObject> derived;
        try (StorageObject original = backups.openOriginal(source).orElseThrow(() -> gone(source, "transform"))) {
            derived = requireNonNull(transform.apply(original.info(), Transfers.nonClosing(original.stream())),
                    "the transform returned null for '" + source + "'");
        } catch (IOException e) {
            throw Transfers.unchecked("the transform of '" + source + "'", e);
        }
        if (derived.isEmpty()) {
            journal.checkpoint(unit);
            return UnitRunner.UNCHANGED;
        }
        DerivedObject object = derived.get();
        WorkPlanner.checkTarget(step.settings().keys(), source, object.key());
        if (!derivedKeys.add(object.key())) {
            throw new IllegalArgumentException("two objects under the prefix derive the same key '" + object.key() + "'");
        }
        PutOptions options = PutOptions.builder().contentType(object.contentType()).metadata(object.metadata()).build();
        backups.backup(object.key());
        step.fence();
        Transfers.putVerified(store, object.key(), object.bytes(), options, "the object derived from '" + source + "'");
        journal.checkpoint(unit, object.bytes().length);
        return object.bytes().length;
    }

    private long rewrite(String unit, WorkItem item, Function<ObjectInfo, Map<String, String>> update) {
        if (journal.isDone(unit)) {
            return UnitRunner.SKIPPED;
        }
        String key = item.source();
        // The info before this step, so a unit redone after a crash computes from what the first run saw.
        ObjectInfo info = backups.originalInfo(key).orElseThrow(() -> gone(key, "updateMetadata"));
        Map<String, String> metadata = Map.copyOf(requireNonNull(update.apply(info), "the metadata update returned null for '" + key + "'"));
        if (metadata.equals(info.metadata())) {
            journal.checkpoint(unit);
            return UnitRunner.UNCHANGED;
        }
        PutOptions options = Transfers.optionsOf(info, metadata);
        backups.backup(key);
        Fingerprint sent;
        try (StorageObject original = backups.openOriginal(key).orElseThrow(() -> gone(key, "updateMetadata"))) {
            step.fence();
            sent = Transfers.streamPutVerified(original, store, key, options, "the metadata rewrite of '" + key + "'");
        }
        Fingerprint before = backups.record(key).filter(r -> r.sha256() != null).map(BackupRecord::fingerprint).orElse(sent);
        if (!before.equals(sent)) {
            throw new MigrationException("updateMetadata of '" + key + "': the bytes read back from the backup (" + sent
                    + ") differ from the original (" + before + ")");
        }
        journal.checkpoint(unit, sent.size());
        return sent.size();
    }

    private static MigrationException gone(String key, String operation) {
        return new MigrationException(operation + ": '" + key + "' was listed but no longer exists");
    }

    // ---- dry runs (see StepMode): the work list of a run, its writes recorded instead of made

    /** {@link #transform} in a dry run: a plan runs the transform on each object, as listed, to record what it derives. */
    private long planTransform(String prefix, Predicate<ObjectInfo> filter, ObjectTransform transform) {
        StateKeys keys = step.settings().keys();
        mode.rule(() -> WorkPlanner.checkPrefix(keys, prefix));
        if (!mode.readsObjects()) {
            return 0;
        }
        long written = 0;
        for (WorkItem item : WorkPlanner.objects(store, keys, prefix, filter).items()) {
            Optional<DerivedObject> derived;
            try (StorageObject original = store.get(item.source())) {
                derived = transform.apply(original.info(), Transfers.nonClosing(original.stream()));
            } catch (IOException e) {
                throw Transfers.unchecked("the transform of '" + item.source() + "'", e);
            }
            if (derived != null && derived.isPresent()) {
                String key = derived.get().key();
                try {
                    mode.rule(() -> WorkPlanner.checkTarget(keys, item.source(), key));
                } catch (ReservedPrefixException e) {
                    mode.record(MigrationPlan.Kind.PUT, key, null, null); // listed, as a put through the store is
                    throw e;
                }
                mode.record(MigrationPlan.Kind.PUT, key, null, null);
                written++;
            }
        }
        return written;
    }

    /** {@link #updateMetadata} in a dry run: a plan records a put of each object whose metadata would change. */
    private long planMetadata(String prefix, Function<ObjectInfo, Map<String, String>> update) {
        StateKeys keys = step.settings().keys();
        mode.rule(() -> WorkPlanner.checkPrefix(keys, prefix));
        if (!mode.readsObjects()) {
            return 0;
        }
        long changed = 0;
        for (WorkItem item : WorkPlanner.objects(store, keys, prefix, info -> true).items()) {
            Optional<ObjectInfo> info = store.head(item.source());
            if (info.isPresent() && !Map.copyOf(update.apply(info.get())).equals(info.get().metadata())) {
                mode.record(MigrationPlan.Kind.PUT, item.source(), null, null);
                changed++;
            }
        }
        return changed;
    }
}
