package tandem.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which address a request is counted against, behind zero, one or several proxies. */
class TrustedProxiesTest {
    private final TrustedProxies proxies = new TrustedProxies(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));

    private String client(String peer, String... forwardedFor) {
        return proxies.client(InetAddress.ofLiteral(peer), List.of(forwardedFor)).getHostAddress();
    }

    @Test
    void a_peer_that_is_no_trusted_proxy_is_the_client_whatever_it_forwards() {
        assertThat(client("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(client("127.0.0.2", "198.51.100.1")).isEqualTo("127.0.0.2");
    }

    @Test
    void behind_trusted_proxies_the_client_is_the_right_most_untrusted_hop() {
        assertThat(client("127.0.0.1")).as("no header").isEqualTo("127.0.0.1");
        assertThat(client("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(client("127.0.0.1", "6.6.6.6, 198.51.100.1")).as("the client wrote the left part").isEqualTo("198.51.100.1");
        assertThat(client("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.1.2.3")).as("through two proxies").isEqualTo("198.51.100.1");
        assertThat(client("127.0.0.1", "6.6.6.6", "198.51.100.1,10.1.2.3")).as("over several header lines").isEqualTo("198.51.100.1");
        assertThat(client("127.0.0.1", "10.9.9.9, 10.1.2.3")).as("only proxies: the left-most").isEqualTo("10.9.9.9");
        assertThat(client("fd00::1", "2001:db8::5")).isEqualTo("2001:db8:0:0:0:0:0:5");
    }

    @Test
    void ports_and_brackets_are_read_and_anything_else_stops_at_the_last_trusted_hop() {
        assertThat(client("127.0.0.1", "198.51.100.1:4711")).isEqualTo("198.51.100.1");
        assertThat(client("127.0.0.1", "[2001:db8::5]:4711")).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(client("127.0.0.1", "198.51.100.1, unknown")).isEqualTo("127.0.0.1");
        assertThat(client("127.0.0.1", "198.51.100.1, 10.1.2.3, evil.example")).isEqualTo("127.0.0.1");
        assertThat(client("127.0.0.1", "evil.example, 10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void a_malformed_setting_is_refused() {
        assertThatThrownBy(() -> new TrustedProxies(List.of("proxy.example"))).hasMessageContaining("trusted_proxies");
        assertThatThrownBy(() -> new TrustedProxies(List.of("10.0.0.0/33"))).hasMessageContaining("trusted_proxies");
    }
}
