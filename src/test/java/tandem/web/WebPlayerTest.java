package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person opens Tandem in a real headless Chromium and the video plays, every segment verified. */
class WebPlayerTest {
    private static TestInstance tandem;
    private static String shortUuid;

    @BeforeAll
    static void publish() {
        tandem = TestInstance.start();
        var admin = tandem.admin();
        String uuid = admin.upload(TestMedia.clipWithAudio(), "Played in Chromium", Map.of("description", "A test & a <demo>")).json()
                .at("/video/uuid").asText();
        tandem.awaitIdle();
        shortUuid = admin.get("/api/v1/videos/" + uuid).json().get("shortUUID").asText();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void the_watch_page_plays_the_video_in_chromium() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs",
                tandem.baseUrl() + "/w/" + shortUuid, "1", "60");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        JsonNode r = run.report();
        JsonNode viewer = r.at("/viewers/0");
        assertThat(viewer.get("title").asText()).isEqualTo("Played in Chromium");
        assertThat(viewer.get("currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(viewer.at("/stats/http").asLong()).as(out).isPositive();
        assertThat(viewer.at("/stats/rejected").asInt()).isZero();
        assertThat(viewer.at("/stats/error").isNull()).as(out).isTrue();
    }

    @Test
    void two_viewers_of_one_video_connect_to_each_other_over_webrtc() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs",
                tandem.baseUrl() + "/videos/watch/" + shortUuid, "2", "60");
        String out = run.output();
        JsonNode r = run.report();
        for (JsonNode viewer : r.get("viewers")) {
            assertThat(viewer.at("/stats/peers").asInt()).as("peers met through /tracker/socket: " + out).isGreaterThanOrEqualTo(1);
            assertThat(viewer.at("/stats/rejected").asInt()).isZero();
        }
    }

    @Test
    void a_viewer_who_joins_later_receives_verified_segments_from_the_first_one() {
        var admin = tandem.admin();
        String uuid = admin.upload(TestMedia.longClip(), "Shared between viewers", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(150), "browser-watch.mjs",
                tandem.baseUrl() + "/videos/watch/" + uuid, "2", "90", "6", "p2p");
        String out = run.output();
        JsonNode r = run.report();
        JsonNode second = r.at("/viewers/1/stats");
        assertThat(second.get("p2p").asLong()).as("bytes the second viewer got from the first: " + out).isPositive();
        assertThat(second.get("rejected").asInt()).isZero();
        assertThat(r.at("/viewers/0/stats/peers").asInt()).isGreaterThanOrEqualTo(1);

        // The players reported where their bytes came from; the admin's P2P chart is built from that.
        JsonNode stats = admin.get("/api/v1/server/p2p-stats?hours=1").json();
        JsonNode video = null;
        for (JsonNode v : stats.get("topVideos")) if (v.get("uuid").asText().equals(uuid)) video = v;
        assertThat(video).as(stats.toString()).isNotNull();
        assertThat(video.get("p2pBytes").asLong()).as(stats.toString()).isPositive();
        assertThat(video.get("httpBytes").asLong()).isPositive();
        assertThat(stats.at("/totals/reports").asInt()).isPositive();
    }

    @Test
    void a_tampered_segment_from_a_peer_is_rejected_and_playback_goes_on() {
        var admin = tandem.admin();
        String uuid = admin.upload(TestMedia.longClip(), "Guarded by SHA-256", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "tampering-peer.mjs",
                tandem.baseUrl() + "/videos/watch/" + uuid, "35");
        String out = run.output();
        JsonNode r = run.report();
        assertThat(r.get("errors").size()).as("page errors, or a malicious viewer with nothing to offer: " + out).isZero();
        JsonNode honest = r.at("/honest/stats");
        assertThat(honest.get("rejected").asInt()).as("tampered pieces refused by the honest viewer: " + out).isPositive();
        assertThat(r.at("/honest/currentTime").asDouble()).as("playback went on from verified bytes: " + out).isGreaterThan(12);
        assertThat(honest.get("error").isNull()).isTrue();
    }

    @Test
    void the_embed_page_plays_the_video_for_other_sites() {
        String uuid = tandem.admin().get("/api/v1/videos/" + shortUuid).json().get("uuid").asText();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs",
                tandem.baseUrl() + "/videos/embed/" + uuid + "?autoplay=1", "1", "60");
        String out = run.output();
        JsonNode viewer = run.report().at("/viewers/0");
        assertThat(viewer.get("title").asText()).isEqualTo("Played in Chromium");
        assertThat(viewer.get("currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(viewer.at("/stats/rejected").asInt()).isZero();
    }

    @Test
    void the_owner_plays_a_private_video_with_a_file_token() {
        var admin = tandem.admin();
        String uuid = admin.upload(TestMedia.clipWithAudio(), "Only for me", Map.of("privacy", "3")).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), Map.of("TANDEM_ACCESS_TOKEN", admin.token()), "browser-watch.mjs",
                tandem.baseUrl() + "/videos/watch/" + uuid, "1", "60");
        String out = run.output();
        JsonNode viewer = run.report().at("/viewers/0");
        assertThat(viewer.get("title").asText()).isEqualTo("Only for me");
        assertThat(viewer.get("currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(viewer.at("/stats/http").asLong()).isPositive();
        assertThat(viewer.at("/stats/error").isNull()).as(out).isTrue();
    }

    @Test
    void pages_are_served_with_sharing_tags() {
        Response home = tandem.client().get("/");
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.header("Content-Type")).startsWith("text/html");
        Response watch = tandem.client().get("/w/" + shortUuid);
        assertThat(watch.text()).contains("<meta property=\"og:title\" content=\"Played in Chromium\">")
                .contains("content=\"A test &amp; a &lt;demo&gt;\"").contains("twitter:card")
                .contains("type=\"application/json+oembed\" href=\"" + tandem.baseUrl() + "/services/oembed?url=");
        String script = watch.text().replaceAll("(?s).*<script type=\"module\" crossorigin src=\"([^\"]+)\".*", "$1");
        Response js = tandem.client().get(script);
        assertThat(js.status()).isEqualTo(200);
        assertThat(js.header("Cache-Control")).contains("immutable");
        assertThat(tandem.client().get("/assets/..%2F..%2Fetc").status()).isEqualTo(404);
    }
}
