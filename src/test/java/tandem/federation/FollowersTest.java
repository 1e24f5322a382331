package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may follow us: with manual approval an instance waits for the admin's accept (or reject);
 * a remote person (Mastodon's shape) follows one of our channels and gets its new videos.
 */
class FollowersTest {

    @Test
    void with_manual_approval_a_follower_waits_for_the_admin() {
        Map<String, String> manual = Federated.settings(Map.of("federation_followers_manual_approval", "true"));
        try (TestInstance a = Federated.start(); TestInstance b = TestInstance.start(manual)) {
            assertThat(a.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(b)))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(a.admin().get("/api/v1/server/following").json().at("/data/0/state").asText()).isEqualTo("pending");
            JsonNode waiting = b.admin().get("/api/v1/server/followers").json();
            assertThat(waiting.at("/data/0/state").asText()).isEqualTo("pending");
            String handle = waiting.at("/data/0/follower/name").asText() + "@" + waiting.at("/data/0/follower/host").asText();

            assertThat(b.admin().postJson("/api/v1/server/followers/" + handle + "/accept", Map.of()).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(a.admin().get("/api/v1/server/following").json().at("/data/0/state").asText()).isEqualTo("accepted");
            assertThat(b.admin().get("/api/v1/server/followers").json().at("/data/0/state").asText()).isEqualTo("accepted");

            assertThat(b.admin().postJson("/api/v1/server/followers/" + handle + "/reject", Map.of()).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(b.admin().get("/api/v1/server/followers").json().at("/total").asInt()).isZero();
            assertThat(a.admin().get("/api/v1/server/following").json().at("/total").asInt()).as("A heard the Reject").isZero();
        }
    }

    @Test
    void a_remote_person_follows_a_channel_and_receives_its_new_videos() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            String channel = f.tandem.baseUrl() + "/video-channels/root_channel";
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Follow", f.alice(), channel)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            boolean accepted = f.fake.received().stream().anyMatch(r -> r.method().equals("POST") && r.body().contains("\"Accept\"")
                    && r.body().contains(channel));
            assertThat(accepted).as("the channel answered with an Accept").isTrue();
            JsonNode followers = f.tandem.client().get("/video-channels/root_channel/followers", "Accept", "application/activity+json").json();
            assertThat(followers.at("/totalItems").asInt()).isEqualTo(1);

            var up = f.admin.upload(TestMedia.clipWithAudio(), "For my followers", Map.of("privacy", "1"));
            assertThat(up.status()).isEqualTo(200);
            f.tandem.awaitIdle();
            String uuid = up.json().at("/video/uuid").asText();
            JsonNode create = f.fake.received().stream().filter(r -> r.method().equals("POST") && r.body().contains("\"Create\"")
                    && r.body().contains(uuid)).map(FakeRemote.Received::json).findFirst()
                    .orElseThrow(() -> new AssertionError("no Create(Video) reached the follower"));
            assertThat(create.at("/object/type").asText()).isEqualTo("Video");
            assertThat(create.at("/object/attributedTo/1/id").asText()).isEqualTo(channel);
            assertThat(create.at("/object/url/0/mediaType").asText()).as("Mastodon shows the watch link first").isEqualTo("text/html");

            // Then the shares, as PeerTube sends them: by the instance actor and by the channel.
            String videoUrl = create.at("/object/id").asText();
            List<JsonNode> announces = f.fake.received().stream().filter(r -> r.method().equals("POST") && r.body().contains("\"Announce\""))
                    .map(FakeRemote.Received::json).filter(a -> a.path("object").asText().equals(videoUrl)).toList();
            assertThat(announces).extracting(a -> a.path("actor").asText())
                    .containsExactlyInAnyOrder(channel, f.tandem.baseUrl() + "/accounts/peertube");
            assertThat(announces).allSatisfy(a -> assertThat(a.path("id").asText()).startsWith(videoUrl + "/announces/"));
            JsonNode shares = f.tandem.client().get(java.net.URI.create(videoUrl).getPath() + "/announces?page=1",
                    "Accept", "application/activity+json").json();
            assertThat(shares.at("/orderedItems")).as("PeerTube lists share ids and fetches each").extracting(JsonNode::asText)
                    .containsExactlyInAnyOrderElementsOf(announces.stream().map(a -> a.path("id").asText()).toList());
            for (JsonNode sent : announces) {
                JsonNode served = f.tandem.client().get(java.net.URI.create(sent.path("id").asText()).getPath(), "Accept", "application/activity+json").json();
                assertThat(served.path("actor").asText()).isEqualTo(sent.path("actor").asText());
                assertThat(served.path("object").asText()).isEqualTo(videoUrl);
            }
            // Every collection the Video and its actors name answers (PeerTube stops reading an update at a missing one).
            JsonNode chapters = f.tandem.client().get(java.net.URI.create(create.at("/object/hasParts").asText()).getPath(),
                    "Accept", "application/activity+json").json();
            assertThat(chapters.path("id").asText()).isEqualTo(videoUrl + "/chapters");
            assertThat(chapters.path("hasPart").isArray()).isTrue();
            JsonNode channelActor = f.tandem.client().get(java.net.URI.create(channel).getPath(), "Accept", "application/activity+json").json();
            JsonNode playlists = f.tandem.client().get(java.net.URI.create(channelActor.path("playlists").asText()).getPath(),
                    "Accept", "application/activity+json").json();
            assertThat(playlists.path("totalItems").asInt()).isZero();

            // An unlisted video is shared by no one: its shares collection stays empty.
            var unlisted = f.admin.upload(TestMedia.clipWithAudio(), "Unlisted here", Map.of("privacy", "2"));
            assertThat(unlisted.status()).isEqualTo(200);
            f.tandem.awaitIdle();
            JsonNode noShares = f.tandem.client().get("/videos/watch/" + unlisted.json().at("/video/uuid").asText() + "/announces",
                    "Accept", "application/activity+json").json();
            assertThat(noShares.path("totalItems").asInt()).isZero();
        }
    }
}
