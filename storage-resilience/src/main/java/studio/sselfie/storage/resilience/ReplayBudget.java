package studio.sselfie.storage.resilience;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all the replay buffers of one decorator may hold at once ({@link ResilienceConfig#replayBudgetBytes()}).
 * Never waits: a buffer that cannot grow stops keeping bytes instead, so no put blocks another. Thread-safe.
 */
final class ReplayBudget {
    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    ReplayBudget(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} of the budget if that many are left; false (and nothing taken) otherwise. */
    boolean tryReserve(long bytes) {
        long before;
        do {
            before = used.get();
            if (before + bytes > capacity) {
                return false;
            }
        } while (!used.compareAndSet(before, before + bytes));
        return true;
    }

    /** Gives back {@code bytes} taken with {@link #tryReserve(long)}. */
    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes taken now; for tests and metrics. */
    long used() {
        return used.get();
    }
}
