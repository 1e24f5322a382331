package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user has one private "Watch later" playlist (PeerTube's type 2) that cannot be deleted; videos-exist says where a video is. */
class WatchLaterTest {
    private static TestInstance tandem;
    private static TestClient ana;
    private static TestClient ben;
    private static long videoId;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        ana = tandem.newUser("ana");
        ben = tandem.newUser("ben");
        String uuid = tandem.admin().uploaded(TestMedia.clipWithAudio(), "For later", Map.of("privacy", "1"));
        tandem.awaitIdle();
        videoId = tandem.client().get("/api/v1/videos/" + uuid).json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static JsonNode watchLater(TestClient who) {
        List<JsonNode> found = new ArrayList<>();
        who.get("/api/v1/users/me/video-playlists").json().get("data").forEach(p -> {
            if (p.at("/type/id").asInt() == 2) found.add(p);
        });
        assertThat(found).as("exactly one watch later playlist").hasSize(1);
        return found.getFirst();
    }

    @Test
    void each_user_has_one_private_watch_later_that_stays() {
        JsonNode first = watchLater(ana);
        assertThat(first.at("/displayName").asText()).isEqualTo("Watch later");
        assertThat(first.at("/privacy/id").asInt()).isEqualTo(3);
        assertThat(watchLater(ana).get("id").asLong()).as("asking again makes no second one").isEqualTo(first.get("id").asLong());
        assertThat(watchLater(ben).get("id").asLong()).isNotEqualTo(first.get("id").asLong());
        Response delete = ana.delete("/api/v1/video-playlists/" + first.get("uuid").asText());
        assertThat(delete.status()).isEqualTo(400);
        assertThat(delete.text()).contains("watch later");
        assertThat(ben.get("/api/v1/video-playlists/" + first.get("uuid").asText()).status()).as("private to ana").isEqualTo(403);
    }

    @Test
    void videos_exist_says_which_of_my_playlists_hold_a_video() {
        JsonNode later = watchLater(ben);
        Response add = ben.postJson("/api/v1/video-playlists/" + later.get("uuid").asText() + "/videos", Map.of("videoId", videoId));
        assertThat(add.status()).as(add.text()).isEqualTo(200);
        JsonNode exist = ben.get("/api/v1/users/me/video-playlists/videos-exist?videoIds=" + videoId + "&videoIds=999999").json();
        assertThat(exist.at("/" + videoId + "/0/playlistId").asLong()).isEqualTo(later.get("id").asLong());
        assertThat(exist.at("/" + videoId + "/0/playlistElementId").asLong()).isEqualTo(add.json().at("/videoPlaylistElement/id").asLong());
        assertThat(exist.get("999999")).isEmpty();
        assertThat(ana.get("/api/v1/users/me/video-playlists/videos-exist?videoIds=" + videoId).json().get(String.valueOf(videoId)))
                .as("ana's playlists do not hold it").isEmpty();
        Response bad = ben.get("/api/v1/users/me/video-playlists/videos-exist?videoIds=abc");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text()).contains("videoIds");
        assertThat(tandem.client().get("/api/v1/users/me/video-playlists/videos-exist?videoIds=1").status()).isEqualTo(401);
    }
}
