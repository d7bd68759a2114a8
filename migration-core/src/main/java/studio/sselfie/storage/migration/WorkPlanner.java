package studio.sselfie.storage.migration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

import studio.sselfie.storage.InvalidKeyException;
import studio.sselfie.storage.KeyPolicy;
import studio.sselfie.storage.Keys;
import studio.sselfie.storage.ListPage;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.StorageOperation;
import studio.sselfie.storage.migration.internal.StateKeys;
import studio.sselfie.storage.migration.internal.WorkItem;
import studio.sselfie.storage.migration.internal.WorkList;

/**
 * Work lists of the transforms, computed from a listing and checked whole before the first write. Shared by the
 * running context and the dry-run plan, so the plan lists exactly what a run would touch.
 */
final class WorkPlanner {
    private WorkPlanner() {
    }

    /**
     * Source and target of every object under {@code prefix} that {@code mapping} renames.
     *
     * @throws IllegalArgumentException if the mapping gives null or an invalid key, two sources one target, or a
     *                                  target that is itself moved
     * @throws ReservedPrefixException  if the prefix or a target lies under the reserved prefix
     */
    static WorkList moves(StorageBackend store, StateKeys keys, String prefix, Function<String, String> mapping) {
        return withTargets(store, keys, withoutChains(mapped(store, keys, prefix, mapping, true, "moveKeys"), "moveKeys"));
    }

    /**
     * Source and target of every object under {@code prefix} of {@code source}; checked as for {@link #moves}, chains
     * only when {@code source} is the store itself.
     */
    static WorkList copies(StorageBackend source, StorageBackend store, StateKeys keys, String prefix, Function<String, String> mapping) {
        WorkList list = mapped(source, keys, prefix, mapping, false, "copyFrom");
        return withTargets(store, keys, source == store ? withoutChains(list, "copyFrom") : list);
    }

    /**
     * The items with {@link WorkItem#targetExisted()} from one listing of {@code store} under the longest common
     * prefix of the targets, so that a target no object was at needs no backup request of its own (see
     * {@link studio.sselfie.storage.migration.internal.BackupStore#recordAbsent}). Left unknown when the targets share
     * no prefix, or the listing holds more than twice as many keys as there are items (plus 1,000): listing a large
     * part of the store would cost more than it saves, and the units then back each target up as before.
     */
    static WorkList withTargets(StorageBackend store, StateKeys keys, WorkList list) {
        if (list.items().isEmpty()) {
            return list;
        }
        String common = null;
        for (WorkItem item : list.items()) {
            common = common == null ? item.target() : commonPrefix(common, item.target());
        }
        if (common.isEmpty() || keys.isReserved(common)) {
            return list;
        }
        try {
            Keys.validatePrefix(Keys.NO_BACKEND, StorageOperation.LIST, common, KeyPolicy.STORE);
        } catch (InvalidKeyException e) {
            return list; // cut inside something the rules refuse as a prefix: the targets stay unknown
        }
        long limit = 2L * list.items().size() + 1_000;
        Set<String> present = new HashSet<>();
        try (Stream<ObjectInfo> listing = listing(store, keys, common)) {
            Iterator<ObjectInfo> objects = listing.iterator();
            while (objects.hasNext()) {
                if (present.size() >= limit) {
                    return list;
                }
                present.add(objects.next().key());
            }
        }
        List<WorkItem> items = new ArrayList<>(list.items().size());
        for (WorkItem item : list.items()) {
            items.add(item.withTargetExisted(present.contains(item.target())));
        }
        return new WorkList(items);
    }

