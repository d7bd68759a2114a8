package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of comparing two stores object by object, in the style of {@code rclone check --combined}: one line per
 * key, {@code = key} when both hold the same bytes, {@code + key} only in the target, {@code - key} only in the
 * source, {@code * key} when they differ, {@code ! key} when a side could not be read. Immutable.
 */
public final class CheckReport {

    /** How one key compares. */
    public enum Status {
        /** Same size and SHA-256 on both sides. */
        SAME('='),
        /** Only in the target. */
        ONLY_IN_TARGET('+'),
        /** Only in the source. */
        ONLY_IN_SOURCE('-'),
        /** On both sides, with other bytes. */
        DIFFERS('*'),
        /** A side could not be read. */
        ERROR('!');

        private final char symbol;

        Status(char symbol) {
            this.symbol = symbol;
        }

        /** The rclone symbol: {@code = + - * !}. */
        public char symbol() {
            return symbol;
        }
    }

    /** One key of the report. */
    public static final class Entry {
        private final Status status;
        private final String key;
        private final String targetKey;
        private final String detail;

        /**
         * @param status    how it compares
         * @param key       the key (in the source, when it is there)
         * @param targetKey the key in the target when it differs from {@code key}, else null
         * @param detail    why it differs or failed, or null
         */
        public Entry(Status status, String key, String targetKey, String detail) {
            this.status = requireNonNull(status, "status is null");
            this.key = requireNonNull(key, "key is null");
            this.targetKey = targetKey == null || targetKey.equals(key) ? null : targetKey;
            this.detail = detail;
        }

        /** How the key compares. */
        public Status status() {
            return status;
        }

        /** The key (in the source, when it is there). */
        public String key() {
            return key;
        }

        /** The key in the target, when a mapping renamed it. */
        public Optional<String> targetKey() {
            return Optional.ofNullable(targetKey);
        }

        /** Why it differs or failed. */
        public Optional<String> detail() {
            return Optional.ofNullable(detail);
        }

        /** The report line: {@code = photos/a.jpg}, {@code = a.jpg -> b.jpg}, {@code * a.jpg (size 3 vs 4)}. */
        public String line() {
            return status.symbol() + " " + key + (targetKey == null ? "" : " -> " + targetKey) + (detail == null ? "" : " (" + detail + ")");
        }

        @Override
        public String toString() {
            return line();
        }
    }

    private final List<Entry> entries;

    /** @param entries one per key, in key order */
    public CheckReport(List<Entry> entries) {
        this.entries = List.copyOf(requireNonNull(entries, "entries is null"));
    }

    /** Every entry, in key order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The entries that are not {@link Status#SAME}. */
    public List<Entry> differences() {
        return entries.stream().filter(e -> e.status() != Status.SAME).collect(Collectors.toList());
    }

    /** How many keys have {@code status}. */
    public long count(Status status) {
        return entries.stream().filter(e -> e.status() == status).count();
    }

    /**
     * Whether every source object is in the target with the same bytes: no {@code *}, {@code -} or {@code !} line.
     * Objects only in the target ({@code +}) do not count against it.
     */
    public boolean isMatch() {
        return entries.stream().noneMatch(e -> e.status() == Status.DIFFERS || e.status() == Status.ONLY_IN_SOURCE
                || e.status() == Status.ERROR);
    }

    /** The lines, in key order. */
    public List<String> lines() {
        return entries.stream().map(Entry::line).collect(Collectors.toList());
    }

    /** Counts per symbol, e.g. {@code = 10, + 0, - 1, * 0, ! 0}. */
    public String summary() {
        Map<Status, Long> counts = new EnumMap<>(Status.class);
        for (Status status : Status.values()) {
            counts.put(status, count(status));
        }
        return counts.entrySet().stream().map(e -> e.getKey().symbol() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** The summary and every line. */
    @Override
    public String toString() {
        return summary() + (entries.isEmpty() ? "" : "\n" + String.join("\n", lines()));
    }
}
