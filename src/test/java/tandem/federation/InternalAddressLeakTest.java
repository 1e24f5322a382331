package tandem.federation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.federation.signature.Signer;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF guard refuses internal hosts without telling anyone what they resolve to: every answer
 * names the host as the request gave it, and carries no IP address the request did not contain.
 * Without an allow-list, `localhost` is such an internal host.
 */
class InternalAddressLeakTest {
    private static final String HOST = "localhost:1234";
    /** IPv4 dotted quads and IPv6 groups (two colons at least, so "host:port" is not one). */
    private static final Pattern IP = Pattern.compile(
            "(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}(?![\\w.])|(?<![\\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\\w:])");
    private static TestInstance tandem;
    private static FakeRemote sender;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        sender = FakeRemote.start(tandem.client());
        admin = tandem.admin();
    }

    @AfterAll
    static void stop() {
        sender.close();
        tandem.close();
    }

    @Test
    void a_signed_inbox_post_whose_key_is_on_an_internal_host_is_refused_without_its_address() {
        String actor = "https://" + HOST + "/accounts/mallory";
        String follow = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://" + HOST + "/follows/1\","
                + "\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + tandem.baseUrl() + "/accounts/root\"}";
        Response r = sender.post(tandem.baseUrl() + "/inbox", new Signer(actor + "#main-key", TestKeys.MALLORY_PRIVATE),
                follow.getBytes(StandardCharsets.UTF_8), Instant.now(), o -> { });
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        assertNamesHostButNoAddress(r);
    }

    @Test
    void following_an_instance_on_an_internal_host_is_refused_without_its_address() {
        assertNamesHostButNoAddress(admin.postJson("/api/v1/server/following", Map.of("handles", List.of("x@" + HOST))));
        assertNamesHostButNoAddress(admin.postJson("/api/v1/server/following", Map.of("hosts", List.of(HOST))));
    }

    @Test
    void subscribing_to_a_channel_on_an_internal_host_is_refused_without_its_address() {
        assertNamesHostButNoAddress(admin.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "x@" + HOST)));
    }

    @Test
    void searching_an_internal_host_answers_without_its_address() {
        for (String q : List.of("x@" + HOST, "https://" + HOST + "/video-channels/x", "https://" + HOST + "/videos/watch/x")) {
            String search = URLEncoder.encode(q, StandardCharsets.UTF_8);
            assertNoAddress(admin.get("/api/v1/search/video-channels?search=" + search));
            assertNoAddress(admin.get("/api/v1/search/videos?search=" + search));
        }
    }

    private static void assertNamesHostButNoAddress(Response r) {
        assertThat(r.status()).as(r.text()).isBetween(400, 499);
        assertThat(r.text()).contains("localhost");
        assertNoAddress(r);
    }

    private static void assertNoAddress(Response r) {
        List<String> found = new ArrayList<>();
        Matcher m = IP.matcher(r.text());
        while (m.find()) found.add(m.group());
        assertThat(found).as(r.status() + " " + r.text()).isEmpty();
    }
}
