package tandem.http;

import io.helidon.common.Weight;
import io.helidon.http.Headers;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsUpgradeProvider;
import io.helidon.webserver.websocket.WsUpgrader;

/**
 * WebSocket upgrades from any Origin. Helidon accepts only same-origin upgrades unless origins are
 * listed, but `/tracker/socket` is a public tracker: players on other instances (ours and
 * PeerTube's) announce a video's swarm to its origin's tracker from their own pages. The socket
 * carries no credentials, so a foreign Origin gains nothing a direct client could not do.
 * Registered as a service with a higher weight than Helidon's own provider, which it replaces.
 */
@Weight(200)
public final class AnyOriginWsUpgradeProvider extends WsUpgradeProvider {
    @Override
    public Http1Upgrader create(WsConfig config, ProtocolConfigs configs) {
        return new AnyOrigin(config);
    }

    private static final class AnyOrigin extends WsUpgrader {
        AnyOrigin(WsConfig config) {
            super(config);
        }

        @Override
        protected void validateOrigin(Headers headers, String origin) {
            // every origin is welcome: see the class comment
        }
    }
}
