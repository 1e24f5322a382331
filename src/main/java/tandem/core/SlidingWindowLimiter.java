package tandem.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * Counts attempts per key in a sliding window: failed logins per client address and per account,
 * password changes and remote lookups per user. In memory by design: losing the counters on restart
 * only forgives a few attempts. Bounded: keys whose attempts have all left the window are dropped as
 * new ones come, and past 100k keys the least recently used goes first.
 */
public final class SlidingWindowLimiter {
    private static final int MAX_TRACKED = 100_000;
    private final int limit;
    private final long windowMillis;
    private final Clock clock;
    /** In access order: the least recently used keys come first. */
    private final Map<String, Deque<Long>> attempts = Lru.map(MAX_TRACKED);

    public SlidingWindowLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** Records an attempt; false when this key has used up its attempts for the window. */
    public synchronized boolean tryAcquire(String key) {
        long now = clock.millis();
        dropExpired(now);
        Deque<Long> q = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst() <= now - windowMillis) q.pollFirst();
        if (q.size() >= limit) return false;
        q.addLast(now);
        return true;
    }

    /** Gives back the latest attempt of this key: it turned out not to count (e.g. a right password). */
    public synchronized void refund(String key) {
        Deque<Long> q = attempts.get(key);
        if (q == null) return;
        q.pollLast();
        if (q.isEmpty()) attempts.remove(key);
    }

    /** Forgets every attempt of this key. */
    public synchronized void forget(String key) {
        attempts.remove(key);
    }

    /** Seconds until the oldest attempt leaves the window, for `Retry-After`. */
    public synchronized long retryAfterSeconds(String key) {
        Deque<Long> q = attempts.get(key);
        if (q == null || q.isEmpty()) return 0;
        return Math.max(1, (q.peekFirst() + windowMillis - clock.millis() + 999) / 1000);
    }

    /** How many keys are held, for tests of the bound. */
    synchronized int tracked() {
        return attempts.size();
    }

    /**
     * Drops the keys whose attempts have all left the window. A key's last use is no earlier than its
     * last attempt, so in access order the expired keys gather at the front: stopping at the first
     * key still counting keeps this cheap enough to run on every attempt.
     */
    private void dropExpired(long now) {
        Iterator<Deque<Long>> it = attempts.values().iterator();
        while (it.hasNext()) {
            Deque<Long> q = it.next();
            if (!q.isEmpty() && q.peekLast() > now - windowMillis) return;
            it.remove();
        }
    }
}
