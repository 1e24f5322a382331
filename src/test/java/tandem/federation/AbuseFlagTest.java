package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report crosses instances as PeerTube's Flag: a user of B reports a video of A; B's moderators see
 * the report, and A receives the Flag (by B's instance actor, naming the video) and lists it for its own
 * moderators. Blocked with `unfederate`, the video is withdrawn from B (a Delete) until it is unblocked.
 * A Flag that names nothing of A is refused and adds nothing.
 */
class AbuseFlagTest {

    @Test
    void a_report_on_b_about_a_video_of_a_reaches_a_as_a_flag() {
        try (TestInstance a = Federated.start(); TestInstance b = Federated.start()) {
            assertThat(b.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            String uuid = a.newUser("cook").uploaded(TestMedia.clipWithAudio(), "Remote advert", Map.of("privacy", "1"));
            Federated.awaitIdle(a, b);
            JsonNode onB = b.client().get("/api/v1/videos/" + uuid).json();
            assertThat(onB.path("isLocal").asBoolean()).as("B knows A's video").isFalse();

            TestClient reporter = b.newUser("reporter");
            var made = reporter.postJson("/api/v1/abuses", Map.of("reason", "An advert, not a recipe", "predefinedReasons", List.of("spamOrMisleading"),
                    "video", Map.of("id", onB.path("id").asLong())));
            assertThat(made.status()).as(made.text()).isEqualTo(200);
            Federated.awaitIdle(a, b);

            assertThat(b.admin().get("/api/v1/abuses").json().at("/data/0/video/uuid").asText()).isEqualTo(uuid);
            JsonNode received = a.admin().get("/api/v1/abuses").json();
            assertThat(received.path("total").asInt()).as("A lists the Flag it received").isEqualTo(1);
            JsonNode abuse = received.at("/data/0");
            assertThat(abuse.at("/reason").asText()).isEqualTo("An advert, not a recipe");
            assertThat(abuse.at("/predefinedReasons/0").asText()).isEqualTo("spamOrMisleading");
            assertThat(abuse.at("/video/uuid").asText()).isEqualTo(uuid);
            assertThat(abuse.at("/flaggedAccount/name").asText()).isEqualTo("cook");
            assertThat(abuse.at("/reporterAccount/host").asText()).as("reported by B's instance, not by B's user").isEqualTo(Federated.host(b));
            assertThat(abuse.at("/reporterAccount/name").asText()).isNotEqualTo("reporter");

            // A's moderators block the video and withdraw it from federation: B hears a Delete and drops it.
            assertThat(a.admin().postJson("/api/v1/videos/" + uuid + "/blacklist", Map.of("reason", "Advert", "unfederate", true)).status())
                    .isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/videos/" + uuid).status()).as("withdrawn from B").isEqualTo(404);
            // Unblocked, it is announced again.
            assertThat(a.admin().delete("/api/v1/videos/" + uuid + "/blacklist").status()).isEqualTo(204);
            Federated.awaitIdle(a, b);
            assertThat(b.client().get("/api/v1/videos/" + uuid).status()).as("announced to B again").isEqualTo(200);
        }
    }

    @Test
    void a_flag_about_something_that_is_not_ours_is_refused() {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            var flag = f.activity("Flag", f.alice(), f.fake.base() + "/videos/watch/not-ours");
            flag.put("content", "Spam");
            assertThat(f.fake.post(f.inbox(), f.alice(), flag).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            assertThat(f.admin.get("/api/v1/abuses").json().path("total").asInt()).isZero();
        }
    }
}
