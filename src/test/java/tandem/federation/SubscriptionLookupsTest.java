package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `/users/me/subscriptions/exist` and `/users/me/subscriptions/{handle}` answer from what we store,
 * as PeerTube's do: a handle of a channel we do not know is not subscribed to, and asking sends no
 * WebFinger or actor fetch to its instance. `uris` is required.
 */
class SubscriptionLookupsTest {

    @Test
    void asking_about_subscriptions_fetches_nothing_from_other_instances() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            TestClient bob = f.tandem.newUser("bob");
            String ours = "root_channel@" + f.tandem.config().publicHost();
            String alices = "alice_channel@" + f.fake.host();
            String unknown = "nobody_channel@" + f.fake.host();
            assertThat(bob.postJson("/api/v1/users/me/subscriptions", Map.of("uri", ours)).status()).isEqualTo(204);
            assertThat(bob.postJson("/api/v1/users/me/subscriptions", Map.of("uri", alices)).status()).isEqualTo(204);
            f.tandem.awaitIdle();
            int before = f.fake.received().size();

            JsonNode exist = bob.get("/api/v1/users/me/subscriptions/exist?uris=" + enc(ours) + "&uris=" + enc(alices)
                    + "&uris=" + enc(unknown)).json();
            assertThat(exist.toString()).isEqualTo("{\"" + ours + "\":true,\"" + alices + "\":true,\"" + unknown + "\":false}");
            assertThat(bob.get("/api/v1/users/me/subscriptions/" + enc(unknown)).status()).isEqualTo(404);
            assertThat(bob.get("/api/v1/users/me/subscriptions/" + enc(alices)).json().at("/name").asText()).isEqualTo("alice_channel");
            f.tandem.awaitIdle();
            assertThat(f.fake.received()).as("no lookup reached the other instance").hasSize(before);

            assertThat(bob.get("/api/v1/users/me/subscriptions/exist").status()).as("uris is required").isEqualTo(400);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
