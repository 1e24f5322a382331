package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** People find videos: search, RSS/Atom feeds, and subscriptions to channels. */
class DiscoveryTest {
    private static TestInstance tandem;
    private static TestClient alice;
    private static TestClient bob;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        for (String name : new String[] {"alice", "bob"}) {
            assertThat(admin.postJson("/api/v1/users", Map.of("username", name, "password", name + "-password",
                    "email", name + "@example.org", "role", 2)).status()).isEqualTo(200);
        }
        alice = tandem.client().login("alice", "alice-password");
        bob = tandem.client().login("bob", "bob-password");
        assertThat(alice.upload(TestMedia.clipWithAudio(), "Cats & <Dogs>", Map.of("description", "pets")).status()).isEqualTo(200);
        assertThat(bob.upload(TestMedia.clipWithoutAudio(), "Bicycle repair", Map.of()).status()).isEqualTo(200);
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void search_finds_videos_by_name() {
        JsonNode r = tandem.client().get("/api/v1/search/videos?search=bicycle").json();
        assertThat(r.get("total").asInt()).isEqualTo(1);
        assertThat(r.at("/data/0/name").asText()).isEqualTo("Bicycle repair");
        assertThat(tandem.client().get("/api/v1/search/videos?search=zebra").json().get("total").asInt()).isZero();
    }

    @Test
    void feeds_are_well_formed_rss_and_atom() throws Exception {
        Response rss = tandem.client().get("/feeds/videos.xml");
        assertThat(rss.header("Content-Type")).startsWith("application/rss+xml");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(rss.body()));
        assertThat(doc.getElementsByTagName("item").getLength()).isEqualTo(2);
        assertThat(rss.text()).contains("Cats &amp; &lt;Dogs&gt;");
        Response atom = tandem.client().get("/feeds/videos.xml?format=atom");
        Document a = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(atom.body()));
        assertThat(a.getElementsByTagName("entry").getLength()).isEqualTo(2);
        long aliceChannel = alice.me().at("/videoChannels/0/id").asLong();
        Document one = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(tandem.client().get("/feeds/videos.atom?videoChannelId=" + aliceChannel).body()));
        assertThat(one.getElementsByTagName("entry").getLength()).isEqualTo(1);
        assertThat(tandem.client().get("/feeds/videos.xml?format=pdf").status()).isEqualTo(400);
    }

    @Test
    void a_subscriber_sees_the_videos_of_the_channels_they_follow() {
        String channel = alice.me().at("/videoChannels/0/name").asText();
        assertThat(bob.postJson("/api/v1/users/me/subscriptions", Map.of("uri", channel + "@" + tandem.baseUrl().substring(7))).status())
                .isEqualTo(204);
        assertThat(bob.get("/api/v1/users/me/subscriptions").json().get("total").asInt()).isEqualTo(1);
        assertThat(tandem.client().get("/api/v1/video-channels/" + channel).json().get("followersCount").asInt()).isEqualTo(1);
        assertThat(bob.get("/api/v1/users/me/subscriptions/exist?uris=" + channel + "&uris=nobody_channel").json().toString())
                .contains("\"" + channel + "\":true", "\"nobody_channel\":false");
        JsonNode feed = bob.get("/api/v1/users/me/subscriptions/videos").json();
        assertThat(feed.get("total").asInt()).isEqualTo(1);
        assertThat(feed.at("/data/0/name").asText()).isEqualTo("Cats & <Dogs>");
        assertThat(bob.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "ghost_channel")).status()).isEqualTo(404);
        assertThat(tandem.client().get("/api/v1/users/me/subscriptions").status()).isEqualTo(401);
        assertThat(bob.delete("/api/v1/users/me/subscriptions/" + channel).status()).isEqualTo(204);
        assertThat(bob.get("/api/v1/users/me/subscriptions/videos").json().get("total").asInt()).isZero();
        assertThat(tandem.client().get("/api/v1/video-channels/" + channel).json().get("followersCount").asInt()).isZero();
        assertThat(bob.delete("/api/v1/users/me/subscriptions/" + channel).status()).isEqualTo(404);
    }

    @Test
    void channels_are_found_by_name_and_display_name() {
        String channel = alice.me().at("/videoChannels/0/name").asText();
        JsonNode found = tandem.client().get("/api/v1/search/video-channels?search=ALICE_").json();
        assertThat(found.get("data")).as(found.toString()).extracting(c -> c.get("name").asText()).containsExactly(channel);
        assertThat(tandem.client().get("/api/v1/search/video-channels?search=%25").json().get("total").asInt())
                .as("% is a character, not a wildcard").isZero();
        assertThat(tandem.client().get("/api/v1/search/video-channels?search=nobody-here").json().get("total").asInt()).isZero();
        assertThat(tandem.client().get("/api/v1/search/video-channels?search=someone@elsewhere.example").json().get("total").asInt())
                .as("a remote handle is only looked up for signed-in users").isZero();
        TestClient stale = tandem.client().withToken("not-a-token");
        assertThat(stale.get("/api/v1/search/video-channels?search=ALICE_").status()).as("a local search does not ask who is searching").isEqualTo(200);
        var refused = stale.get("/api/v1/search/video-channels?search=someone@elsewhere.example");
        assertThat(refused.status()).as("a remote one does").isEqualTo(401);
    }

    @Test
    void a_user_looking_up_too_many_remote_channels_is_told_to_wait() {
        // 192.0.2.0/24 is for documentation: refused by the address policy at once, yet it counts as a lookup.
        for (int i = 0; i < 30; i++) {
            assertThat(bob.get("/api/v1/search/video-channels?search=c" + i + "@192.0.2.1").status()).isEqualTo(200);
        }
        var refused = bob.get("/api/v1/search/video-channels?search=c30@192.0.2.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().get("code").asText()).isEqualTo("too_many_requests");
        assertThat(refused.json().get("detail").asText()).isEqualTo("Too many lookups of other instances' channels, please try again later.");
        assertThat(alice.get("/api/v1/search/video-channels?search=c30@192.0.2.1").status()).as("per user").isEqualTo(200);
        assertThat(bob.get("/api/v1/search/video-channels?search=alice").status()).as("local search is not limited").isEqualTo(200);
        tandem.clock().advance(java.time.Duration.ofMinutes(10));
        assertThat(bob.get("/api/v1/search/video-channels?search=c31@192.0.2.1").status()).as("the window is 10 minutes").isEqualTo(200);
    }
}
