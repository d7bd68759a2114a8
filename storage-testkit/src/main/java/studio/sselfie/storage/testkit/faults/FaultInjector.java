package studio.sselfie.storage.testkit.faults;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import studio.sselfie.storage.StorageOperation;

/**
 * The decisions and the bookkeeping of a {@link FaultInjectingBackend}: one seeded {@link Random}, drawn under one
 * lock in call order, so the same seed and the same single-threaded call sequence give the same faults; and the
 * counters and log, kept under the same lock so a stats snapshot always agrees with the log.
 */
final class FaultInjector {
    /** What to do with one call; {@code fault} is {@code null} for none. */
    record Decision(long call, Fault fault, long detailSeed) {
        boolean is(Fault kind) {
            return fault == kind;
        }
    }

    private final Object lock = new Object();
    private final long seed;
    private final double rate;
    private final Random random;
    private final Map<StorageOperation, List<Fault>> candidates = new EnumMap<>(StorageOperation.class);
    private final long[] callsByOperation = new long[StorageOperation.values().length];
    private final long[] injectedByOperation = new long[StorageOperation.values().length];
    private final long[] injectedByFault = new long[Fault.values().length];
    private final List<InjectedFault> log = new ArrayList<>();
    private long calls;
    private boolean enabled = true;

    FaultInjector(long seed, double rate, Set<Fault> faults, Set<StorageOperation> operations) {
        this.seed = seed;
        this.rate = rate;
        this.random = new Random(seed);
        for (StorageOperation operation : operations) {
            List<Fault> applicable = new ArrayList<>();
            for (Fault fault : Fault.values()) { // enum order, so the choice does not depend on set iteration order
                if (faults.contains(fault) && fault.appliesTo(operation)) {
                    applicable.add(fault);
                }
            }
            candidates.put(operation, List.copyOf(applicable));
        }
    }

    long seed() {
        return seed;
    }

    double rate() {
        return rate;
    }

    /**
     * Counts the call and decides its fault. A call that may get one draws exactly three values (inject?, which fault,
     * the detail seed), so the sequence of decisions does not depend on what the faults turn out to be.
     *
     * @param injectable whether a fault may be injected at all (false once the backend is closed)
     */
    Decision decide(StorageOperation operation, boolean injectable) {
        synchronized (lock) {
            long call = ++calls;
            callsByOperation[operation.ordinal()]++;
            List<Fault> applicable = candidates.getOrDefault(operation, List.of());
            if (!enabled || !injectable || applicable.isEmpty()) {
                return new Decision(call, null, 0);
            }
            boolean inject = random.nextDouble() < rate;
            Fault fault = applicable.get(random.nextInt(applicable.size()));
            long detailSeed = random.nextLong();
            return new Decision(call, inject ? fault : null, detailSeed);
        }
    }

    /** Records a fault that is being injected; returns the log entry. */
    InjectedFault record(Decision decision, StorageOperation operation, String key, String detail) {
        InjectedFault entry = new InjectedFault(decision.call(), operation, key, decision.fault(), detail);
        synchronized (lock) {
            injectedByOperation[operation.ordinal()]++;
            injectedByFault[decision.fault().ordinal()]++;
            log.add(entry);
        }
        return entry;
    }

    void enabled(boolean on) {
        synchronized (lock) {
            enabled = on;
        }
    }

    boolean enabled() {
        synchronized (lock) {
            return enabled;
        }
    }

    FaultStats stats() {
        synchronized (lock) {
            return new FaultStats(callsByOperation.clone(), injectedByOperation.clone(), injectedByFault.clone());
        }
    }

    List<InjectedFault> log() {
        synchronized (lock) {
            return List.copyOf(log);
        }
    }
}
