package tandem.account;

import org.junit.jupiter.api.Test;
import tandem.core.Problem;
import tandem.testing.TestClock;

import java.net.InetAddress;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The throttle's keys: what counts as one address and as one account (the HTTP story is in LoginLimitsTest). */
class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle(3, 100, Duration.ofMinutes(5), new TestClock());

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }

    @Test
    void an_ipv6_client_counts_per_64_so_it_cannot_rotate_through_its_own_block() {
        for (int i = 1; i <= 3; i++) throttle.begin(ip("2001:db8:0:7::" + i), "nobody");
        assertThatThrownBy(() -> throttle.begin(ip("2001:db8:0:7:ffff::1"), "nobody"))
                .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(429));
        assertThatCode(() -> throttle.begin(ip("2001:db8:0:8::1"), "nobody")).doesNotThrowAnyException();
    }

    @Test
    void a_right_password_gives_the_address_its_attempt_back() {
        for (int i = 0; i < 10; i++) {
            throttle.begin(ip("198.51.100.9"), "ann");
            throttle.succeeded(ip("198.51.100.9"), "ann");
        }
        assertThatCode(() -> throttle.begin(ip("198.51.100.9"), "ann")).doesNotThrowAnyException();
    }

    @Test
    void names_differing_only_in_case_are_one_account() {
        LoginThrottle strict = new LoginThrottle(100, 2, Duration.ofMinutes(5), new TestClock());
        strict.begin(ip("198.51.100.1"), "Ann");
        strict.begin(ip("198.51.100.2"), "ANN");
        assertThatThrownBy(() -> strict.begin(ip("198.51.100.3"), "ann")).isInstanceOf(Problem.class);
        assertThat(LoginThrottle.addressKey(ip("198.51.100.3"))).isEqualTo("198.51.100.3");
    }
}
