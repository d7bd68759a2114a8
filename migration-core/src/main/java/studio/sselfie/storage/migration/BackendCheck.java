package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import studio.sselfie.storage.Utf8Order;
import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.Keys;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.migration.internal.Fingerprint;
import studio.sselfie.storage.migration.internal.Transfers;
import studio.sselfie.storage.migration.internal.WorkItem;

/**
 * Compares two stores object by object, like {@code rclone check}: size first, then SHA-256 (as the store reports it,
 * else streamed and hashed). Usable on its own, e.g. after a migration, and used by
 * {@link MigrationContext#copyFrom} to verify what it copied.
 */
public final class BackendCheck {
    /** UTF-8 byte order, the order of every listing. */
    private static final Comparator<String> UTF8_ORDER = Utf8Order.INSTANCE;

    private BackendCheck() {
    }

    /**
     * Compares every object under {@code prefix} in {@code source} with the object of the same key in {@code target}.
     * Both listings are walked once, side by side (they are in the same order on every backend), so memory holds only
     * the report.
     *
     * @return one entry per key found on either side
     * @throws studio.sselfie.storage.InvalidKeyException if the prefix is not a valid prefix
     * @throws studio.sselfie.storage.StorageException    if a listing fails (a failed read of one object is an
     *                                                    {@code !} entry instead)
     */
    public static CheckReport compare(StorageBackend source, StorageBackend target, String prefix) {
        requireNonNull(source, "source is null");
        requireNonNull(target, "target is null");
        Keys.validatePrefix(Keys.NO_BACKEND, StorageOperation.LIST, prefix, KeyPolicy.STORE);
        List<CheckReport.Entry> entries = new ArrayList<>();
        try (Stream<ObjectInfo> left = source.list(prefix); Stream<ObjectInfo> right = target.list(prefix)) {
            Iterator<ObjectInfo> sourceObjects = left.iterator();
            Iterator<ObjectInfo> targetObjects = right.iterator();
            ObjectInfo s = next(sourceObjects);
            ObjectInfo t = next(targetObjects);
            while (s != null || t != null) {
                int order = s == null ? 1 : t == null ? -1 : UTF8_ORDER.compare(s.key(), t.key());
                if (order < 0) {
                    entries.add(new CheckReport.Entry(CheckReport.Status.ONLY_IN_SOURCE, s.key(), null, null));
                    s = next(sourceObjects);
                } else if (order > 0) {
                    entries.add(new CheckReport.Entry(CheckReport.Status.ONLY_IN_TARGET, t.key(), null, null));
                    t = next(targetObjects);
                } else {
                    entries.add(compareObjects(source, s, target, t));
                    s = next(sourceObjects);
                    t = next(targetObjects);
                }
            }
        }
        return new CheckReport(entries);
    }

    /**
     * Compares each source key of {@code items} with its target key; a missing target is {@code -}. A pair whose
     * sizes and MD5 ETags are equal is {@code =} without reading either; otherwise as {@link #compare}.
     */
    static CheckReport comparePairs(StorageBackend source, StorageBackend target, List<WorkItem> items) {
        List<CheckReport.Entry> entries = new ArrayList<>();
        for (WorkItem item : items) {
            try {
                Optional<ObjectInfo> s = source.head(item.source());
                Optional<ObjectInfo> t = target.head(item.target());
                if (s.isEmpty()) {
                    entries.add(new CheckReport.Entry(t.isEmpty() ? CheckReport.Status.ERROR : CheckReport.Status.ONLY_IN_TARGET,
                            item.source(), item.target(), t.isEmpty() ? "gone from both sides" : null));
                } else if (t.isEmpty()) {
                    entries.add(new CheckReport.Entry(CheckReport.Status.ONLY_IN_SOURCE, item.source(), item.target(), null));
                } else if (s.get().size() == t.get().size() && Transfers.sameMd5(s.get().etag(), t.get().etag())) {
                    // Equal MD5 ETags prove equal bytes (see Transfers), as rclone check compares hashes without reading.
                    entries.add(new CheckReport.Entry(CheckReport.Status.SAME, item.source(), item.target(), null));
                } else {
                    entries.add(compareObjects(source, s.get(), target, t.get()));
                }
            } catch (RuntimeException e) {
                entries.add(new CheckReport.Entry(CheckReport.Status.ERROR, item.source(), item.target(), e.getMessage()));
            }
        }
        return new CheckReport(entries);
    }

    private static CheckReport.Entry compareObjects(StorageBackend source, ObjectInfo s, StorageBackend target, ObjectInfo t) {
        if (s.size() != t.size()) {
            return new CheckReport.Entry(CheckReport.Status.DIFFERS, s.key(), t.key(), "size " + s.size() + " vs " + t.size());
        }
        try {
            Fingerprint left = Transfers.reported(source, s);
            Fingerprint right = Transfers.reported(target, t);
            return left.equals(right)
                    ? new CheckReport.Entry(CheckReport.Status.SAME, s.key(), t.key(), null)
                    : new CheckReport.Entry(CheckReport.Status.DIFFERS, s.key(), t.key(), "sha256 " + left.sha256() + " vs " + right.sha256());
        } catch (RuntimeException e) {
            return new CheckReport.Entry(CheckReport.Status.ERROR, s.key(), t.key(), e.getMessage());
        }
    }

    private static ObjectInfo next(Iterator<ObjectInfo> it) {
        return it.hasNext() ? it.next() : null;
    }
}
