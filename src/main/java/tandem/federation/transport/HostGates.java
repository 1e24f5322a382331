package tandem.federation.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests in flight towards each remote host: at most `perHost` at once, a short line behind them
 * served first come, first served (activities to one inbox keep their order), and beyond that line
 * the caller is told to come back later rather than sit on a delivery slot that deliveries to other
 * hosts could use: a host with hundreds of slow inboxes must not hold up everyone else's.
 */
public final class HostGates {
    private final int perHost;
    private final int maxWaiting;
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();

    private static final class Gate {
        final Semaphore permits;
        final AtomicInteger waiting = new AtomicInteger();

        Gate(int permits) {
            this.permits = new Semaphore(permits, true);
        }
    }

    public HostGates(int perHost, int maxWaiting) {
        this.perHost = perHost;
        this.maxWaiting = maxWaiting;
    }

    /** Enters the host's gate, waiting in its line if there is room; false when the line is full. */
    public boolean enter(String host) throws InterruptedException {
        Gate g = gates.computeIfAbsent(host, h -> new Gate(perHost));
        if (g.permits.tryAcquire(0, TimeUnit.SECONDS)) return true; // the timed form keeps the line's order
        if (g.waiting.incrementAndGet() > maxWaiting) {
            g.waiting.decrementAndGet();
            return false;
        }
        try {
            g.permits.acquire();
            return true;
        } finally {
            g.waiting.decrementAndGet();
        }
    }

    /** Leaves a gate entered with {@link #enter}. */
    public void leave(String host) {
        gates.get(host).permits.release();
    }
}
