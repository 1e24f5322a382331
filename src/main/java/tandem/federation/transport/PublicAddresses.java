package tandem.federation.transport;

import tandem.net.Cidr;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Tells public Internet addresses from the ones a remote actor must never make us reach: our own
 * host, the LAN, cloud metadata endpoints (169.254.169.254), carrier NAT, multicast and reserved space.
 */
public final class PublicAddresses {
    private static final List<Cidr> NON_PUBLIC_V4 = blocks(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4");
    private static final List<Cidr> NON_PUBLIC_V6 = blocks(
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8", "2001:db8::/32", "100::/64");
    /**
     * IPv6 forms that carry an IPv4 address a router may deliver to: judge the embedded address.
     * IPv4-mapped ::ffff:a.b.c.d needs no entry: the JDK always turns it into an Inet4Address.
     */
    private static final List<Cidr> EMBEDS_V4_AT_12 = blocks("::/96", "64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private PublicAddresses() {}

    /** Whether an address is routable on the public Internet; pure, no DNS. */
    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address) {
            if (NON_PUBLIC_V6.stream().anyMatch(block -> block.contains(address))) {
                return false;
            }
            byte[] bytes = address.getAddress();
            for (Cidr block : EMBEDS_V4_AT_12) {
                if (block.contains(address)) {
                    return isPublic(v4(Arrays.copyOfRange(bytes, 12, 16)));
                }
            }
            if (SIX_TO_FOUR.contains(address)) {
                return isPublic(v4(Arrays.copyOfRange(bytes, 2, 6)));
            }
            return true;
        }
        return NON_PUBLIC_V4.stream().noneMatch(block -> block.contains(address));
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static List<Cidr> blocks(String... cidrs) {
        return Arrays.stream(cidrs).map(Cidr::parse).toList();
    }
}
