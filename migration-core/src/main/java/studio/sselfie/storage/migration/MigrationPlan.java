package studio.sselfie.storage.migration;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What {@link Migrator#plan()} found: for each step a migrate would run, the keys it would touch, in the order it
 * would touch them, and for a step that breaks a rule (a key under the reserved prefix, two keys mapped to one) why
 * migrate would reject it. Immutable.
 */
public final class MigrationPlan {

    /** The kind of a planned write. */
    public enum Kind {
        /** An object written at the key (created, overwritten, or rewritten with new metadata). */
        PUT,
        /** The key deleted. */
        DELETE,
        /** An object copied from the source key (in this store, or another backend) to the key. */
        COPY,
        /** An object moved from the source key to the key: copied, then the source deleted. */
        MOVE
    }

    /** One planned write. */
    public static final class Operation {
        private final Kind kind;
        private final String key;
        private final String source;
        private final String sourceBackend;

        /**
         * @param kind          what would happen
         * @param key           the key written or deleted
         * @param source        for COPY and MOVE, the key read; else null
         * @param sourceBackend for a COPY from another backend, its name; else null
         */
        public Operation(Kind kind, String key, String source, String sourceBackend) {
            this.kind = requireNonNull(kind, "kind is null");
            this.key = requireNonNull(key, "key is null");
            this.source = source;
            this.sourceBackend = sourceBackend;
        }

        /** What would happen. */
        public Kind kind() {
            return kind;
        }

        /** The key written or deleted. */
        public String key() {
            return key;
        }

        /** For COPY and MOVE: the key read. */
        public Optional<String> source() {
            return Optional.ofNullable(source);
        }

        /** For a COPY from another backend: its name. */
        public Optional<String> sourceBackend() {
            return Optional.ofNullable(sourceBackend);
        }

        /** E.g. {@code MOVE photos/a.jpg -> originals/a.jpg}, {@code PUT thumbs/a.jpg}. */
        @Override
        public String toString() {
            if (source == null) {
                return kind + " " + key;
            }
            return kind + " " + (sourceBackend == null ? "" : sourceBackend + " ") + source + " -> " + key;
        }
    }

    /** The planned writes of one step. */
    public static final class Step {
        private final MigrationVersion version;
        private final String description;
        private final List<Operation> operations;
        private final String rejection;

        /**
         * A step migrate would run.
         *
         * @param version     the step's version
         * @param description the step's description
         * @param operations  its writes, in order
         */
        public Step(MigrationVersion version, String description, List<Operation> operations) {
            this(version, description, operations, null);
        }

        /**
         * @param version     the step's version
         * @param description the step's description
         * @param operations  its writes, in order, up to and including the one that breaks a rule
         * @param rejection   why migrate would reject the step, naming the key and the rule; null if it would run it
         */
        public Step(MigrationVersion version, String description, List<Operation> operations, String rejection) {
            this.version = requireNonNull(version, "version is null");
            this.description = requireNonNull(description, "description is null");
            this.operations = List.copyOf(requireNonNull(operations, "operations is null"));
            this.rejection = rejection;
        }

        /** The step's version. */
        public MigrationVersion version() {
            return version;
        }

        /** The step's description. */
        public String description() {
            return description;
        }

        /** The writes, in the order the step would make them (for a rejected step: up to the offending one). */
        public List<Operation> operations() {
            return operations;
        }

        /**
         * Why migrate would reject this step before its first write (e.g. a key under the reserved prefix, two keys
         * mapped to one target), naming the key and the rule; empty if migrate would run it.
         */
        public Optional<String> rejection() {
            return Optional.ofNullable(rejection);
        }

        @Override
        public String toString() {
            return "V" + version + " " + description + " (" + operations.size() + " operations)"
                    + operations.stream().map(o -> "\n  " + o).collect(Collectors.joining())
                    + (rejection == null ? "" : "\n  REJECTED: " + rejection);
        }
    }

    private final List<Step> steps;

    /** @param steps in the order they would run */
    public MigrationPlan(List<Step> steps) {
        this.steps = List.copyOf(requireNonNull(steps, "steps is null"));
    }

    /** The steps, in the order they would run. */
    public List<Step> steps() {
        return steps;
    }

    /** Whether a migrate would run nothing. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** Whether migrate would reject the run: a step breaks a rule (see {@link Step#rejection()}), so nothing is written. */
    public boolean isRejected() {
        return steps.stream().anyMatch(step -> step.rejection != null);
    }

    /** Every planned write of every step, in order. */
    public List<Operation> operations() {
        return steps.stream().flatMap(step -> step.operations().stream()).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        return steps.isEmpty() ? "nothing to migrate" : steps.stream().map(Step::toString).collect(Collectors.joining("\n"));
    }
}
