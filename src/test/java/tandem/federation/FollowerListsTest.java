package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PeerTube's follower lists, `/video-channels/{handle}/followers` and `/accounts/{name}/followers`:
 * our users' subscriptions and the accepted follows of other instances' actors, newest first by
 * default, paged and searchable by the follower's name or host; a channel's owner (or a moderator)
 * and an account's owner only.
 */
class FollowerListsTest {

    @Test
    void a_channel_and_its_account_list_local_subscribers_and_remote_followers() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            TestClient bob = f.tandem.newUser("bob");
            TestClient carol = f.tandem.newUser("carol");
            assertThat(bob.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "root_channel")).status()).isEqualTo(204);
            f.tandem.clock().advance(Duration.ofSeconds(2));
            String channel = f.tandem.baseUrl() + "/video-channels/root_channel";
            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Follow", f.alice(), channel)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            f.tandem.clock().advance(Duration.ofSeconds(2));
            assertThat(carol.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "root_channel")).status()).isEqualTo(204);
            f.tandem.clock().advance(Duration.ofSeconds(2));
            f.publishLocalAccount();
            String mallory = f.fake.actor("mallory");
            assertThat(f.fake.post(f.inbox(), mallory, f.activity("Follow", mallory, f.localAccount())).status()).isEqualTo(202);
            f.tandem.awaitIdle();

            JsonNode list = f.admin.get("/api/v1/video-channels/root_channel/followers").json();
            assertThat(list.at("/total").asInt()).as(list.toString()).isEqualTo(3);
            assertThat(names(list)).as("newest first").containsExactly("carol", "alice", "bob");
            JsonNode alice = list.at("/data/1");
            assertThat(alice.at("/follower/host").asText()).isEqualTo(f.fake.host());
            assertThat(alice.at("/follower/url").asText()).isEqualTo(f.alice());
            assertThat(alice.at("/following/name").asText()).isEqualTo("root_channel");
            assertThat(alice.at("/state").asText()).isEqualTo("accepted");
            assertThat(alice.at("/createdAt").asText()).isNotBlank();
            JsonNode carolFollow = list.at("/data/0");
            assertThat(carolFollow.at("/follower/host").asText()).isEqualTo(f.tandem.config().publicHost());
            assertThat(carolFollow.at("/follower/url").asText()).isEqualTo(f.tandem.baseUrl() + "/accounts/carol");
            assertThat(carolFollow.at("/following/url").asText()).isEqualTo(channel);
            assertThat(carolFollow.at("/follower/avatars").isArray()).isTrue();

            assertThat(names(f.admin.get("/api/v1/video-channels/root_channel/followers?sort=createdAt").json()))
                    .containsExactly("bob", "alice", "carol");
            JsonNode page = f.admin.get("/api/v1/video-channels/root_channel/followers?start=1&count=1").json();
            assertThat(page.at("/total").asInt()).isEqualTo(3);
            assertThat(names(page)).containsExactly("alice");
            assertThat(names(f.admin.get("/api/v1/video-channels/root_channel/followers?search=ALI").json())).containsExactly("alice");
            assertThat(names(f.admin.get("/api/v1/video-channels/root_channel/followers?search=" + f.fake.host()).json()))
                    .as("a remote follower's host matches").containsExactly("alice");
            JsonNode bobOnly = f.admin.get("/api/v1/video-channels/root_channel/followers?search=bo").json();
            assertThat(bobOnly.at("/total").asInt()).isEqualTo(1);
            assertThat(names(bobOnly)).containsExactly("bob");

            // The account lists the followers of its channels and of itself.
            JsonNode account = f.admin.get("/api/v1/accounts/root/followers").json();
            assertThat(account.at("/total").asInt()).as(account.toString()).isEqualTo(4);
            assertThat(names(account)).containsExactly("mallory", "carol", "alice", "bob");
            assertThat(account.at("/data/0/following/name").asText()).isEqualTo("root");
            assertThat(account.at("/data/0/following/url").asText()).isEqualTo(f.localAccount());
        }
    }

    @Test
    void only_the_owner_or_a_moderator_lists_a_channels_followers_and_only_the_owner_an_accounts() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            TestClient bob = f.tandem.newUser("bob");
            assertThat(f.admin.postJson("/api/v1/users", Map.of("username", "mona", "password", "mona-password",
                    "email", "mona@example.org", "role", 1)).status()).isEqualTo(200);
            TestClient mona = f.tandem.client().login("mona", "mona-password");

            assertThat(f.tandem.client().get("/api/v1/video-channels/root_channel/followers").status()).isEqualTo(401);
            assertThat(f.tandem.client().get("/api/v1/accounts/root/followers").status()).isEqualTo(401);
            assertThat(bob.get("/api/v1/video-channels/root_channel/followers").status()).isEqualTo(403);
            assertThat(bob.get("/api/v1/accounts/root/followers").status()).isEqualTo(403);
            assertThat(mona.get("/api/v1/video-channels/bob_channel/followers").status()).as("a moderator manages any channel").isEqualTo(200);
            assertThat(f.admin.get("/api/v1/accounts/bob/followers").status()).as("an account's followers are its owner's alone").isEqualTo(403);
            JsonNode own = bob.get("/api/v1/accounts/bob/followers").json();
            assertThat(own.at("/total").asInt()).isZero();
            assertThat(own.at("/data").isArray()).isTrue();
            assertThat(bob.get("/api/v1/video-channels/bob_channel/followers").status()).isEqualTo(200);

            assertThat(f.admin.get("/api/v1/video-channels/nobody_channel/followers").status()).isEqualTo(404);
            assertThat(f.admin.get("/api/v1/accounts/nobody/followers").status()).isEqualTo(404);
            assertThat(f.admin.get("/api/v1/video-channels/root_channel/followers?sort=score").status()).isEqualTo(400);
            assertThat(f.admin.get("/api/v1/video-channels/root_channel/followers?count=101").status()).isEqualTo(400);
        }
    }

    private static List<String> names(JsonNode list) {
        return list.path("data").valueStream().map(d -> d.at("/follower/name").asText()).toList();
    }
}
