package tandem.federation;

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
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real instances on loopback federate over HTTP: the admin of A follows B; B's videos appear
 * on A and play from B's playlists; comments, likes and views travel both ways; a deletion on B
 * reaches A; unfollowing ends it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FederationStoryTest {
    private static TestInstance a;
    private static TestInstance b;
    private static TestClient adminA;
    private static TestClient adminB;
    private static String firstUuid;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        adminA = a.admin();
        adminB = b.admin();
        firstUuid = upload(adminB, "Made on B before anyone followed");
        Federated.awaitIdle(a, b);
    }

    @AfterAll
    static void stop() {
        a.close();
        b.close();
    }

    private static String upload(TestClient client, String name) {
        Response up = client.upload(TestMedia.clipWithAudio(), name, Map.of("privacy", "1", "tags[0]", "federated"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        return up.json().at("/video/uuid").asText();
    }

    @Test
    @Order(1)
    void b_publishes_its_actors_and_nodeinfo() {
        JsonNode links = b.client().get("/.well-known/nodeinfo").json();
        assertThat(links.toString()).contains("nodeinfo/2.0.json").contains(b.baseUrl() + "/accounts/peertube");
        JsonNode finger = b.client().get("/.well-known/webfinger?resource=acct:root@" + Federated.host(b)).json();
        assertThat(finger.at("/links/0/href").asText()).isEqualTo(b.baseUrl() + "/accounts/root");
        JsonNode actor = b.client().get("/accounts/root", "Accept", "application/activity+json").json();
        assertThat(actor.at("/type").asText()).isEqualTo("Person");
        assertThat(actor.at("/publicKey/publicKeyPem").asText()).startsWith("-----BEGIN PUBLIC KEY-----");
        JsonNode channel = b.client().get("/video-channels/root_channel", "Accept", "application/activity+json").json();
        assertThat(channel.at("/type").asText()).isEqualTo("Group");
        assertThat(channel.at("/attributedTo/0/id").asText()).isEqualTo(b.baseUrl() + "/accounts/root");
        assertThat(b.client().get("/accounts/root").text()).as("browsers still get the page").contains("<html");
    }

    @Test
    @Order(2)
    void a_follows_b_and_b_existing_video_appears_on_a() {
        Response follow = adminA.postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b))));
        assertThat(follow.status()).as(follow.text()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        JsonNode following = adminA.get("/api/v1/server/following").json();
        assertThat(following.at("/data/0/state").asText()).isEqualTo("accepted");
        assertThat(following.at("/data/0/following/host").asText()).isEqualTo(Federated.host(b));
        JsonNode first = following.at("/data/0");
        List<String> names = new java.util.ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "follower", "following", "state", "score", "createdAt");
        assertThat(first.get("score").asInt()).isEqualTo(1000);
        assertThat(first.get("createdAt").asText()).isNotEmpty();
        List<String> actor = new java.util.ArrayList<>();
        first.get("follower").fieldNames().forEachRemaining(actor::add);
        assertThat(actor).containsExactly("id", "name", "host", "url", "avatars");
        assertThat(first.at("/follower/url").asText()).startsWith(a.baseUrl());
        assertThat(first.at("/following/url").asText()).startsWith(b.baseUrl());
        JsonNode followers = adminB.get("/api/v1/server/followers").json();
        assertThat(followers.at("/data/0/follower/host").asText()).isEqualTo(Federated.host(a));

        JsonNode onA = a.client().get("/api/v1/videos/" + firstUuid).json();
        assertThat(onA.at("/isLocal").asBoolean()).isFalse();
        assertThat(onA.at("/name").asText()).isEqualTo("Made on B before anyone followed");
        String playlist = onA.at("/streamingPlaylists/0/playlistUrl").asText();
        assertThat(playlist).as("plays from B's playlist").startsWith(b.baseUrl() + "/static/streaming-playlists/hls/");
        assertThat(onA.at("/trackerUrls").toString()).as("in B's swarm").contains("ws://" + Federated.host(b));
        assertThat(onA.at("/streamingPlaylists/0/p2pMediaLoaderInfohashes").toString())
                .isEqualTo(b.client().get("/api/v1/videos/" + firstUuid).json().at("/streamingPlaylists/0/p2pMediaLoaderInfohashes").toString());
        assertThat(a.client().get(playlist.substring(b.baseUrl().length())).status()).isEqualTo(404);
        assertThat(b.client().get(playlist.substring(b.baseUrl().length())).text()).contains("#EXTM3U");
        assertThat(a.client().get(onA.at("/thumbnailPath").asText()).status()).as("thumbnail copied to A").isEqualTo(200);
        assertThat(a.client().get("/api/v1/search/videos?search=anyone").json().at("/total").asInt()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void a_new_video_on_b_reaches_a() {
        String uuid = upload(adminB, "Fresh from B");
        Federated.awaitIdle(a, b);
        JsonNode onA = a.client().get("/api/v1/videos/" + uuid).json();
        assertThat(onA.at("/name").asText()).isEqualTo("Fresh from B");
        assertThat(onA.at("/tags").toString()).contains("federated");
        JsonNode local = a.client().get("/api/v1/videos?isLocal=false").json();
        assertThat(local.at("/total").asInt()).isEqualTo(2);
    }

    @Test
    @Order(4)
    void comments_travel_both_ways() {
        Response fromA = adminA.postJson("/api/v1/videos/" + firstUuid + "/comment-threads", Map.of("text", "Hello from A"));
        assertThat(fromA.status()).as(fromA.text()).isEqualTo(200);
        Response fromB = adminB.postJson("/api/v1/videos/" + firstUuid + "/comment-threads", Map.of("text", "Hello from B"));
        assertThat(fromB.status()).as(fromB.text()).isEqualTo(200);
        Federated.awaitIdle(a, b);
        String onB = b.client().get("/api/v1/videos/" + firstUuid + "/comment-threads").text();
        String onA = a.client().get("/api/v1/videos/" + firstUuid + "/comment-threads").text();
        assertThat(onB).contains("Hello from A").contains("Hello from B");
        assertThat(onA).contains("Hello from A").contains("Hello from B");
        JsonNode threadsOnB = b.client().get("/api/v1/videos/" + firstUuid + "/comment-threads").json();
        JsonNode fromAOnB = null;
        for (JsonNode t : threadsOnB.at("/data")) if (t.at("/text").asText().equals("Hello from A")) fromAOnB = t;
        assertThat(fromAOnB).isNotNull();
        assertThat(fromAOnB.at("/account/host").asText()).isEqualTo(Federated.host(a));

        // The video's owner on B removes A's comment: gone on A too, as on B.
        assertThat(adminB.delete("/api/v1/videos/" + firstUuid + "/comments/" + fromAOnB.at("/id").asLong()).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        JsonNode threadsOnA = a.client().get("/api/v1/videos/" + firstUuid + "/comment-threads").json();
        assertThat(threadsOnA.at("/data")).filteredOn(t -> t.at("/isDeleted").asBoolean()).hasSize(1);
        assertThat(threadsOnA.toString()).doesNotContain("Hello from A").contains("Hello from B");
    }

    @Test
    @Order(5)
    void a_like_and_a_view_from_a_count_on_b() {
        assertThat(adminA.putJson("/api/v1/videos/" + firstUuid + "/rate", Map.of("rating", "like")).status()).isEqualTo(204);
        Response view = adminA.postJson("/api/v1/videos/" + firstUuid + "/views", Map.of("currentTime", 12));
        assertThat(view.status()).as(view.text()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        JsonNode onB = b.client().get("/api/v1/videos/" + firstUuid).json();
        assertThat(onB.at("/likes").asInt()).isEqualTo(1);
        assertThat(onB.at("/views").asInt()).isEqualTo(1);
        JsonNode onA = a.client().get("/api/v1/videos/" + firstUuid).json();
        assertThat(onA.at("/likes").asInt()).as("A re-reads B's counts after B's Update").isEqualTo(1);
    }

    @Test
    @Order(6)
    void an_unlisted_video_on_b_stays_unlisted_on_a_until_b_makes_it_public_or_private() {
        Response up = adminB.upload(TestMedia.clipWithAudio(), "Unlisted on B", Map.of("privacy", "2"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        String uuid = up.json().at("/video/uuid").asText();
        Federated.awaitIdle(a, b);
        JsonNode onA = a.client().get("/api/v1/videos/" + uuid).json();
        assertThat(onA.at("/privacy/id").asInt()).as("A has it, by its uuid, as unlisted: " + onA).isEqualTo(2);
        assertThat(a.client().get("/api/v1/videos?isLocal=false&count=100").text()).doesNotContain(uuid);

        assertThat(adminB.putJson("/api/v1/videos/" + uuid, Map.of("privacy", 1)).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos?isLocal=false&count=100").text()).as("public now: listed").contains(uuid);

        assertThat(adminB.putJson("/api/v1/videos/" + uuid, Map.of("privacy", 3)).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos/" + uuid).status()).as("private now: gone from A").isEqualTo(404);
        assertThat(deletesSent(uuid)).isEqualTo(1);
        assertThat(adminB.putJson("/api/v1/videos/" + uuid, Map.of("name", "Still private on B")).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(deletesSent(uuid)).as("one Delete, not one per later change").isEqualTo(1);
    }

    private static long deletesSent(String uuid) {
        return b.app().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox_activities WHERE activity_url LIKE :u")
                .bind("u", "%" + uuid + "/delete").mapTo(Long.class).one());
    }

    @Test
    @Order(8)
    void a_deletion_on_b_reaches_a() {
        String uuid = upload(adminB, "Short-lived on B");
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
        assertThat(adminB.delete("/api/v1/videos/" + uuid).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(a.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(404);
    }

    @Test
    @Order(7)
    void a_channel_and_its_account_renamed_on_b_are_renamed_on_a() {
        String handle = "root_channel@" + Federated.host(b);
        assertThat(a.client().get("/api/v1/video-channels/" + handle).status()).as("A knows B's channel").isEqualTo(200);
        Response edit = adminB.putJson("/api/v1/video-channels/root_channel",
                Map.of("displayName", "Bakery of B", "description", "Bread, every morning"));
        assertThat(edit.status()).as(edit.text()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        JsonNode onA = a.client().get("/api/v1/video-channels/" + handle).json();
        assertThat(onA.at("/displayName").asText()).isEqualTo("Bakery of B");
        assertThat(onA.at("/description").asText()).isEqualTo("Bread, every morning");

        // The account behind it, renamed by its user, is renamed on A too.
        Response me = adminB.putJson("/api/v1/users/me", Map.of("displayName", "The baker", "description", "Up at four"));
        assertThat(me.status()).as(me.text()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        JsonNode accountOnA = a.client().get("/api/v1/accounts/root@" + Federated.host(b)).json();
        assertThat(accountOnA.at("/displayName").asText()).isEqualTo("The baker");
        assertThat(accountOnA.at("/description").asText()).isEqualTo("Up at four");
    }

    @Test
    @Order(9)
    void unfollow_ends_the_follow_on_both_sides() {
        assertThat(adminA.delete("/api/v1/server/following/" + Federated.host(b)).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(adminA.get("/api/v1/server/following").json().at("/total").asInt()).isZero();
        assertThat(adminB.get("/api/v1/server/followers").json().at("/total").asInt()).isZero();
    }
}
