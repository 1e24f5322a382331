package tandem.video;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The player's progress reports make a signed-in user's history, which the video details resume from. */
class HistoryTest {
    private static TestInstance tandem;
    private static TestClient ana;
    private static TestClient ben;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        ana = tandem.newUser("ana");
        ben = tandem.newUser("ben");
        uuid = tandem.admin().uploaded(TestMedia.clipWithAudio(), "Watched twice", Map.of("privacy", "1"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static void watching(TestClient who, double t) {
        Response r = who.putJson("/api/v1/videos/" + uuid + "/watching", Map.of("currentTime", t));
        assertThat(r.status()).as(r.text()).isEqualTo(204);
    }

    @Test
    void the_latest_position_is_kept_per_user_and_shown_in_the_details() {
        watching(ana, 2.7);
        watching(ana, 4.2);
        assertThat(ana.get("/api/v1/videos/" + uuid).json().at("/userHistory/currentTime").asInt()).isEqualTo(4);
        assertThat(ben.get("/api/v1/videos/" + uuid).json().has("userHistory")).as("ben never watched it").isFalse();
        assertThat(tandem.client().get("/api/v1/videos/" + uuid).json().has("userHistory")).isFalse();
        var list = ana.get("/api/v1/users/me/history/videos").json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        assertThat(list.at("/data/0/uuid").asText()).isEqualTo(uuid);
        assertThat(list.at("/data/0/userHistory/currentTime").asInt()).isEqualTo(4);
        assertThat(ben.get("/api/v1/users/me/history/videos").json().get("total").asInt()).isZero();
    }

    @Test
    void one_video_or_everything_can_be_removed() {
        watching(ben, 3);
        assertThat(ben.delete("/api/v1/users/me/history/videos/" + uuid).status()).isEqualTo(204);
        assertThat(ben.get("/api/v1/users/me/history/videos").json().get("total").asInt()).isZero();
        assertThat(ben.get("/api/v1/videos/" + uuid).json().has("userHistory")).isFalse();
        watching(ben, 3);
        Response bad = ben.postJson("/api/v1/users/me/history/videos/remove", Map.of("beforeDate", "yesterday"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("beforeDate");
        assertThat(ben.postJson("/api/v1/users/me/history/videos/remove", Map.of("beforeDate", "2000-01-01T00:00:00Z")).status()).isEqualTo(204);
        assertThat(ben.get("/api/v1/users/me/history/videos").json().get("total").asInt()).as("watched after 2000").isEqualTo(1);
        assertThat(ben.postJson("/api/v1/users/me/history/videos/remove", Map.of()).status()).isEqualTo(204);
        assertThat(ben.get("/api/v1/users/me/history/videos").json().get("total").asInt()).isZero();
    }

    @Test
    void bad_positions_and_strangers_are_refused() {
        Response bad = ana.putJson("/api/v1/videos/" + uuid + "/watching", Map.of("currentTime", "soon"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("currentTime");
        assertThat(ana.putJson("/api/v1/videos/" + uuid + "/watching", Map.of("currentTime", -1)).status()).isEqualTo(400);
        assertThat(tandem.client().get("/api/v1/users/me/history/videos").status()).isEqualTo(401);
        assertThat(tandem.client().delete("/api/v1/users/me/history/videos/" + uuid).status()).isEqualTo(401);
    }
}
