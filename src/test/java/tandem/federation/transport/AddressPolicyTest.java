package tandem.federation.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
    private final AddressPolicy strict = new AddressPolicy(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "0.0.0.0", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
            "255.255.255.255", "224.0.0.1", "ff02::1", "::", "64:ff9b::a00:1", "2002:c0a8:101::1"})
    void private_and_special_addresses_are_not_public(String ip) {
        assertThat(PublicAddresses.isPublic(InetAddress.ofLiteral(ip))).as(ip).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888", "2002:808:808::1"})
    void public_addresses_are_public(String ip) {
        assertThat(PublicAddresses.isPublic(InetAddress.ofLiteral(ip))).as(ip).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/", "https://[::1]/", "https://10.1.2.3/", "https://172.16.0.1/",
            "https://192.168.1.1/", "https://169.254.169.254/latest/meta-data", "https://100.64.0.1/",
            "https://0.0.0.0/", "https://[fd00::1]/", "https://[::ffff:127.0.0.1]/"})
    void forbidden_urls_are_refused(String url) {
        assertThatThrownBy(() -> strict.check(URI.create(url)))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessageContaining("is not allowed: it is not a public address");
    }

    @Test
    void message_names_the_host_as_given_never_the_address_it_resolves_to() {
        assertThatThrownBy(() -> strict.check(URI.create("https://10.1.2.3/inbox")))
                .hasMessage("host 10.1.2.3 is not allowed: it is not a public address");
        assertThatThrownBy(() -> strict.check(URI.create("https://localhost:8443/inbox")))
                .hasMessage("host localhost is not allowed: it is not a public address");
    }

    @Test
    void public_ip_literals_pass_over_https() {
        assertThatCode(() -> strict.check(URI.create("https://8.8.8.8/actor"))).doesNotThrowAnyException();
        assertThatCode(() -> strict.check(URI.create("https://[2001:4860:4860::8888]/actor"))).doesNotThrowAnyException();
        assertThat(strict.allowed("8.8.8.8")).isTrue();
        assertThat(strict.allowed("2001:4860:4860::8888")).isTrue();
        assertThat(strict.allowed("10.1.2.3")).isFalse();
    }

    @Test
    void plain_http_is_refused_for_a_public_host_that_is_not_allow_listed() {
        assertThatThrownBy(() -> strict.check(URI.create("http://8.8.8.8/actor")))
                .isInstanceOf(ForbiddenAddressException.class)
                .hasMessage("plain http is only allowed to allow-listed hosts, not 8.8.8.8");
    }

    @Test
    void other_schemes_are_refused() {
        assertThatThrownBy(() -> strict.check(URI.create("file:///etc/passwd"))).isInstanceOf(ForbiddenAddressException.class);
        assertThatThrownBy(() -> strict.check(URI.create("ftp://8.8.8.8/x")))
                .hasMessage("scheme ftp is not allowed for federation: ftp://8.8.8.8/x");
    }

    @Test
    void allow_list_by_exact_ip_opens_http_and_private_address() {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1"));
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:8080/inbox"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.2:8080/inbox"))).isInstanceOf(ForbiddenAddressException.class);
    }

    @Test
    void allow_list_by_cidr() {
        AddressPolicy policy = new AddressPolicy(List.of(" 127.0.0.0/8 ", "::1/128"));
        assertThatCode(() -> policy.check(URI.create("http://127.0.3.7/inbox"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("https://[::1]:9000/inbox"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("http://10.0.0.1/"))).isInstanceOf(ForbiddenAddressException.class);
    }

    @Test
    void allow_list_by_name_skips_the_address_check() {
        AddressPolicy policy = new AddressPolicy(List.of("localhost"));
        assertThatCode(() -> policy.check(URI.create("http://localhost:1234/actor"))).doesNotThrowAnyException();
        assertThat(policy.allowed("localhost")).isTrue();
    }

    @Test
    void allow_list_by_host_and_port_opens_that_port_only() {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1:8080", "[::1]:9000"));
        assertThatCode(() -> policy.check(URI.create("http://127.0.0.1:8080/inbox"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://[::1]:9000/inbox"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("http://127.0.0.1:8081/inbox"))).isInstanceOf(ForbiddenAddressException.class);
    }

    @Test
    void malformed_allow_list_entries_are_rejected_at_start() {
        assertThatThrownBy(() -> new AddressPolicy(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed host entry is not a CIDR block: 10.0.0.0/33");
        assertThatThrownBy(() -> new AddressPolicy(List.of("example.org:http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("allowed host entry is not host:port: example.org:http");
    }
}
