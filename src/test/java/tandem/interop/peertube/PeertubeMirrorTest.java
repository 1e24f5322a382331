package tandem.interop.peertube;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;
import tandem.web.BrowserScript;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static tandem.interop.peertube.RealPeertube.await;

/**
 * Mirrors both ways with a real PeerTube: PeerTube mirrors a Tandem video with its own redundancy
 * and our API and player use that mirror; Tandem mirrors a PeerTube video and PeerTube's API lists
 * our mirror. Runs on its own port, so PeerTube meets a Tandem it has never seen (see test-interop).
 */
@Tag("peertube")
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeertubeMirrorTest {
    private static final int PORT = Integer.parseInt(System.getenv().getOrDefault("TANDEM_INTEROP_MIRROR_PORT", "19402"));
    private static final String HOST = "127.0.0.1:" + PORT;
    private static final Duration FEDERATION = Duration.ofSeconds(60);

    private TestInstance tandem;
    private TestClient us;
    private TestClient them;
    private String ourVideo;
    private String theirVideo;

    @BeforeAll
    void start() {
        them = RealPeertube.root();
        tandem = TestInstance.start(Federated.settings(Map.of("port", String.valueOf(PORT), "public_url", "http://" + HOST)));
        us = new TestClient("http://" + HOST).login("root", TestInstance.ADMIN_PASSWORD);
        assertThat(us.postJson("/api/v1/server/following", Map.of("hosts", List.of(RealPeertube.HOST))).status()).isIn(200, 204);
        assertThat(them.postJson("/api/v1/server/following", Map.of("hosts", List.of(HOST))).status()).isIn(200, 204);
        await("both follows accepted", FEDERATION, () ->
                RealPeertube.followRow(us.get("/api/v1/server/following?count=100").json(), "following", RealPeertube.HOST, "accepted") != null
                        && RealPeertube.followRow(them.get("/api/v1/server/following?count=100").json(), "following", HOST, "accepted") != null
                        ? true : null);
    }

    @AfterAll
    void stop() {
        if (them != null) {
            them.delete("/api/v1/server/following/" + HOST);
            if (us != null) us.delete("/api/v1/server/following/" + RealPeertube.HOST);
        }
        if (tandem != null) tandem.close();
    }

    @Test
    @Order(1)
    void peertube_mirrors_our_video_and_our_api_lists_its_mirror() {
        TestClient.Response up = us.upload(TestMedia.longClip(), "Mirrored by PeerTube", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        ourVideo = up.json().at("/video/uuid").asText();
        tandem.awaitIdle(Duration.ofMinutes(4));
        JsonNode there = await("our video on PeerTube", FEDERATION, () -> {
            JsonNode v = them.get("/api/v1/search/videos?search=" + enc("http://" + HOST + "/videos/watch/" + ourVideo)).json();
            return v.get("total").asInt() == 1 ? v.at("/data/0") : null;
        });
        assertThat(them.putJson("/api/v1/server/redundancy/" + HOST, Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
        // PeerTube's test configuration also runs its strategies every minute: one of them may mirror it first.
        int added = them.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", there.get("id").asLong())).status();
        assertThat(added).isIn(204, 409);
        String mirror = RealPeertube.URL + "/static/redundancy/hls/" + ourVideo;
        JsonNode listed = await("PeerTube's mirror, checked, in our API", Duration.ofMinutes(3), () -> {
            JsonNode r = us.get("/api/v1/videos/" + ourVideo).json().at("/streamingPlaylists/0/redundancies");
            return r.toString().contains(mirror) ? r : null;
        });
        System.out.println("interop: our redundancies of our video: " + listed);
        JsonNode theirs = them.get("/api/v1/server/redundancy/videos?target=remote-videos&count=100").json();
        assertThat(theirs.toString()).as("PeerTube's own list of its mirrors").contains(ourVideo);
    }

    @Test
    @Order(2)
    void our_player_fetches_segments_from_peertubes_mirror() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs",
                "http://" + HOST + "/videos/watch/" + ourVideo, "1", "40", "0", "time");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        JsonNode stats = run.report().at("/viewers/0/stats");
        System.out.println("interop: our player with PeerTube's mirror: " + stats);
        assertThat(run.report().at("/viewers/0/currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(stats.at("/rejected").asInt()).as(out).isZero();
        long fromPeertube = 0;
        for (JsonNode s : stats.path("sources")) if (RealPeertube.HOST.equals(s.path("host").asText())) fromPeertube += s.path("bytes").asLong();
        assertThat(fromPeertube).as("bytes from PeerTube's mirror: " + out).isPositive();
    }

    @Test
    @Order(3)
    void tandem_mirrors_a_peertube_video_and_peertubes_api_lists_our_mirror() {
        TestClient.Response up = them.upload(TestMedia.clipWithAudio(), "Mirrored by Tandem", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        theirVideo = up.json().at("/video/uuid").asText();
        await("PeerTube publishes its video", Duration.ofMinutes(4), () ->
                them.get("/api/v1/videos/" + theirVideo).json().at("/state/id").asInt() == 1 ? true : null);
        JsonNode here = await("the PeerTube video on Tandem", FEDERATION, () -> {
            TestClient.Response r = us.get("/api/v1/videos/" + theirVideo);
            return r.status() == 200 && !r.json().get("isLocal").asBoolean() ? r.json() : null;
        });
        assertThat(us.putJson("/api/v1/server/redundancy/" + RealPeertube.HOST, Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
        TestClient.Response added = us.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", here.get("id").asLong()));
        assertThat(added.status()).as(added.text()).isEqualTo(204);
        String ours = "http://" + HOST + "/static/redundancy/hls/" + theirVideo;
        await("our copy ready", Duration.ofMinutes(2), () ->
                us.get("/api/v1/videos/" + theirVideo).json().at("/streamingPlaylists/0/redundancies").toString().contains(ours) ? true : null);
        JsonNode listed = await("our mirror in PeerTube's API", FEDERATION, () -> {
            JsonNode r = them.get("/api/v1/videos/" + theirVideo).json().at("/streamingPlaylists/0/redundancies");
            return r.toString().contains(ours) ? r : null;
        });
        System.out.println("interop: PeerTube's redundancies of its video: " + listed);
        JsonNode mine = us.get("/api/v1/server/redundancy/videos?target=remote-videos&count=100").json();
        assertThat(mine.toString()).contains(theirVideo);
    }

    @Test
    @Order(4)
    void removing_our_mirror_removes_it_from_peertube() {
        JsonNode mine = us.get("/api/v1/server/redundancy/videos?target=remote-videos&count=100").json();
        long id = -1;
        for (JsonNode item : mine.get("data")) {
            if (theirVideo.equals(item.get("uuid").asText())) id = item.at("/redundancies/streamingPlaylists/0/id").asLong();
        }
        assertThat(id).as(mine.toString()).isPositive();
        assertThat(us.delete("/api/v1/server/redundancy/videos/" + id).status()).isEqualTo(204);
        String ours = "http://" + HOST + "/static/redundancy/hls/" + theirVideo;
        await("our mirror gone from PeerTube's API", FEDERATION, () ->
                them.get("/api/v1/videos/" + theirVideo).json().at("/streamingPlaylists/0/redundancies").toString().contains(ours) ? null : true);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
