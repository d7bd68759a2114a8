package studio.sselfie.storage.migration;

import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import studio.sselfie.storage.migration.internal.WorkItem;

/**
 * Runs the units of one transform call on up to {@code concurrency} threads (the caller's alone for 1), handing out at
 * most four units per thread ahead so a long work list is not turned into millions of queued tasks. Stops handing out units at the first failure,
 * waits for the running ones, and throws that failure. Counts what changed and reports progress after every unit.
 */
final class UnitRunner {
    /** A unit the journal says is done (by a crashed run). */
    static final long SKIPPED = -1;
    /** A unit that had nothing to change. */
    static final long UNCHANGED = -2;

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** One unit: returns the bytes it wrote, or {@link #SKIPPED} / {@link #UNCHANGED}. */
    @FunctionalInterface
    interface Unit {
        long run(WorkItem item);
    }

    private final StepContext step;
    private final String operation;
    private final AtomicLong objectsDone = new AtomicLong();
    private final AtomicLong bytesDone = new AtomicLong();
    private final AtomicLong changed = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    UnitRunner(StepContext step, String operation) {
        this.step = step;
        this.operation = operation;
    }

    /**
     * Runs {@code unit} for every item.
     *
     * @return objects changed by this run
     */
    long run(List<WorkItem> items, Unit unit) {
        long objectsTotal = items.size();
        long bytesTotal = items.stream().mapToLong(WorkItem::size).sum();
        step.report(new Progress(operation, 0, objectsTotal, 0, bytesTotal));
        int concurrency = Math.min(step.settings().concurrency(), Math.max(1, items.size()));
        if (concurrency == 1) {
            for (WorkItem item : items) {
                runOne(item, unit, objectsTotal, bytesTotal);
                if (failure.get() != null) {
                    throw failure.get();
                }
            }
            return changed.get();
        }
        // The caller only hands out units, each once a slot is free; the workers never wait for the caller to finish
        // a unit of its own (as with a caller-runs policy), and the queue never holds more than a few units per thread.
        Semaphore slots = new Semaphore(concurrency * 4);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), runnable -> {
                    Thread thread = new Thread(runnable, "migration-worker-" + THREADS.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        boolean interrupted = false;
        try {
            for (WorkItem item : items) {
                if (failure.get() != null) {
                    break;
                }
                try {
                    slots.acquire();
                } catch (InterruptedException e) {
                    failure.compareAndSet(null, new MigrationException(operation + " was interrupted", e));
                    interrupted = true;
                    break;
                }
                pool.execute(() -> {
                    try {
                        runOne(item, unit, objectsTotal, bytesTotal);
                    } finally {
                        slots.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return changed.get();
    }

    private void runOne(WorkItem item, Unit unit, long objectsTotal, long bytesTotal) {
        if (failure.get() != null) {
            return;
        }
        long written;
        try {
            written = unit.run(item);
        } catch (RuntimeException e) {
            step.failedAt(item.source());
            failure.compareAndSet(null, e);
            return;
        }
        step.completed(item.source());
        if (written >= 0) {
            changed.incrementAndGet();
            step.countChange(written);
        }
        // Counted and reported under one lock, so the listener hears the counts in order whatever the threads do.
        synchronized (objectsDone) {
            long objects = objectsDone.incrementAndGet();
            long bytes = bytesDone.addAndGet(item.size());
            step.report(new Progress(operation, objects, objectsTotal, bytes, bytesTotal));
        }
    }

    private void awaitQuietly(ThreadPoolExecutor pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                // Queued units stop at the failure flag; wait for running ones so nothing writes after the step ends.
                failure.compareAndSet(null, new MigrationException(operation + " was interrupted", e));
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
