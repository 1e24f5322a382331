package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import tandem.net.TrustedProxies;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** The address a request comes from, seen through the reverse proxies the `trusted_proxies` setting names. */
public final class ClientAddress {
    private final TrustedProxies proxies;

    public ClientAddress(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    public InetAddress of(ServerRequest req) {
        InetAddress peer = ((InetSocketAddress) req.remotePeer().address()).getAddress();
        return proxies.client(peer, req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of));
    }
}
