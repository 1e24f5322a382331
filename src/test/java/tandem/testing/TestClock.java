package tandem.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A UTC clock that runs with the real one plus an offset tests push forward, so a test that needs
 * "a second later" (a cache, an abandon delay, a new signature Date) advances it instead of sleeping;
 * it keeps running so job retries, leases and timeouts behave as in production.
 */
public final class TestClock extends Clock {
    private final AtomicLong offsetNanos = new AtomicLong();

    /** Moves this clock forward by {@code d} (never back: the app's windows and leases assume time only grows). */
    public void advance(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("a clock only moves forward: " + d);
        offsetNanos.addAndGet(d.toNanos());
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    @Override
    public long millis() {
        return System.currentTimeMillis() + offsetNanos.get() / 1_000_000;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.normalized().equals(ZoneOffset.UTC)) return this;
        throw new UnsupportedOperationException("the app runs on UTC, not " + zone);
    }
}
