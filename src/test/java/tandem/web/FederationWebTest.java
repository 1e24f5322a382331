package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In Chromium: A's admin follows instance B from the Federation page; B's video then plays in A's
 * watch page, fetched from B's playlists, and a viewer on A shares segments with a viewer on B:
 * both join B's swarm through B's tracker.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationWebTest {
    private static TestInstance a;
    private static TestInstance b;
    private static String uuid;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        TestClient adminB = b.admin();
        var up = adminB.upload(TestMedia.longClip(), "Made on B", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        Federated.awaitIdle(a, b);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    @Test
    @Order(1)
    void the_admin_follows_b_from_the_federation_page_and_b_video_plays_on_a() {
        BrowserScript admin = BrowserScript.run(Duration.ofSeconds(90), Map.of("TANDEM_ACCESS_TOKEN", a.admin().token()),
                "browser-federation-admin.mjs", a.baseUrl(), Federated.host(b));
        assertThat(admin.exitCode()).as(admin.output()).isZero();
        assertThat(admin.report().at("/followState").asText()).isEqualTo("accepted");
        assertThat(admin.report().at("/blockedListed").asBoolean()).isTrue();
        assertThat(admin.report().at("/unblocked").asBoolean()).isTrue();
        assertThat(admin.report().at("/pageErrors").size()).isZero();

        Federated.awaitIdle(a, b);
        JsonNode onA = a.client().get("/api/v1/videos/" + uuid).json();
        assertThat(onA.at("/isLocal").asBoolean()).as(onA.toString()).isFalse();

        BrowserScript watch = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs", a.baseUrl() + "/videos/watch/" + uuid, "1", "60");
        JsonNode viewer = watch.report().at("/viewers/0");
        assertThat(watch.exitCode()).as(watch.output()).isZero();
        assertThat(viewer.at("/currentTime").asDouble()).as(watch.output()).isGreaterThan(2);
        assertThat(viewer.at("/title").asText()).isEqualTo("Made on B");
        assertThat(viewer.at("/stats/http").asLong()).as("segments came from B over HTTP").isPositive();
        assertThat(viewer.at("/stats/rejected").asInt()).as("B's segments match B's sha256 file").isZero();
        assertThat(viewer.at("/stats/error").isNull()).as(watch.output()).isTrue();
        assertThat(watch.report().at("/errors").size()).as(watch.output()).isZero();
    }

    @Test
    @Order(2)
    void a_viewer_on_a_gets_segments_from_a_viewer_on_b() {
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos/" + uuid).status()).as("A follows B (first test)").isEqualTo(200);
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(150), "browser-watch.mjs",
                b.baseUrl() + "/videos/watch/" + uuid + "," + a.baseUrl() + "/videos/watch/" + uuid, "2", "90", "6", "p2p");
        JsonNode onA = run.report().at("/viewers/1/stats");
        assertThat(onA.at("/p2p").asLong()).as("bytes A's viewer got from B's viewer: " + run.output()).isPositive();
        assertThat(onA.at("/rejected").asInt()).isZero();
        assertThat(run.report().at("/viewers/0/stats/peers").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(3)
    void a_user_on_a_finds_a_channel_of_b_by_its_handle_and_subscribes() {
        TestClient adminB = b.admin();
        var created = adminB.postJson("/api/v1/users", Map.of("username", "dora", "password", "dora-password", "email", "dora@example.org", "role", 2));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        var user = a.admin().postJson("/api/v1/users", Map.of("username", "eli", "password", "eli-password", "email", "eli@example.org", "role", 2));
        assertThat(user.status()).as(user.text()).isEqualTo(200);
        TestClient eli = a.client().login("eli", "eli-password");
        String handle = "dora_channel@" + Federated.host(b);
        assertThat(a.client().get("/api/v1/video-channels/" + handle).status()).as("A has never seen dora's channel").isEqualTo(404);

        BrowserScript run = BrowserScript.run(Duration.ofSeconds(90), Map.of("TANDEM_ACCESS_TOKEN", eli.token()),
                "browser-remote-channel.mjs", a.baseUrl(), handle, uuid);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.report().at("/search/results/0").asText()).contains(handle);
        assertThat(run.report().at("/search/url").asText()).endsWith("/c/" + handle);
        assertThat(run.report().at("/subscribe/before").asText()).isEqualTo("Subscribe");
        assertThat(run.report().at("/subscribe/afterReload").asText()).isEqualTo("Unsubscribe");
        assertThat(run.report().at("/channelLink/href").asText()).as("a remote video links to its channel's handle")
                .isEqualTo("/c/root_channel@" + Federated.host(b));
        assertThat(run.report().at("/channelLink/videos").asInt()).as("B's channel page on A lists B's video").isGreaterThanOrEqualTo(1);

        Federated.awaitIdle(a, b);
        assertThat(b.client().get("/api/v1/video-channels/dora_channel").json().at("/followersCount").asInt())
                .as("B counts eli's subscription as a follower").isEqualTo(1);
        assertThat(eli.get("/api/v1/users/me/subscriptions").json().at("/data/0/name").asText()).isEqualTo("dora_channel");
    }
}
