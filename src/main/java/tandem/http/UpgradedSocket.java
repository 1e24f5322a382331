package tandem.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

import java.util.Optional;

/**
 * A WebSocket endpoint as the {@link ConnectionGuard} sees it: an upgrade is a whole request, so
 * its connection stops being timed as one that has sent nothing (WebSocket upgrades skip the
 * HTTP filters that tell the guard about other requests).
 */
final class UpgradedSocket implements WsListener {
    private final WsListener target;
    private final ConnectionGuard guard;

    UpgradedSocket(WsListener target, ConnectionGuard guard) {
        this.target = target;
        this.guard = guard;
    }

    @Override
    public void onOpen(WsSession session) {
        guard.requestArrived(session.socketContext().remotePeer().address());
        target.onOpen(session);
    }

    @Override public void onMessage(WsSession s, String text, boolean last) { target.onMessage(s, text, last); }
    @Override public void onMessage(WsSession s, BufferData buffer, boolean last) { target.onMessage(s, buffer, last); }
    @Override public void onPing(WsSession s, BufferData buffer) { target.onPing(s, buffer); }
    @Override public void onPong(WsSession s, BufferData buffer) { target.onPong(s, buffer); }
    @Override public void onClose(WsSession s, int status, String reason) { target.onClose(s, status, reason); }
    @Override public void onError(WsSession s, Throwable t) { target.onError(s, t); }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        return target.onHttpUpgrade(prologue, headers);
    }
}
