package tandem.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Caps the connections one listener holds, in total and per client address. Every listener and
 * every file Tandem opens share one table of file descriptors: without caps, idle sockets from a
 * couple of addresses fill it, and then nothing else can be opened — not a file, not a database
 * connection, not the next visitor's socket. With them, a flood from a few addresses is refused at
 * the door while everyone else still gets in.
 *
 * Trusted proxies have no cap of their own: every visitor of an instance behind a reverse proxy
 * arrives from the proxy's address.
 *
 * A listener that learns when its connections close calls {@link #release}; one that does not
 * (Helidon's) relies on the gate noticing closed channels itself, which it does on every admission
 * from the same address and in a sweep of all addresses before refusing for the total.
 */
public final class ConnectionGate {
    private static final Logger log = LoggerFactory.getLogger(ConnectionGate.class);
    private static final long REFUSAL_LOG_MILLIS = 60_000;

    private final String listener;
    private final ConnectionBudget budget;
    private final Predicate<InetAddress> proxy;
    private final Map<InetAddress, List<SocketChannel>> byAddress = new HashMap<>();
    private int total;
    private long refused;
    private long lastRefusalLog;

    /** @param proxy which addresses are trusted proxies, exempt from the per-address cap */
    public ConnectionGate(String listener, ConnectionBudget budget, Predicate<InetAddress> proxy) {
        this.listener = listener;
        this.budget = budget;
        this.proxy = proxy;
    }

    public ConnectionBudget budget() {
        return budget;
    }

    /** A connection let in, to hand back to {@link #release} when it closes. */
    public record Admitted(InetAddress from, SocketChannel channel) {}

    /** Counts a new connection in, or says no (null); a refused channel is left for the caller to close. */
    public synchronized Admitted admit(SocketChannel ch) {
        InetAddress from = peer(ch);
        if (from == null) return null; // already closed by the peer
        List<SocketChannel> mine = byAddress.computeIfAbsent(from, a -> new ArrayList<>());
        prune(mine);
        if (mine.size() >= budget.perAddress() && !proxy.test(from)) return refuse(from, budget.perAddress() + " per address");
        if (total >= budget.total()) {
            sweep();
            if (total >= budget.total()) return refuse(from, budget.total() + " in total");
        }
        mine.add(ch);
        total++;
        return new Admitted(from, ch);
    }

    /** A connection this listener has closed (or is about to). */
    public synchronized void release(Admitted a) {
        List<SocketChannel> mine = byAddress.get(a.from());
        if (mine != null && mine.remove(a.channel())) {
            total--;
            if (mine.isEmpty()) byAddress.remove(a.from());
        }
    }

    public synchronized int open() {
        return total;
    }

    public synchronized long refused() {
        return refused;
    }

    private void prune(List<SocketChannel> list) {
        int before = list.size();
        list.removeIf(c -> !c.isOpen());
        total -= before - list.size();
    }

    private void sweep() {
        for (var it = byAddress.values().iterator(); it.hasNext(); ) {
            List<SocketChannel> list = it.next();
            prune(list);
            if (list.isEmpty()) it.remove();
        }
    }

    private Admitted refuse(InetAddress from, String which) {
        refused++;
        long now = System.currentTimeMillis();
        // One line a minute however hard the flood: the log must not become the next thing to fill up.
        if (now - lastRefusalLog >= REFUSAL_LOG_MILLIS) {
            lastRefusalLog = now;
            log.warn("{} listener: refusing connections from {} (limit {} reached; {} refused so far; {} open)",
                    listener, from.getHostAddress(), which, refused, total);
        }
        return null;
    }

    private static InetAddress peer(SocketChannel ch) {
        try {
            return ch.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
