package tandem.mirror.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's counters on the hot path: every media response adds its body bytes to an in-memory
 * sum per (video, origin host, hour), and a flusher adds those sums to `served_bytes` every few
 * seconds and on a clean stop. A media response costs one map merge (a lock on one bin of a
 * concurrent map, so requests for different videos do not wait on each other), never a query.
 *
 * <p>What a crash can lose: only what was counted since the last flush (at most one interval,
 * `ledger_flush_seconds`). What was flushed is in the database for good: flushes only add. A sum is
 * taken out of the map atomically before it is written, so no byte is written twice; if the write
 * fails, the sums go back into the map for the next try.
 *
 * <p>Not a durable job: the counts live only in this process's memory, so a job in the shared table
 * could not carry them anywhere, and one every few seconds would only fill that table.
 */
public final class ServedCounter implements ServedBytes, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServedCounter.class);
    private static final long HOUR = 3_600_000L;

    private record Key(String videoUuid, String originHost, long hourStart) {}

    private final ConcurrentHashMap<Key, Long> pending = new ConcurrentHashMap<>();
    private final ServedBytesStore store;
    private final Clock clock;
    private ScheduledExecutorService flusher;

    public ServedCounter(ServedBytesStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void count(String videoUuid, String originHost, long bytes) {
        if (bytes <= 0 || videoUuid == null || originHost == null) return;
        long now = clock.millis();
        pending.merge(new Key(videoUuid, originHost, now - Math.floorMod(now, HOUR)), bytes, Long::sum);
    }

    /** Starts flushing every {@code every} on a thread of its own. */
    public synchronized ServedCounter start(Duration every) {
        if (flusher != null) return this;
        flusher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ledger-flush").daemon().factory());
        long ms = Math.max(100, every.toMillis());
        flusher.scheduleWithFixedDelay(this::flushQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Adds every pending sum to the database; returns how many rows it wrote. */
    public synchronized int flush() {
        if (pending.isEmpty()) return 0;
        List<ServedBytesStore.Row> rows = new ArrayList<>();
        for (Key k : List.copyOf(pending.keySet())) {
            Long bytes = pending.remove(k); // atomic: a concurrent merge lands either in this sum or in a new entry
            if (bytes != null && bytes > 0) rows.add(new ServedBytesStore.Row(k.videoUuid(), k.originHost(), k.hourStart(), bytes));
        }
        try {
            store.add(rows);
        } catch (RuntimeException e) {
            for (ServedBytesStore.Row r : rows) pending.merge(new Key(r.videoUuid(), r.originHost(), r.hourStart()), r.bytes(), Long::sum);
            throw e;
        }
        return rows.size();
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not write the served-bytes counters; kept in memory for the next try", e);
        }
    }

    /** Stops the flusher and writes what is left: called on a clean stop, before the database closes. */
    @Override
    public void close() {
        synchronized (this) {
            if (flusher != null) flusher.shutdownNow();
        }
        flushQuietly();
    }
}
