package tandem.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who a request comes from when reverse proxies stand in front: the peer itself, unless the peer is
 * a trusted proxy; then the right-most X-Forwarded-For address that is not a trusted proxy. Each
 * proxy appends the address it got the request from, so only the right end of the list was written
 * by proxies we trust: anything left of the first untrusted hop may be the client's own invention.
 */
public final class TrustedProxies {
    private final List<Cidr> blocks = new ArrayList<>();

    /** @param entries IP addresses or CIDR blocks (the `trusted_proxies` setting); a malformed one is refused */
    public TrustedProxies(List<String> entries) {
        for (String entry : entries) {
            try {
                blocks.add(Cidr.parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trusted_proxies: '" + entry + "' is not an IP address or CIDR block", e);
            }
        }
    }

    /** The client's address, given the socket's peer and the X-Forwarded-For header lines in order. */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) hops.addAll(List.of(line.split(",")));
        for (int i = hops.size() - 1; i >= 0 && trusted(client); i--) {
            Optional<InetAddress> hop = address(hops.get(i).strip());
            // A hop no proxy would write: stop at the last address a trusted proxy vouched for.
            if (hop.isEmpty()) return client;
            client = hop.get();
        }
        // When every hop is a trusted proxy the left-most one stands for the client.
        return client;
    }

    public boolean trusted(InetAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) return true;
        }
        return false;
    }

    /** An IP literal, allowing the port some proxies add (`1.2.3.4:5678`, `[::1]:5678`); never a DNS lookup. */
    private static Optional<InetAddress> address(String hop) {
        String bare = hop;
        if (hop.startsWith("[") && hop.contains("]")) {
            bare = hop.substring(1, hop.indexOf(']'));
        } else if (hop.indexOf(':') > 0 && hop.indexOf(':') == hop.lastIndexOf(':')) {
            bare = hop.substring(0, hop.indexOf(':'));
        }
        try {
            return Optional.of(Cidr.literal(bare));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
