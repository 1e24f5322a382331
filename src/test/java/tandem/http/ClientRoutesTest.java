package tandem.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's client routes in a browser: each answers a page or a redirect to one, never a JSON 404;
 * an unknown page is an HTML 404; API and ActivityPub paths keep their JSON.
 */
class ClientRoutesTest {
    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    /** PeerTube 6's client routes (app-routing and its modules), each with where it must end up ("" when served as is). */
    private static final Map<String, String> PEERTUBE_ROUTES = Map.ofEntries(
            Map.entry("/", ""), Map.entry("/home", ""), Map.entry("/videos/browse", ""), Map.entry("/videos/browse?scope=local&sort=-views", ""),
            Map.entry("/videos/trending", ""), Map.entry("/videos/recently-added", ""), Map.entry("/videos/local", ""),
            Map.entry("/videos/overview", "/home"), Map.entry("/videos/most-liked", "/videos/browse?sort=-likes"),
            Map.entry("/videos/subscriptions", ""), Map.entry("/videos/upload", ""),
            Map.entry("/videos/publish", "/upload"), Map.entry("/videos/update/abc", "/videos/manage/abc"),
            Map.entry("/videos/watch/playlist/abc", ""), Map.entry("/w/p/abc", ""), Map.entry("/p/abc", "/w/p/abc"),
            Map.entry("/search", ""), Map.entry("/search?tagsOneOf=jazz", ""),
            Map.entry("/search/lazy-load-video?url=https%3A%2F%2Fexample.org%2Fw%2Fx", "/search?search=https%3A%2F%2Fexample.org%2Fw%2Fx"),
            Map.entry("/remote-interaction?uri=bob%40example.org", "/search?search=bob%40example.org"),
            Map.entry("/login", ""), Map.entry("/signup", ""), Map.entry("/reset-password", ""),
            Map.entry("/verify-account/email", ""), Map.entry("/verify-account/ask-send-email", ""),
            Map.entry("/my-library", "/my-library/videos"), Map.entry("/my-library/videos", ""),
            Map.entry("/my-library/video-playlists", ""), Map.entry("/my-library/video-playlists/abc", ""), Map.entry("/my-library/history/videos", ""),
            Map.entry("/my-library/subscriptions", ""),
            Map.entry("/my-account", "/my-account/settings"), Map.entry("/my-account/notifications", ""), Map.entry("/my-account/abuses", ""), Map.entry("/my-account/settings", ""),
            Map.entry("/about", ""), Map.entry("/about/instance", ""), Map.entry("/about/peertube", "/about/instance"), Map.entry("/about/follows", "/about/instance"),
            Map.entry("/about/ledger", ""),
            Map.entry("/a/root", ""), Map.entry("/a/root/video-channels", "/a/root"), Map.entry("/accounts/root/video-playlists", "/a/root"),
            Map.entry("/c/root_channel", ""), Map.entry("/c/root_channel/videos", ""), Map.entry("/c/root_channel/video-playlists", "/c/root_channel"),
            Map.entry("/admin", ""), Map.entry("/admin/follows/following-list", "/admin/federation"), Map.entry("/admin/system/jobs", "/admin/jobs"),
            Map.entry("/admin/users/list", "/admin/users"), Map.entry("/admin/config/edit-custom", ""), Map.entry("/admin/moderation/abuses/list", ""));

    private static TestInstance tandem;
    private static TestClient browser;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        browser = tandem.client();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void every_peertube_client_route_answers_a_page_or_a_redirect() {
        PEERTUBE_ROUTES.forEach((path, target) -> {
            Response r = browser.get(path, "Accept", HTML);
            if (target.isEmpty()) {
                assertThat(r.status()).as(path).isEqualTo(200);
                assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            } else {
                assertThat(r.status()).as(path).isEqualTo(302);
                assertThat(r.header("Location")).as(path).isEqualTo(target);
            }
        });
    }

    @Test
    void default_client_route_of_the_config_is_served() {
        String route = browser.get("/api/v1/config").json().at("/instance/defaultClientRoute").asText();
        assertThat(route).isEqualTo("/videos/browse");
        Response r = browser.get(route, "Accept", HTML);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
    }

    @Test
    void an_unknown_page_is_an_html_404_rendered_by_the_app() {
        for (String path : List.of("/no/such/page", "/videos/nothing-here", "/watch", "/404")) {
            Response r = browser.get(path, "Accept", HTML);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).as(path).startsWith("text/html");
            assertThat(r.text()).as("the app shell, which renders the not-found page").contains("id=\"app\"");
        }
    }

    @Test
    void api_activitypub_and_non_browser_requests_keep_json_errors() {
        Response api = browser.get("/api/v1/no-such-thing", "Accept", HTML);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        Response plain = browser.get("/no/such/page", "Accept", "application/json");
        assertThat(plain.status()).isEqualTo(404);
        assertThat(plain.header("Content-Type")).startsWith("application/problem+json");
        Response actor = browser.get("/accounts/nobody-here", "Accept", "application/activity+json");
        assertThat(actor.status()).isEqualTo(404);
        assertThat(actor.header("Content-Type")).doesNotStartWith("text/html");
        Response outbox = browser.get("/accounts/root/outbox", "Accept", "application/activity+json");
        assertThat(outbox.status()).isEqualTo(200);
        assertThat(outbox.header("Content-Type")).contains("json");
        Response post = tandem.client().postJson("/no/such/page", Map.of());
        assertThat(post.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void a_redirect_never_puts_a_decoded_byte_into_the_location() {
        Response r = browser.get("/a/evil%0d%0aSet-Cookie:%20x=1/video-channels", "Accept", HTML);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).isEqualTo("/a/evil%0D%0ASet-Cookie%3A%20x%3D1");
        assertThat(r.header("Set-Cookie")).isNull();
    }
}
