package tandem.core;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts attempts per key in a sliding window: logins per client IP (PeerTube: 15 per 5 minutes),
 * remote lookups per user. In memory by design: losing the counters on restart only forgives a few
 * attempts. Bounded to 100k keys.
 */
public final class SlidingWindowLimiter {
    private static final int MAX_TRACKED = 100_000;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Long>> attempts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> e) {
            return size() > MAX_TRACKED;
        }
    };

    public SlidingWindowLimiter(int limit, Duration window, Clock clock) {
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Records an attempt; false when this key has used up its attempts for the window. */
    public synchronized boolean tryAcquire(String key) {
        long now = clock.millis();
        Deque<Long> q = attempts.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst() <= now - window.toMillis()) q.pollFirst();
        if (q.size() >= limit) return false;
        q.addLast(now);
        return true;
    }

    /** Seconds until the oldest attempt leaves the window, for `Retry-After`. */
    public synchronized long retryAfterSeconds(String key) {
        Deque<Long> q = attempts.get(key);
        if (q == null || q.isEmpty()) return 0;
        return Math.max(1, (q.peekFirst() + window.toMillis() - clock.millis()) / 1000);
    }
}
