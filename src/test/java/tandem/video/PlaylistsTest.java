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

/** A user builds a playlist, reorders it, and nobody else can touch it. */
class PlaylistsTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient eve;
    private static final List<String> videos = new ArrayList<>();

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        for (int i = 1; i <= 3; i++) {
            videos.add(admin.upload(TestMedia.clipWithoutAudio(), "Episode " + i, Map.of()).json().at("/video/uuid").asText());
        }
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "eve", "password", "eve-password", "email", "eve@example.org",
                "role", 2)).status()).isEqualTo(200);
        eve = tandem.client().login("eve", "eve-password");
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static List<String> order(String playlist) {
        JsonNode els = tandem.client().get("/api/v1/video-playlists/" + playlist + "/videos").json();
        List<String> names = new ArrayList<>();
        els.get("data").forEach(e -> names.add(e.at("/video/name").asText()));
        return names;
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void a_playlist_is_built_reordered_and_trimmed_by_its_owner_only() {
        long channel = admin.me().at("/videoChannels/0/id").asLong();
        Response created = admin.postJson("/api/v1/video-playlists", Map.of("displayName", "Season one", "privacy", 1, "videoChannelId", channel));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String id = created.json().at("/videoPlaylist/uuid").asText();
        assertThat(fields(created.json().get("videoPlaylist"))).containsExactlyInAnyOrder("id", "uuid", "shortUUID");
        List<Long> elements = new ArrayList<>();
        for (String v : videos) {
            elements.add(admin.postJson("/api/v1/video-playlists/" + id + "/videos", Map.of("videoId", v)).json().at("/videoPlaylistElement/id").asLong());
        }
        assertThat(order(id)).containsExactly("Episode 1", "Episode 2", "Episode 3");
        assertThat(admin.postJson("/api/v1/video-playlists/" + id + "/videos/reorder", Map.of("startPosition", 3, "insertAfterPosition", 0)).status())
                .isEqualTo(204);
        assertThat(order(id)).containsExactly("Episode 3", "Episode 1", "Episode 2");
        assertThat(admin.postJson("/api/v1/video-playlists/" + id + "/videos/reorder", Map.of("startPosition", 1, "insertAfterPosition", 3)).status())
                .isEqualTo(204);
        assertThat(order(id)).containsExactly("Episode 1", "Episode 2", "Episode 3");
        assertThat(admin.postJson("/api/v1/video-playlists/" + id + "/videos/reorder", Map.of("startPosition", 9, "insertAfterPosition", 0)).status())
                .isEqualTo(400);

        assertThat(eve.postJson("/api/v1/video-playlists/" + id + "/videos", Map.of("videoId", videos.getFirst())).status()).isEqualTo(403);
        assertThat(eve.delete("/api/v1/video-playlists/" + id + "/videos/" + elements.getFirst()).status()).isEqualTo(403);
        assertThat(eve.putJson("/api/v1/video-playlists/" + id, Map.of("displayName", "Mine now")).status()).isEqualTo(403);
        assertThat(eve.delete("/api/v1/video-playlists/" + id).status()).isEqualTo(403);

        assertThat(admin.delete("/api/v1/video-playlists/" + id + "/videos/" + elements.get(1)).status()).isEqualTo(204);
        assertThat(order(id)).containsExactly("Episode 1", "Episode 3");
        JsonNode element = tandem.client().get("/api/v1/video-playlists/" + id + "/videos").json().at("/data/0");
        assertThat(fields(element)).containsExactly("id", "position", "startTimestamp", "stopTimestamp", "type", "video");
        assertThat(element.get("id").asLong()).isEqualTo(elements.getFirst());
        assertThat(element.get("position").asInt()).isEqualTo(1);
        assertThat(element.get("startTimestamp").isNull()).isTrue();
        assertThat(element.get("stopTimestamp").isNull()).isTrue();
        assertThat(element.get("type").asInt()).isZero();
        assertThat(element.at("/video/uuid").asText()).isEqualTo(videos.getFirst());
        JsonNode p = tandem.client().get("/api/v1/video-playlists/" + id).json();
        assertThat(fields(p)).containsExactly("id", "uuid", "shortUUID", "isLocal", "url", "displayName", "description", "privacy",
                "thumbnailPath", "videosLength", "type", "embedPath", "createdAt", "updatedAt", "ownerAccount", "videoChannel");
        assertThat(p.get("uuid").asText()).isEqualTo(id);
        assertThat(p.get("isLocal").asBoolean()).isTrue();
        assertThat(p.get("url").asText()).isEqualTo(tandem.baseUrl() + "/video-playlists/" + id);
        assertThat(p.get("displayName").asText()).isEqualTo("Season one");
        assertThat(p.get("description").isNull()).isTrue();
        assertThat(p.get("thumbnailPath").isNull()).isTrue();
        assertThat(p.get("type").toString()).isIn("{\"id\":1,\"label\":\"Regular\"}", "{\"label\":\"Regular\",\"id\":1}");
        assertThat(p.get("embedPath").asText()).isEqualTo("/video-playlists/embed/" + id);
        assertThat(p.at("/ownerAccount/name").asText()).isEqualTo("root");
        assertThat(p.at("/videoChannel/id").asLong()).isEqualTo(channel);
        assertThat(p.get("videosLength").asInt()).isEqualTo(2);
        assertThat(p.at("/privacy/id").asInt()).isEqualTo(1);
        assertThat(p.at("/privacy/label").asText()).isEqualTo("Public");
        assertThat(fields(tandem.client().get("/api/v1/video-playlists/privacies").json())).containsExactlyInAnyOrder("1", "2", "3");
        assertThat(tandem.client().get("/api/v1/video-playlists/privacies").json().get("2").asText()).isEqualTo("Unlisted");
        assertThat(tandem.client().get("/api/v1/video-playlists").json().get("total").asInt()).isEqualTo(1);
        assertThat(tandem.client().get("/api/v1/accounts/root/video-playlists").json().get("total").asInt()).isEqualTo(1);
        assertThat(admin.delete("/api/v1/video-playlists/" + id).status()).isEqualTo(204);
        assertThat(tandem.client().get("/api/v1/video-playlists/" + id).status()).isEqualTo(404);
    }

    @Test
    void private_playlists_stay_private_and_bad_fields_are_refused() {
        Response created = eve.postJson("/api/v1/video-playlists", Map.of("displayName", "Secret list"));
        String id = created.json().at("/videoPlaylist/shortUUID").asText();
        JsonNode secret = eve.get("/api/v1/video-playlists/" + id).json();
        assertThat(secret.at("/privacy/id").asInt()).isEqualTo(3);
        assertThat(secret.at("/privacy/label").asText()).isEqualTo("Private");
        assertThat(secret.get("videoChannel").isNull()).as("no channel: null, not absent").isTrue();
        assertThat(tandem.client().get("/api/v1/video-playlists/" + id).status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/video-playlists/" + id + "/videos").status()).isEqualTo(403);
        assertThat(eve.get("/api/v1/users/me/video-playlists").json().get("total").asInt()).as("hers and her Watch later").isEqualTo(2);
        assertThat(eve.postJson("/api/v1/video-playlists", Map.of("displayName", "")).status()).isEqualTo(400);
        assertThat(eve.postJson("/api/v1/video-playlists", Map.of("displayName", "Public without channel", "privacy", 1)).status()).isEqualTo(400);
        long adminChannel = admin.me().at("/videoChannels/0/id").asLong();
        assertThat(eve.postJson("/api/v1/video-playlists", Map.of("displayName", "Squat", "privacy", 2, "videoChannelId", adminChannel)).status())
                .isEqualTo(403);
        assertThat(eve.postJson("/api/v1/video-playlists/" + id + "/videos", Map.of("videoId", "not-a-video!")).status()).isEqualTo(400);
        assertThat(tandem.client().postJson("/api/v1/video-playlists", Map.of("displayName", "Anon")).status()).isEqualTo(401);
    }
}
