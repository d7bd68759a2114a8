package studio.sselfie.storage.testkit.faults;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import studio.sselfie.storage.StorageOperation;

/**
 * A snapshot of what a {@link FaultInjectingBackend} has seen and injected, taken at one instant: consistent with
 * {@link FaultInjectingBackend#log()} taken at the same instant (each count of injected faults equals the number of
 * log entries it counts). Immutable.
 */
public final class FaultStats {
    private final long calls;
    private final Map<StorageOperation, Long> callsByOperation;
    private final Map<StorageOperation, Long> injectedByOperation;
    private final Map<Fault, Long> injectedByFault;

    FaultStats(long[] callsByOperation, long[] injectedByOperation, long[] injectedByFault) {
        this.callsByOperation = toMap(StorageOperation.class, StorageOperation.values(), callsByOperation);
        this.injectedByOperation = toMap(StorageOperation.class, StorageOperation.values(), injectedByOperation);
        this.injectedByFault = toMap(Fault.class, Fault.values(), injectedByFault);
        this.calls = this.callsByOperation.values().stream().mapToLong(Long::longValue).sum();
    }

    private static <E extends Enum<E>> Map<E, Long> toMap(Class<E> type, E[] constants, long[] counts) {
        Map<E, Long> map = new EnumMap<>(type);
        for (E constant : constants) {
            map.put(constant, counts[constant.ordinal()]);
        }
        return Collections.unmodifiableMap(map);
    }

    /** Every call of a decorated operation, whether or not a fault was injected (or injection was on). */
    public long calls() {
        return calls;
    }

    /** Calls of {@code operation}, whether or not a fault was injected. */
    public long calls(StorageOperation operation) {
        return callsByOperation.get(Objects.requireNonNull(operation, "operation is null"));
    }

    /** Faults injected, of every kind into every operation: the size of the log. */
    public long injected() {
        return injectedByFault.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Faults of kind {@code fault} injected. */
    public long injected(Fault fault) {
        return injectedByFault.get(Objects.requireNonNull(fault, "fault is null"));
    }

    /** Faults injected into calls of {@code operation}. */
    public long injected(StorageOperation operation) {
        return injectedByOperation.get(Objects.requireNonNull(operation, "operation is null"));
    }

    /** Faults injected, by kind; every kind is present, with 0 when none was injected. Unmodifiable. */
    public Map<Fault, Long> injectedByFault() {
        return injectedByFault;
    }

    /** Faults injected, by operation; every operation is present. Unmodifiable. */
    public Map<StorageOperation, Long> injectedByOperation() {
        return injectedByOperation;
    }

    /** Calls, by operation; every operation is present. Unmodifiable. */
    public Map<StorageOperation, Long> callsByOperation() {
        return callsByOperation;
    }

    @Override
    public String toString() {
        return "FaultStats{calls=" + calls + ", injected=" + injected() + ", byFault=" + injectedByFault
                + ", byOperation=" + injectedByOperation + '}';
    }
}