    private static String commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        // Never split a surrogate pair: the prefix must stay a valid key prefix.
        if (i > 0 && i < a.length() && Character.isLowSurrogate(a.charAt(i)) && Character.isHighSurrogate(a.charAt(i - 1))) {
            i--;
        }
        return a.substring(0, i);
    }

    private static WorkList withoutChains(WorkList list, String operation) {
        Set<String> sources = new HashSet<>();
        list.items().forEach(item -> sources.add(item.source()));
        for (WorkItem item : list.items()) {
            if (!item.source().equals(item.target()) && sources.contains(item.target())) {
                throw new IllegalArgumentException(operation + ": the target '" + item.target() + "' of '" + item.source()
                        + "' is itself a key to move; a chain of renames depends on order, so split it into two calls");
            }
        }
        return list;
    }

    /** Every object under {@code prefix} that {@code filter} accepts; targets are decided per object. */
    static WorkList objects(StorageBackend store, StateKeys keys, String prefix, Predicate<ObjectInfo> filter) {
        checkPrefix(keys, prefix);
        List<WorkItem> items = new ArrayList<>();
        try (Stream<ObjectInfo> listing = listing(store, keys, prefix)) {
            listing.filter(filter).forEach(info -> items.add(new WorkItem(info.key(), null, info.size(), null, info.etag())));
        }
        return new WorkList(items);
    }

    /**
     * Checks a target key of {@code source}.
     *
     * @throws IllegalArgumentException naming both if the target is invalid
     * @throws ReservedPrefixException  if it lies under the reserved prefix
     */
    static void checkTarget(StateKeys keys, String source, String target) {
        if (target == null) {
            throw new IllegalArgumentException("the mapping of '" + source + "' gave null");
        }
        if (!Keys.isValid(target)) {
            try {
                Keys.validate(Keys.NO_BACKEND, StorageOperation.PUT, target);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("the target '" + target + "' of '" + source + "' is not a valid key: "
                        + e.getMessage(), e);
            }
        }
        if (keys.isReserved(target)) {
            throw new ReservedPrefixException("the target '" + target + "' of '" + source + "' lies under the reserved prefix '"
                    + keys.prefix() + "'");
        }
    }

    /**
     * Rejects a key or listing prefix under the reserved prefix.
     *
     * @throws ReservedPrefixException naming the key
     */
    static void checkNotReserved(StateKeys keys, String key) {
        if (keys.isReserved(key)) {
            throw new ReservedPrefixException("'" + key + "' lies under the reserved prefix '" + keys.prefix()
                    + "', which migration steps may not read or write");
        }
    }

    /** {@code page} without the keys and common prefixes under the reserved prefix. */
    static ListPage withoutReserved(StateKeys keys, String listingPrefix, ListPage page) {
        if (!keys.overlaps(listingPrefix)) {
            return page;
        }
        List<ObjectInfo> objects = new ArrayList<>();
        for (ObjectInfo info : page.objects()) {
            if (!keys.isReserved(info.key())) {
                objects.add(info);
            }
        }
        List<String> prefixes = new ArrayList<>();
        for (String prefix : page.commonPrefixes()) {
            if (!keys.isReserved(prefix)) {
                prefixes.add(prefix);
            }
        }
        return new ListPage(objects, prefixes, page.nextToken().orElse(null));
    }

    /**
     * Checks a listing prefix of a transform.
     *
     * @throws ReservedPrefixException if it lies under the reserved prefix
     */
    static void checkPrefix(StateKeys keys, String prefix) {
        Keys.validatePrefix(Keys.NO_BACKEND, StorageOperation.LIST, prefix, KeyPolicy.STORE);
        if (keys.isReserved(prefix)) {
            throw new ReservedPrefixException("the prefix '" + prefix + "' lies under the reserved prefix '" + keys.prefix() + "'");
        }
    }

    private static WorkList mapped(StorageBackend store, StateKeys keys, String prefix, Function<String, String> mapping,
                                   boolean skipUnchanged, String operation) {
        checkPrefix(keys, prefix);
        List<WorkItem> items = new ArrayList<>();
        Map<String, String> sourceOf = new HashMap<>();
        try (Stream<ObjectInfo> listing = listing(store, keys, prefix)) {
            listing.forEach(info -> {
                String source = info.key();
                String target = mapping.apply(source);
                if (skipUnchanged && source.equals(target)) {
                    return;
                }
                checkTarget(keys, source, target);
                String other = sourceOf.putIfAbsent(target, source);
                if (other != null) {
                    throw new IllegalArgumentException(operation + " '" + prefix + "': '" + other + "' and '" + source
                            + "' both map to the target '" + target + "'; a target may have one source only");
                }
                items.add(new WorkItem(source, target, info.size(), null, info.etag()));
            });
        }
        return new WorkList(items);
    }

    /** The listing of {@code prefix} without reserved keys (which a listing of "" or "_" would include). */
    private static Stream<ObjectInfo> listing(StorageBackend store, StateKeys keys, String prefix) {
        Stream<ObjectInfo> all = store.list(prefix);
        return keys.overlaps(prefix) ? all.filter(info -> !keys.isReserved(info.key())) : all;
    }
}
