package tandem.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PeerTube's admin `/api/v1/config/custom`: who may use it, a round trip, field-named errors, reset, and settings that take effect. */
class CustomConfigApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void only_an_administrator_reads_or_writes_the_custom_config() {
        try (TestInstance t = TestInstance.start()) {
            assertThat(t.client().get("/api/v1/config/custom").status()).isEqualTo(401);
            assertThat(t.client().putJson("/api/v1/config/custom", Map.of()).status()).isEqualTo(401);
            assertThat(t.client().delete("/api/v1/config/custom").status()).isEqualTo(401);
            TestClient user = t.newUser("mallory");
            assertThat(user.get("/api/v1/config/custom").status()).isEqualTo(403);
            assertThat(user.putJson("/api/v1/config/custom", Map.of("instance", Map.of("name", "Pwned"))).status()).isEqualTo(403);
            assertThat(user.delete("/api/v1/config/custom").status()).isEqualTo(403);
            assertThat(t.client().get("/api/v1/config").json().at("/instance/name").asText()).isNotEqualTo("Pwned");
            assertThat(t.client().get("/api/v1/config").json().at("/webadmin/configuration/edition/allowed").asBoolean()).isTrue();
        }
    }

    @Test
    void the_whole_object_round_trips_unknown_sections_are_echoed_and_delete_restores_the_defaults() throws Exception {
        try (TestInstance t = TestInstance.start()) {
            TestClient admin = t.admin();
            JsonNode defaults = admin.get("/api/v1/config/custom").json();
            assertThat(defaults.at("/signup/enabled").asBoolean()).isFalse();
            assertThat(defaults.at("/transcoding/resolutions/720p").asBoolean()).isTrue();
            assertThat(defaults.at("/tandem/p2p/anonymous").asText()).isEqualTo("on");

            // As PeerTube's client does: the object it read, changed, sent back whole, with a section we do not know.
            ObjectNode body = defaults.deepCopy();
            ObjectNode instance = (ObjectNode) body.get("instance");
            instance.put("name", "Vidéos de l'asso").put("shortDescription", "Nos vidéos").put("description", "Bienvenue **ici**")
                    .put("terms", "Soyez aimables").put("defaultNSFWPolicy", "blur");
            ((ObjectNode) body.get("admin")).put("email", "contact@asso.example");
            ((ObjectNode) body.get("signup")).put("enabled", true).put("requiresApproval", true).put("limit", 50).put("minimumAge", 18);
            ((ObjectNode) body.get("user")).put("videoQuota", 1_073_741_824L).put("videoQuotaDaily", 104_857_600L);
            ObjectNode resolutions = (ObjectNode) body.at("/transcoding/resolutions");
            List<String> keys = new ArrayList<>();
            resolutions.fieldNames().forEachRemaining(keys::add);
            keys.forEach(k -> resolutions.put(k, k.equals("360p") || k.equals("720p")));
            ((ObjectNode) body.at("/tandem/p2p")).put("anonymous", "ask").put("users", "off");
            body.putObject("storyboards").put("enabled", true);

            var put = admin.putJson("/api/v1/config/custom", body);
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            assertThat(put.json().at("/storyboards/enabled").asBoolean()).as("an unknown section is echoed").isTrue();
            assertThat(put.json().at("/instance/name").asText()).isEqualTo("Vidéos de l'asso");

            JsonNode read = admin.get("/api/v1/config/custom").json();
            assertThat(read.at("/instance/description").asText()).isEqualTo("Bienvenue **ici**");
            assertThat(read.at("/signup/requiresApproval").asBoolean()).isTrue();
            assertThat(read.at("/signup/limit").asInt()).isEqualTo(50);
            assertThat(read.at("/user/videoQuotaDaily").asLong()).isEqualTo(104_857_600L);
            assertThat(read.at("/transcoding/resolutions/720p").asBoolean()).isTrue();
            assertThat(read.at("/transcoding/resolutions/1080p").asBoolean()).isFalse();
            assertThat(read.at("/tandem/p2p/users").asText()).isEqualTo("off");

            JsonNode config = t.client().get("/api/v1/config").json();
            assertThat(config.at("/instance/name").asText()).isEqualTo("Vidéos de l'asso");
            assertThat(config.at("/signup/requiresApproval").asBoolean()).isTrue();
            assertThat(config.at("/transcoding/enabledResolutions").toString()).isEqualTo("[360,720]");
            assertThat(t.client().get("/nodeinfo/2.0").json().at("/metadata/nodeName").asText())
                    .as("nodeinfo names the instance as set now").isEqualTo("Vidéos de l'asso");
            assertThat(t.client().get("/accounts/peertube", "Accept", "application/activity+json").json().at("/name").asText())
                    .as("the instance actor carries the new name").isEqualTo("Vidéos de l'asso");
            assertThat(t.client().get("/feeds/videos.xml").text()).as("the feed's title").contains("<title>Vidéos de l&apos;asso</title>");
            t.awaitIdle();
            assertThat(admin.get("/api/v1/jobs/completed?jobType=activitypub-publish").json().toString())
                    .as("its followers are sent an Update").contains("instance-updated");

            // The default quotas apply to a user created now.
            var created = admin.postJson("/api/v1/users", Map.of("username", "newcomer", "password", "a-long-password-1",
                    "email", "newcomer@asso.example", "role", 2));
            assertThat(created.status()).as(created.text()).isEqualTo(200);
            JsonNode newcomer = admin.get("/api/v1/users/" + created.json().at("/user/id").asLong()).json();
            assertThat(newcomer.at("/videoQuota").asLong()).isEqualTo(1_073_741_824L);
            assertThat(newcomer.at("/videoQuotaDaily").asLong()).isEqualTo(104_857_600L);

            var reset = admin.delete("/api/v1/config/custom");
            assertThat(reset.status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/config/custom").json()).isEqualTo(defaults);
            assertThat(t.client().get("/api/v1/config").json().at("/signup/allowed").asBoolean()).isFalse();
        }
    }

    @Test
    void a_bad_value_is_a_400_that_names_the_field_and_changes_nothing() {
        try (TestInstance t = TestInstance.start()) {
            TestClient admin = t.admin();
            JsonNode before = admin.get("/api/v1/config/custom").json();
            Map<String, Object> cases = Map.of(
                    "instance.name", Map.of("instance", Map.of("name", " ")),
                    "admin.email", Map.of("admin", Map.of("email", "nobody")),
                    "user.videoQuota", Map.of("user", Map.of("videoQuota", "lots")),
                    "transcoding.resolutions.700p", Map.of("transcoding", Map.of("resolutions", Map.of("700p", true))),
                    "instance.defaultNSFWPolicy", Map.of("instance", Map.of("defaultNSFWPolicy", "show")),
                    "tandem.p2p.anonymous", Map.of("tandem", Map.of("p2p", Map.of("anonymous", "maybe"))),
                    "signup.enabled", Map.of("signup", Map.of("enabled", "yes")));
            cases.forEach((field, body) -> {
                var res = admin.putJson("/api/v1/config/custom", body);
                assertThat(res.status()).as(field).isEqualTo(400);
                assertThat(res.json().at("/detail").asText()).as(field).contains(field);
                assertThat(res.json().at("/invalid-params").toString() + res.json().at("/errors").toString()).as(field).contains(field);
            });
            assertThat(admin.get("/api/v1/config/custom").json()).isEqualTo(before);
        }
    }

    @Test
    void a_new_upload_is_encoded_only_to_the_chosen_resolutions() {
        try (TestInstance t = TestInstance.start()) {
            TestClient admin = t.admin();
            var put = admin.putJson("/api/v1/config/custom", Map.of("transcoding", Map.of("resolutions",
                    Map.of("240p", true, "360p", true, "480p", false, "720p", false, "1080p", false))));
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            // A web-ready 480p source would be remuxed as it is: above the chosen ceiling, it is encoded instead.
            String uuid = admin.uploaded(TestMedia.webReadyClip(640, 480, 3), "Chosen rungs", Map.of());
            t.awaitIdle();
            JsonNode files = t.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files");
            List<Integer> heights = new ArrayList<>();
            files.forEach(f -> heights.add(f.at("/resolution/id").asInt()));
            assertThat(heights).containsExactlyInAnyOrder(360, 240);
        }
    }
}
