package tandem.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.p2p.PeerConnection;
import tandem.p2p.Tracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * `/tracker/socket`: adapts Helidon WebSocket sessions to the tracker's peer connections.
 * Helidon does not tell the listener when a client vanishes without a close frame (crash, lost
 * network), so a session whose send or ping fails is treated as closed: without that its peers
 * would stay in their swarms, still picked for offers, and the session would never be released.
 */
public final class TrackerSocket implements WsListener {
    private static final Logger log = LoggerFactory.getLogger(TrackerSocket.class);
    private static final int MAX_FRAGMENTED_CHARS = 256 * 1024;
    private static final long PING_IDLE_MILLIS = 60_000;

    private final Tracker tracker;
    private final Map<WsSession, SessionPeer> peers = new ConcurrentHashMap<>();

    public TrackerSocket(Tracker tracker) {
        this.tracker = tracker;
    }

    /** One session; sends are serialized because several threads may relay to the same peer. */
    private final class SessionPeer implements PeerConnection {
        private final WsSession session;
        private final String ip;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean closed;
        private volatile long lastMessage = System.currentTimeMillis();

        SessionPeer(WsSession session) {
            this.session = session;
            this.ip = session.socketContext().remotePeer().host();
        }

        @Override
        public String ip() {
            return ip;
        }

        @Override
        public void send(String json) {
            boolean failed = false;
            synchronized (this) {
                if (closed) return;
                try {
                    session.send(json, true);
                } catch (RuntimeException e) {
                    failed = true;
                    log.debug("tracker send to {} failed: {}", ip, e.getMessage());
                }
            }
            if (failed) gone(this);
        }

        /** Pings a session that has been silent for a while; false when it is gone. */
        boolean alive(long now) {
            if (now - lastMessage < PING_IDLE_MILLIS) return true;
            synchronized (this) {
                if (closed) return false;
                try {
                    session.ping(BufferData.empty());
                    return true;
                } catch (RuntimeException e) {
                    return false;
                }
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try {
                session.close(1000, "bye");
            } catch (RuntimeException e) {
                log.debug("tracker close of {} failed: {}", ip, e.getMessage());
            }
        }
    }

    /** A session that can no longer be written to: out of the tracker as if it had closed. */
    private void gone(SessionPeer p) {
        p.closed = true;
        if (peers.remove(p.session, p)) tracker.onClose(p);
    }

    /** Drops sessions that vanished without a close frame; the app calls it every minute. */
    public int sweep() {
        long now = System.currentTimeMillis();
        int dropped = 0;
        for (SessionPeer p : peers.values()) {
            if (!p.alive(now)) {
                gone(p);
                dropped++;
            }
        }
        return dropped;
    }

    @Override
    public void onOpen(WsSession session) {
        SessionPeer p = new SessionPeer(session);
        peers.put(session, p);
        tracker.onOpen(p);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        SessionPeer p = peers.get(session);
        if (p == null) return;
        p.lastMessage = System.currentTimeMillis();
        if (!last || !p.partial.isEmpty()) {
            p.partial.append(text);
            if (p.partial.length() > MAX_FRAGMENTED_CHARS) {
                p.partial.setLength(0);
                p.close();
                return;
            }
            if (!last) return;
            text = p.partial.toString();
            p.partial.setLength(0);
        }
        tracker.onMessage(p, text);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        SessionPeer p = peers.remove(session);
        if (p != null) tracker.onClose(p);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        log.debug("tracker socket error: {}", t.getMessage());
        onClose(session, 1011, "error");
    }
}
