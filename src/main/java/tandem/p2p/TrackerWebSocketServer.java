package tandem.p2p;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.net.AcceptBackoff;
import tandem.net.ConnectionGate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * An optional second listener (`TANDEM_TRACKER_PORT`) that serves only the WebTorrent tracker's
 * WebSocket, `/tracker/socket`, on a few NIO selector threads instead of a thread and Helidon's
 * buffers per connection: a tracker holds many mostly idle sockets and relays small frames, so
 * per-connection memory and per-frame overhead are what count. It speaks RFC 6455 itself
 * (handshake, masking, fragmentation, ping/pong, close, size limits; no extensions, Origin not
 * required) and hands text messages to the same {@link Tracker} as the main port's `/tracker/socket`,
 * so both share swarms, limits and bans. Frames to one socket that are produced while one batch of
 * ready sockets is handled go out in one write.
 */
public final class TrackerWebSocketServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TrackerWebSocketServer.class);

    private final String host;
    private final int port;
    private final Tracker tracker;
    private final long idleMillis;
    private final TrackerSelectorLoop[] loops;
    private final ConnectionGate gate;
    private final long handshakeMillis;
    private final AcceptBackoff backoff = new AcceptBackoff("tracker");
    private SelectionKey acceptKey;
    private long acceptPausedUntil;
    private ServerSocketChannel server;
    private volatile boolean closed;
    private int nextLoop;

    /**
     * @param idle a socket that sends nothing for this long is closed (the tracker forgets its peers after it anyway)
     * @param handshake a socket must complete its WebSocket handshake within this long
     */
    public TrackerWebSocketServer(String host, int port, Tracker tracker, Duration idle, ConnectionGate gate, Duration handshake) {
        this.host = host;
        this.port = port;
        this.tracker = tracker;
        this.idleMillis = idle.toMillis();
        this.gate = gate;
        this.handshakeMillis = handshake.toMillis();
        this.loops = new TrackerSelectorLoop[Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))];
    }

    /**
     * Selector loops without a port of their own, for sockets the main port hands over
     * ({@link #adopt}); each socket counts against the main port's gate, so there is none here.
     */
    public static TrackerWebSocketServer withoutPort(Tracker tracker, Duration idle, Duration handshake) {
        return new TrackerWebSocketServer(null, -1, tracker, idle, null, handshake);
    }

    /** Binds the port and starts the loops; without a port, the loops start with the first socket handed over. */
    public TrackerWebSocketServer start() throws IOException {
        if (port < 0) return this;
        server = ServerSocketChannel.open();
        server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        server.bind(new InetSocketAddress(host, port), 4096);
        server.configureBlocking(false);
        for (int i = 0; i < loops.length; i++) loops[i] = new TrackerSelectorLoop(this, i, idleMillis);
        acceptKey = server.register(loops[0].selector, SelectionKey.OP_ACCEPT);
        for (TrackerSelectorLoop l : loops) l.thread.start();
        log.info("tracker WebSocket listener on port {} ({} selector threads)", port(), loops.length);
        return this;
    }

    /** The listening port, -1 without one. */
    public int port() {
        return server == null ? -1 : ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
    }

    /**
     * Takes over a socket another listener accepted, with the bytes it already read (the upgrade
     * request's head): from here the socket is this server's, answered and closed by its loops.
     * @param onClose run once when the socket closes
     */
    public void adopt(SocketChannel ch, byte[] received, Runnable onClose) throws IOException {
        ch.configureBlocking(false);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        TrackerSelectorLoop owner;
        synchronized (this) {
            if (closed) throw new IOException("the tracker is closed");
            if (loops[0] == null) { // an instance nobody announces to keeps neither the threads nor their buffers
                for (int i = 0; i < loops.length; i++) loops[i] = new TrackerSelectorLoop(this, i, idleMillis);
                for (TrackerSelectorLoop l : loops) l.thread.start();
            }
            owner = loops[nextLoop++ % loops.length];
        }
        owner.adopt(new TrackerConnection(owner, ch, tracker, onClose, received));
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        try {
            if (server != null) server.close();
        } catch (IOException ignored) {
        }
        for (TrackerSelectorLoop l : loops) if (l != null) l.selector.wakeup();
        for (TrackerSelectorLoop l : loops) {
            if (l == null) continue;
            try {
                l.thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    long handshakeMillis() {
        return handshakeMillis;
    }

    /**
     * Accepts every pending socket (on the first loop's thread) and deals them out to the loops in
     * turn. An accept error (out of file descriptors) stops accepting for a moment, not for good:
     * {@link #resumeAccepting} turns it back on.
     */
    void acceptAll() {
        SocketChannel ch;
        try {
            while ((ch = server.accept()) != null) {
                backoff.succeeded();
                ConnectionGate.Admitted a = gate.admit(ch);
                if (a == null) {
                    ch.close();
                    continue;
                }
                try {
                    ch.configureBlocking(false);
                    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                } catch (IOException e) {
                    gate.release(a);
                    ch.close();
                    continue;
                }
                TrackerSelectorLoop owner = loops[nextLoop++ % loops.length];
                owner.adopt(new TrackerConnection(owner, ch, tracker, () -> gate.release(a)));
            }
        } catch (IOException e) {
            if (closed || !server.isOpen()) return;
            acceptPausedUntil = System.currentTimeMillis() + backoff.pause(e);
            acceptKey.interestOps(0);
        }
    }

    /** The loop whose selector accepts, null without a port. */
    TrackerSelectorLoop acceptingLoop() {
        return server == null ? null : loops[0];
    }

    /**
     * Called by the accepting loop on every turn: accepts again once a pause is over.
     * @return how long the pause still lasts, 0 when accepting
     */
    long resumeAccepting(long now) {
        if (acceptPausedUntil == 0) return 0;
        if (now < acceptPausedUntil) return acceptPausedUntil - now;
        acceptPausedUntil = 0;
        if (acceptKey.isValid()) acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        return 0;
    }
}
