package tandem.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A channel's owner edits its profile at PeerTube's path; others may not, and bad values change nothing. */
class ChannelEditingTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient ana;
    private static TestClient ben;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        ana = tandem.newUser("ana");
        ben = tandem.newUser("ben");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void the_owner_edits_and_the_fields_not_given_stay() {
        Response r = ana.putJson("/api/v1/video-channels/ana_channel", Map.of("displayName", "Ana's garden", "description", "Seeds and soil", "support", "Tips welcome"));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
        assertThat(ana.putJson("/api/v1/video-channels/ana_channel", Map.of("description", "Soil, mostly")).status()).isEqualTo(204);
        var c = tandem.client().get("/api/v1/video-channels/ana_channel").json();
        assertThat(c.at("/displayName").asText()).isEqualTo("Ana's garden");
        assertThat(c.at("/description").asText()).isEqualTo("Soil, mostly");
        assertThat(c.at("/support").asText()).isEqualTo("Tips welcome");

        assertThat(ana.putJson("/api/v1/video-channels/ana_channel", Map.of("support", "")).status()).as("empty clears").isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-channels/ana_channel").json().at("/support").isNull()).isTrue();
        Map<String, Object> cleared = new HashMap<>();
        cleared.put("description", null);
        assertThat(ana.putJson("/api/v1/video-channels/ana_channel", cleared).status()).as("null clears too").isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-channels/ana_channel").json().at("/description").isNull()).isTrue();
    }

    @Test
    void nobody_else_edits_it_but_admins_and_moderators() {
        assertThat(ben.putJson("/api/v1/video-channels/ana_channel", Map.of("displayName", "Ben's now")).status()).isEqualTo(403);
        assertThat(tandem.client().putJson("/api/v1/video-channels/ana_channel", Map.of("displayName", "Anyone's")).status()).isEqualTo(401);
        assertThat(ben.putJson("/api/v1/video-channels/nobody_channel", Map.of("displayName", "Ghost")).status()).isEqualTo(404);
        assertThat(admin.putJson("/api/v1/video-channels/ben_channel", Map.of("displayName", "Renamed by the admin")).status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-channels/ben_channel").json().at("/displayName").asText()).isEqualTo("Renamed by the admin");
        assertThat(tandem.client().get("/api/v1/video-channels/ana_channel").json().at("/displayName").asText()).isNotIn("Ben's now", "Anyone's");
    }

    @Test
    void bad_values_are_refused_with_the_field_and_change_nothing() {
        String before = tandem.client().get("/api/v1/video-channels/ben_channel").json().toString();
        Response blank = ben.putJson("/api/v1/video-channels/ben_channel", Map.of("displayName", "  ", "description", "fine"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.text()).contains("displayName");
        Response longText = ben.putJson("/api/v1/video-channels/ben_channel", Map.of("description", "x".repeat(1001)));
        assertThat(longText.status()).isEqualTo(400);
        assertThat(longText.text()).contains("description");
        assertThat(ben.putJson("/api/v1/video-channels/ben_channel", Map.of("displayName", 42)).status()).isEqualTo(400);
        assertThat(tandem.client().get("/api/v1/video-channels/ben_channel").json().toString()).isEqualTo(before);
    }
}
