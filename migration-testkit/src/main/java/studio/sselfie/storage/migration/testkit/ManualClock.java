package studio.sselfie.storage.migration.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock moved by hand, to let a dead runner's lock lease expire without waiting. Thread-safe. */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public ManualClock(Instant start) {
        this.now = new AtomicReference<>(requireNonNull(start, "start is null"));
    }

    /** A clock standing at the system clock's present instant. */
    public static ManualClock atNow() {
        return new ManualClock(Instant.now());
    }

    /** Moves the clock forward by {@code duration}. */
    public void advance(Duration duration) {
        requireNonNull(duration, "duration is null");
        now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
