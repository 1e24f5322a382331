package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.web.BrowserScript;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PeerTube instance that keeps web videos only (no HLS: PeerTube's setting before 6.0, and still an
 * option) publishes a video: we list it with its MP4 files, and our player plays it from the origin's
 * file in Debian's headless Chromium.
 */
class RemoteWebVideoTest {

    @Test
    void a_video_from_an_origin_without_hls_plays_from_its_mp4_file() throws Exception {
        try (InboxFixture f = InboxFixture.start(Map.of())) {
            f.publishLocalAccount();
            f.tandemFollowsAlice();
            String path = "/videos/watch/web-only";
            String mp4 = f.fake.base() + "/static/web-videos/web-only-240.mp4";
            ObjectNode video = f.fake.video(path, f.fake.base() + path, f.alice(), f.fake.channel("alice_channel"));
            ((com.fasterxml.jackson.databind.node.ArrayNode) video.get("url")).addObject().put("type", "Link").put("mediaType", "video/mp4")
                    .put("href", mp4).put("height", 240).put("width", 320).put("fps", 25)
                    .put("size", Files.size(TestMedia.clipWithAudio()));
            f.fake.serve(path, video);
            f.fake.file("/static/web-videos/web-only-240.mp4", Files.readAllBytes(TestMedia.clipWithAudio()), "video/mp4");

            assertThat(f.fake.post(f.inbox(), f.alice(), f.activity("Create", f.alice(), f.fake.base() + path)).status()).isEqualTo(202);
            f.tandem.awaitIdle();
            String uuid = video.path("uuid").asText();
            JsonNode details = f.tandem.client().get("/api/v1/videos/" + uuid).json();
            assertThat(details.at("/streamingPlaylists")).as("no HLS at the origin").isEmpty();
            assertThat(details.at("/files/0/fileUrl").asText()).isEqualTo(mp4);
            assertThat(details.at("/files/0/resolution/id").asInt()).isEqualTo(240);

            BrowserScript run = BrowserScript.run(Duration.ofSeconds(90), "browser-watch.mjs", f.tandem.baseUrl() + "/videos/watch/" + uuid, "1", "40");
            assertThat(run.exitCode()).as(run.output()).isZero();
            JsonNode viewer = run.report().at("/viewers/0");
            assertThat(run.report().at("/errors")).as(run.output()).isEmpty();
            assertThat(viewer.at("/stats/mode").asText()).isEqualTo("web-video");
            assertThat(viewer.at("/stats/error").isNull()).as(run.output()).isTrue();
            assertThat(viewer.at("/currentTime").asDouble()).as("played past 2 s of the origin's file").isGreaterThan(2);
            assertThat(f.fake.received()).as("the browser fetched the file from the origin")
                    .anyMatch(r -> r.method().equals("GET") && r.path().equals("/static/web-videos/web-only-240.mp4"));
        }
    }
}
