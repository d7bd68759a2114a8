package studio.sselfie.storage.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of long work (objects and bytes) on stderr: a live bar on a terminal, a plain line every few seconds
 * otherwise, nothing with {@code --quiet} or {@code --json}. Thread-safe.
 */
final class Progress implements AutoCloseable {
    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();

    private final String task;
    private final PrintStream err;
    private final ProgressBar bar;
    private final boolean lines;
    private final AtomicLong objects = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile long lastLine = System.nanoTime();

    private Progress(String task, PrintStream err, ProgressBar bar, boolean lines) {
        this.task = task;
        this.err = err;
        this.bar = bar;
        this.lines = lines;
    }

    static Progress start(StorageCli cli, String task) {
        if (cli.quiet || cli.json) {
            return new Progress(task, cli.err, null, false);
        }
        if (cli.terminal) {
            ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(-1)
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" objects", 1).showSpeed().build();
            return new Progress(task, cli.err, bar, false);
        }
        return new Progress(task, cli.err, null, true);
    }

    /** One more object of {@code size} bytes done. */
    void done(long size) {
        long count = objects.incrementAndGet();
        long total = bytes.addAndGet(size);
        if (bar != null) {
            bar.stepTo(count);
            bar.setExtraMessage(human(total));
        } else if (lines && System.nanoTime() - lastLine > LINE_EVERY_NANOS) {
            lastLine = System.nanoTime();
            err.println(task + ": " + count + " objects, " + human(total) + ", " + rate(count) + " objects/s");
        }
    }

    long objects() {
        return objects.get();
    }

    long bytes() {
        return bytes.get();
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private String rate(long count) {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return String.format("%.1f", count / seconds);
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
