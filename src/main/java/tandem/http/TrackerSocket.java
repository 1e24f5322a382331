package tandem.http;

import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.p2p.PeerConnection;
import tandem.p2p.Tracker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** `/tracker/socket`: adapts Helidon WebSocket sessions to the tracker's peer connections. */
public final class TrackerSocket implements WsListener {
    private static final Logger log = LoggerFactory.getLogger(TrackerSocket.class);
    private static final int MAX_FRAGMENTED_CHARS = 256 * 1024;

    private final Tracker tracker;
    private final Map<WsSession, SessionPeer> peers = new ConcurrentHashMap<>();

    public TrackerSocket(Tracker tracker) {
        this.tracker = tracker;
    }

    /** One session; sends are serialized because several threads may relay to the same peer. */
    private static final class SessionPeer implements PeerConnection {
        private final WsSession session;
        private final String ip;
        private final StringBuilder partial = new StringBuilder();
        private volatile boolean closed;

        SessionPeer(WsSession session) {
            this.session = session;
            this.ip = session.socketContext().remotePeer().host();
        }

        @Override
        public String ip() {
            return ip;
        }

        @Override
        public synchronized void send(String json) {
            if (closed) return;
            try {
                session.send(json, true);
            } catch (RuntimeException e) {
                closed = true;
                log.debug("tracker send to {} failed: {}", ip, e.getMessage());
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
