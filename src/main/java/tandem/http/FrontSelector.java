package tandem.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionProvider;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.util.List;
import java.util.Set;

/**
 * Puts a {@link FrontConnection} before Helidon's HTTP/1 on every connection of the main port.
 * Listed before the selectors Helidon discovers, it takes every connection.
 */
final class FrontSelector implements ServerConnectionSelector {
    private final ServerConnectionSelector http1 =
            new Http1ConnectionProvider().create("@default", Http1Config.create(), ProtocolConfigs.create(List.of()));
    private final FastPaths fast;
    private final ConnectionGuard guard;
    private final HttpMetrics metrics;

    FrontSelector(FastPaths fast, ConnectionGuard guard, HttpMetrics metrics) {
        this.fast = fast;
        this.guard = guard;
        this.metrics = metrics;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData request) {
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new FrontConnection(ctx, guard.channelOf(ctx.remotePeer().address()), fast, guard, metrics, http1);
    }
}
