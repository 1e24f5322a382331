package tandem.account;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A user makes more channels at PeerTube's path and deletes them, never the last one; bad names are refused with the field. */
class ChannelsTest {
    private static TestInstance tandem;
    private static TestClient ana;
    private static TestClient ben;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        ana = tandem.newUser("ana");
        ben = tandem.newUser("ben");
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void a_second_channel_is_created_listed_and_deleted() {
        Response r = ana.postJson("/api/v1/video-channels", Map.of("name", "ana_garden", "displayName", "Ana's garden", "description", "Seeds", "support", "Tips"));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        long id = r.json().at("/videoChannel/id").asLong();
        var c = tandem.client().get("/api/v1/video-channels/ana_garden").json();
        assertThat(c.get("id").asLong()).isEqualTo(id);
        assertThat(c.get("displayName").asText()).isEqualTo("Ana's garden");
        assertThat(c.get("description").asText()).isEqualTo("Seeds");
        assertThat(c.at("/ownerAccount/name").asText()).isEqualTo("ana");
        assertThat(ana.get("/api/v1/users/me").json().get("videoChannels")).hasSize(2);
        assertThat(tandem.client().get("/api/v1/accounts/ana/video-channels").json().get("total").asInt()).isEqualTo(2);

        assertThat(ben.delete("/api/v1/video-channels/ana_garden").status()).as("not ben's").isEqualTo(403);
        assertThat(ana.delete("/api/v1/video-channels/ana_garden").status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-channels/ana_garden").status()).isEqualTo(404);
        Response last = ana.delete("/api/v1/video-channels/ana_channel");
        assertThat(last.status()).as("the last one stays").isEqualTo(409);
        assertThat(last.text()).contains("last channel");
    }

    @Test
    void bad_or_taken_names_are_refused() {
        Response bad = ben.postJson("/api/v1/video-channels", Map.of("name", "has spaces", "displayName", "Fine"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("name");
        Response noDisplay = ben.postJson("/api/v1/video-channels", Map.of("name", "ben_second"));
        assertThat(noDisplay.status()).isEqualTo(400);
        assertThat(noDisplay.text()).contains("displayName");
        assertThat(ben.postJson("/api/v1/video-channels", Map.of("name", "ana_channel", "displayName", "Taken")).status()).isEqualTo(409);
        assertThat(ben.postJson("/api/v1/video-channels", Map.of("name", "ana", "displayName", "An account's name")).status()).isEqualTo(409);
        assertThat(tandem.client().postJson("/api/v1/video-channels", Map.of("name", "anon_channel", "displayName", "Anon")).status()).isEqualTo(401);
        assertThat(ben.get("/api/v1/users/me").json().get("videoChannels")).as("nothing was made").hasSize(1);
    }
}
