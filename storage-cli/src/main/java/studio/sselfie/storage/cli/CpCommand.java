package studio.sselfie.storage.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.ListOptions;
import studio.sselfie.storage.ObjectInfo;
import studio.sselfie.storage.StorageBackend;

/**
 * {@code storage cp SRC DST}: one object, or every object under a prefix ({@code -r}, or a SRC ending in {@code /}),
 * within a store or across two, in parallel. Bodies stream from source to target; each copy is verified (size, and
 * the MD5 of the bytes sent against the target's ETag, or else the target read back and its SHA-256 compared). A copy
 * resumes: an object already at the target with the same size and MD5 ETag is skipped, so running the same command
 * again after an interruption copies only what is missing or different.
 */
@Command(name = "cp", description = "Copy an object or a prefix, within a store or across stores; resumable.")
final class CpCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(index = "0", paramLabel = "SRC", description = "Source store and key, or prefix.")
    String source;

    @Parameters(index = "1", paramLabel = "DST", description = "Target store and key, or prefix (ending in /).")
    String target;

    @Option(names = {"-r", "--recursive"}, description = "Copy every key under the SRC prefix.")
    boolean recursive;

    @Option(names = {"-p", "--parallel"}, paramLabel = "N", description = "Objects copied at once (default: ${DEFAULT-VALUE}).")
    int parallel = 8;

    @Override
    public Integer call() throws InterruptedException {
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("--parallel must be 1..256, was " + parallel);
        }
        Location from = Location.parse(source);
        Location to = Location.parse(target);
        boolean prefix = recursive || from.key().isEmpty() || from.key().endsWith("/");
        AtomicLong skipped = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (Stores stores = new Stores(); Progress progress = Progress.start(cli, "cp")) {
            StorageBackend src = stores.open(from);
            StorageBackend dst = stores.open(to);
            Transfer transfer = new Transfer(src, dst, from.store().equals(to.store()));
            if (!prefix) {
                String key = to.isPrefix() ? to.key() + from.key().substring(from.key().lastIndexOf('/') + 1) : to.key();
                ObjectInfo info = src.head(from.key()).orElseThrow(() -> new IllegalArgumentException(
                        "no object at " + from + " (a prefix ends in / or takes -r)"));
                report(transfer.copy(info, key), info, key, progress, skipped, failed);
            } else {
                copyPrefix(src, from, to, transfer, progress, skipped, failed);
            }
            summary(progress, skipped.get(), failed.get());
        }
        return failed.get() == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    private void copyPrefix(StorageBackend src, Location from, Location to, Transfer transfer, Progress progress,
            AtomicLong skipped, AtomicLong failed) throws InterruptedException {
        String targetPrefix = to.key().isEmpty() || to.key().endsWith("/") ? to.key() : to.key() + "/";
        ExecutorService workers = Executors.newFixedThreadPool(parallel);
        // At most 2 x parallel listed objects wait for a worker: memory stays flat whatever the object count.
        Semaphore queued = new Semaphore(2 * parallel);
        try {
            for (var objects = src.list(ListOptions.prefix(from.key())).iterator(); objects.hasNext(); ) {
                ObjectInfo info = objects.next();
                String key = targetPrefix + info.key().substring(from.key().length());
                queued.acquire();
                workers.execute(() -> {
                    try {
                        report(transfer.copy(info, key), info, key, progress, skipped, failed);
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        cli.err.println("storage cp: " + info.key() + ": " + e.getMessage());
                    } finally {
                        queued.release();
                    }
                });
            }
        } finally {
            workers.shutdown();
            workers.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
        }
    }

    private void report(Transfer.Outcome outcome, ObjectInfo info, String key, Progress progress, AtomicLong skipped,
            AtomicLong failed) {
        switch (outcome) {
            case COPIED -> progress.done(info.size());
            case SKIPPED -> skipped.incrementAndGet();
            case MISMATCH -> {
                failed.incrementAndGet();
                cli.err.println("storage cp: " + info.key() + " -> " + key + ": the copy does not match the source");
            }
            default -> throw new IllegalStateException("outcome " + outcome);
        }
        if (cli.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("source", info.key());
            line.put("target", key);
            line.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
            line.put("size", info.size());
            synchronized (cli.out) {
                cli.out.println(Json.line(line));
            }
        }
    }

    private void summary(Progress progress, long skipped, long failed) {
        String text = "copied " + progress.objects() + " objects (" + Progress.human(progress.bytes()) + ") in "
                + progress.elapsed().toMillis() + " ms, " + skipped + " already there, " + failed + " failed";
        if (cli.json) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("copied", progress.objects());
            line.put("bytes", progress.bytes());
            line.put("skipped", skipped);
            line.put("failed", failed);
            line.put("millis", progress.elapsed().toMillis());
            cli.out.println(Json.line(line));
        } else if (!cli.quiet) {
            cli.err.println(text);
        }
    }
}
