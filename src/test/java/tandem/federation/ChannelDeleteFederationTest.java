package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a channel federates, over real HTTP between two instances: a user of B subscribes to a
 * second channel of a user of A; A's owner deletes it; the Group's own Delete reaches B, which forgets
 * the channel and the subscription to it. A new channel of the same name on A is a channel like any.
 */
class ChannelDeleteFederationTest {

    @Test
    void a_deleted_channel_is_gone_from_the_instances_that_followed_it() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            TestClient cook = a.newUser("cook");
            assertThat(cook.postJson("/api/v1/video-channels", Map.of("name", "cook_pastry", "displayName", "Pastry")).status()).isEqualTo(200);
            String handle = "cook_pastry@" + Federated.host(a);

            TestClient fan = b.newUser("fan");
            assertThat(fan.postJson("/api/v1/users/me/subscriptions", Map.of("uri", handle)).status()).isIn(200, 204);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/video-channels/" + handle).status()).as("B knows A's channel").isEqualTo(200);
            JsonNode followers = cook.get("/api/v1/video-channels/cook_pastry/followers").json();
            assertThat(followers.path("total").asInt()).as("A records B's follow").isEqualTo(1);
            assertThat(fan.get("/api/v1/users/me/subscriptions").json().path("total").asInt()).isEqualTo(1);

            assertThat(cook.delete("/api/v1/video-channels/cook_pastry").status()).isEqualTo(204);
            Federated.awaitIdle(a, b);

            assertThat(a.client().get("/api/v1/video-channels/cook_pastry").status()).isEqualTo(404);
            assertThat(b.client().get("/api/v1/video-channels/" + handle).status()).as("B forgot the channel").isEqualTo(404);
            assertThat(fan.get("/api/v1/users/me/subscriptions").json().path("total").asInt()).as("and the subscription to it").isZero();

            // The name is free again on A: a new channel of that name is served as a channel of cook's.
            assertThat(cook.postJson("/api/v1/video-channels", Map.of("name", "cook_pastry", "displayName", "Pastry again")).status()).isEqualTo(200);
            var actor = a.client().get("/video-channels/cook_pastry", "Accept", "application/activity+json");
            assertThat(actor.status()).isEqualTo(200);
            assertThat(actor.json().path("type").asText()).isEqualTo("Group");
            assertThat(actor.json().path("name").asText()).isEqualTo("Pastry again");
        }
    }
}
