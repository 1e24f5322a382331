package tandem.federation.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tandem.net.Cidr;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard for outbound federation requests. Remote actors choose the URLs we fetch (actor ids,
 * inboxes, redirects), so by default we only speak https to hosts whose every address is public. The
 * allow-list ({@code TANDEM_FEDERATION_ALLOWED_HOSTS}: host names, IPs, {@code host:port} or CIDR
 * blocks) opens private addresses and plain http for test and LAN setups.
 *
 * <p>Resolving here and connecting later leaves a DNS-rebinding window: inbox POSTs connect to the
 * addresses {@link #addresses} checked; fetches go through the JDK HttpClient, which resolves again.
 *
 * <p>Refusals name the host as given, never what it resolved to: their text reaches whoever made us
 * try (an inbox signer's keyId, a handle typed into search), and the addresses behind internal names
 * are the map an attacker is after. The address goes to the debug log for the admin.
 */
public final class AddressPolicy {
    private static final Logger log = LoggerFactory.getLogger(AddressPolicy.class);
    private final Set<String> names = new HashSet<>();
    private final Set<String> hostPorts = new HashSet<>();
    private final List<Cidr> blocks = new ArrayList<>();

    /** @param allowList entries as configured; blank entries are ignored, malformed ones rejected */
    public AddressPolicy(List<String> allowList) {
        for (String raw : allowList) {
            String entry = raw.strip().toLowerCase(Locale.ROOT);
            if (!entry.isEmpty()) {
                add(entry);
            }
        }
    }

    /** Throws ForbiddenAddressException unless a request to this URL is allowed. */
    public void check(URI uri) {
        checked(uri, false);
    }

    /**
     * As {@link #check}, and the addresses a request may connect to: the very ones checked, so that
     * no second lookup can answer differently (DNS rebinding).
     */
    public List<InetAddress> addresses(URI uri) {
        return List.of(checked(uri, true));
    }

    /** The checked addresses; null for an allow-listed host when `resolveListed` is false. */
    private InetAddress[] checked(URI uri, boolean resolveListed) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new ForbiddenAddressException("URL has no host: " + uri);
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new ForbiddenAddressException("scheme " + scheme + " is not allowed for federation: " + uri);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (listedHost(bare.toLowerCase(Locale.ROOT), port)) {
            return resolveListed ? resolve(bare) : null;
        }
        InetAddress[] addresses = resolve(bare);
        if (scheme.equals("http") && !allListed(addresses)) {
            throw new ForbiddenAddressException("plain http is only allowed to allow-listed hosts, not " + host);
        }
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address) && !listed(address)) {
                log.debug("refused {}: it resolves to {}", host, address.getHostAddress());
                throw new ForbiddenAddressException("host " + host + " is not allowed: it is not a public address");
            }
        }
        return addresses;
    }

    /** Whether an https request to this host (on the default port) would pass {@link #check}. */
    public boolean allowed(String host) {
        try {
            check(URI.create("https://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + "/"));
            return true;
        } catch (ForbiddenAddressException | IllegalArgumentException e) {
            return false;
        }
    }

    private void add(String entry) {
        if (entry.contains("/")) {
            blocks.add(parseBlock(entry));
        } else if (Cidr.isLiteral(entry)) {
            blocks.add(Cidr.parse(entry));
        } else if (entry.startsWith("[") || entry.chars().filter(c -> c == ':').count() == 1) {
            int colon = entry.lastIndexOf(':');
            String host = entry.substring(0, colon);
            try {
                hostPorts.add((host.startsWith("[") ? host.substring(1, host.length() - 1) : host)
                        + ":" + Integer.parseInt(entry.substring(colon + 1)));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("allowed host entry is not host:port: " + entry, e);
            }
        } else {
            names.add(entry);
        }
    }

    private static Cidr parseBlock(String entry) {
        try {
            return Cidr.parse(entry);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed host entry is not a CIDR block: " + entry, e);
        }
    }

    /** Whether an allow-list entry names this host: by name, name:port, or as an IP literal in a block. */
    private boolean listedHost(String host, int port) {
        return names.contains(host)
                || hostPorts.contains(host + ":" + port)
                || (Cidr.isLiteral(host) && listed(Cidr.literal(host)));
    }

    private boolean listed(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    private boolean allListed(InetAddress[] addresses) {
        for (InetAddress address : addresses) {
            if (!listed(address)) {
                return false;
            }
        }
        return addresses.length > 0;
    }

    private static InetAddress[] resolve(String host) {
        try {
            // IP literals never reach DNS; names do, and every address they give must pass.
            return Cidr.isLiteral(host) ? new InetAddress[] {Cidr.literal(host)} : InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new ForbiddenAddressException("cannot resolve " + host, e);
        }
    }
}
