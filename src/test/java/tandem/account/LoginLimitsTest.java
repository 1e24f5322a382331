package tandem.account;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The login limit counts failed logins only, per client (behind a trusted proxy, the address it
 * forwards) and per account, so neither a shared proxy address nor many addresses defeat it.
 * Each test uses its own addresses and accounts; the clock is advanced instead of waiting out windows.
 */
class LoginLimitsTest {
    private static final int PER_ADDRESS = 5;
    private static final int PER_ACCOUNT = 8;
    private static final Duration WINDOW = Duration.ofSeconds(300);
    private static TestInstance tandem;
    private static JsonNode oauthClient;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start(Map.of("login_attempts_per_window", String.valueOf(PER_ADDRESS),
                "login_account_attempts_per_window", String.valueOf(PER_ACCOUNT),
                "login_window_seconds", String.valueOf(WINDOW.toSeconds()),
                // 127.0.0.2 and the rest of 127/8 are then peers like any other.
                "trusted_proxies", "127.0.0.1"));
        TestClient admin = tandem.admin();
        for (String name : new String[] {"bob", "carol", "dave", "erin"}) {
            Response created = admin.postJson("/api/v1/users",
                    Map.of("username", name, "password", name + "-password", "email", name + "@example.org", "role", 2));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
        }
        oauthClient = tandem.client().get("/api/v1/oauth-clients/local").json();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    /** A password grant as sent through the proxy on 127.0.0.1, which says the client is `forwardedFor`. */
    private static Response login(String forwardedFor, String username, String password) {
        return login(tandem.client(), forwardedFor, username, password);
    }

    private static Response login(TestClient peer, String forwardedFor, String username, String password) {
        return token(peer, forwardedFor, Map.of("grant_type", "password", "username", username, "password", password));
    }

    private static Response token(TestClient peer, String forwardedFor, Map<String, String> grant) {
        Map<String, String> fields = new LinkedHashMap<>(grant);
        fields.put("client_id", oauthClient.get("client_id").asText());
        fields.put("client_secret", oauthClient.get("client_secret").asText());
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = peer.builder("/api/v1/users/token").header("Content-Type", "application/x-www-form-urlencoded");
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        return peer.send(b.POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static void assertLimited(Response r) {
        assertThat(r.status()).as(r.text()).isEqualTo(429);
        assertThat(r.json().get("code").asText()).isEqualTo("too_many_requests");
        assertThat(r.json().get("detail").asText()).startsWith("Too many failed logins");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
    }

    @Test
    void successful_logins_and_refreshes_never_use_up_the_budget() {
        String refresh = null;
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            Response ok = login("198.51.100.1", "bob", "bob-password");
            assertThat(ok.status()).as("login %d: %s", i, ok.text()).isEqualTo(200);
            refresh = ok.json().get("refresh_token").asText();
        }
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            Response ok = token(tandem.client(), "198.51.100.1", Map.of("grant_type", "refresh_token", "refresh_token", refresh));
            assertThat(ok.status()).as("refresh %d: %s", i, ok.text()).isEqualTo(200);
            refresh = ok.json().get("refresh_token").asText();
        }
        assertThat(tandem.client().token("bob", "bob-password").status()).as("nor without a proxy").isEqualTo(200);
    }

    @Test
    void failures_from_one_address_stop_that_address_only_until_the_window_passes() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(login("203.0.113.10", "nobody" + i, "wrong-password").status()).isEqualTo(400);
        }
        assertLimited(login("203.0.113.10", "nobody", "wrong-password"));
        assertLimited(login("203.0.113.10", "bob", "bob-password"));
        assertThat(login("203.0.113.11", "bob", "bob-password").status()).as("another client of the same proxy").isEqualTo(200);
        assertThat(tandem.client().token("bob", "bob-password").status()).as("the proxy's own address").isEqualTo(200);

        tandem.clock().advance(WINDOW.plusSeconds(1));
        assertThat(login("203.0.113.10", "bob", "bob-password").status()).isEqualTo(200);
    }

    @Test
    void the_client_is_the_right_most_forwarded_address_that_is_not_a_trusted_proxy() {
        // A client can write anything to the left of what the proxy appends: a new lie each time does not help.
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(login("192.0.2." + i + ", 203.0.113.20", "nobody", "wrong-password").status()).isEqualTo(400);
        }
        assertLimited(login("192.0.2.99, 203.0.113.20", "bob", "bob-password"));
        assertLimited(login("203.0.113.20, 127.0.0.1", "bob", "bob-password"));
        assertThat(login("203.0.113.21", "bob", "bob-password").status()).isEqualTo(200);
    }

    @Test
    void forwarded_for_is_ignored_from_a_peer_that_is_not_a_trusted_proxy() throws Exception {
        TestClient stranger = tandem.client().from(InetAddress.getByName("127.0.0.2"));
        for (int i = 0; i < PER_ADDRESS; i++) {
            assertThat(login(stranger, "198.51.100." + (50 + i), "nobody", "wrong-password").status()).isEqualTo(400);
        }
        assertLimited(login(stranger, "198.51.100.60", "bob", "bob-password"));
        assertThat(login("198.51.100.61", "bob", "bob-password").status()).as("the trusted proxy's clients").isEqualTo(200);
    }

    @Test
    void failures_for_one_account_from_many_addresses_stop_that_account_for_a_window() {
        for (int i = 0; i < PER_ACCOUNT; i++) {
            assertThat(login("198.51.100." + (100 + i), "carol", "guess-" + i).status()).isEqualTo(400);
        }
        // Even the right password: otherwise the next guess from a new address would still be tried.
        assertLimited(login("198.51.100.120", "carol", "carol-password"));
        assertLimited(login("198.51.100.121", "CAROL", "guess"));
        assertThat(login("198.51.100.120", "dave", "dave-password").status()).as("other accounts, same address").isEqualTo(200);

        tandem.clock().advance(WINDOW.plusSeconds(1));
        assertThat(login("198.51.100.122", "carol", "carol-password").status()).isEqualTo(200);
    }

    @Test
    void a_successful_login_forgets_the_accounts_failures() {
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < PER_ACCOUNT - 1; i++) {
                assertThat(login("198.51.100." + (150 + 10 * round + i), "erin", "guess-" + i).status()).isEqualTo(400);
            }
            Response ok = login("198.51.100.149", "erin", "erin-password");
            assertThat(ok.status()).as("round %d: %s", round, ok.text()).isEqualTo(200);
        }
    }
}
