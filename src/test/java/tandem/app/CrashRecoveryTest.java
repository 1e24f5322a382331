package tandem.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.ChildInstance;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A `kill -9` in the middle of encoding the ladder loses nothing: after a restart the job resumes and the video,
 * published first with its remuxed rendition, gets the whole ladder.
 */
class CrashRecoveryTest {

    @Test
    void a_video_whose_transcoding_was_killed_is_published_after_restart() throws Exception {
        Path source = TestMedia.clip1080p(6);
        try (TestInstance tandem = TestInstance.prepare(Map.of())) {
            try (ChildInstance child = ChildInstance.start(tandem)) {
                child.awaitReady(Duration.ofSeconds(60));
                TestClient admin = tandem.admin();
                assertThat(admin.upload(source, "Interrupted video", Map.of()).status()).isEqualTo(200);
                awaitTranscodingStarted(admin);
                child.kill();
            }
            tandem.restartApp();
            TestClient admin = tandem.admin();
            tandem.awaitIdle(Duration.ofMinutes(4));
            JsonNode mine = admin.get("/api/v1/users/me/videos").json();
            assertThat(mine.get("total").asInt()).isEqualTo(1);
            String uuid = mine.at("/data/0/uuid").asText();
            JsonNode v = admin.get("/api/v1/videos/" + uuid).json();
            assertThat(v.at("/state/id").asInt()).as(v.toString()).isEqualTo(1);
            assertThat(v.at("/streamingPlaylists/0/files").size()).isEqualTo(5);
            assertThat(tandem.client().get(v.at("/streamingPlaylists/0/playlistUrl").asText()).status()).isEqualTo(200);
        }
    }

    private static void awaitTranscodingStarted(TestClient admin) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode active = admin.get("/api/v1/jobs/active").json();
            for (JsonNode job : active.get("data")) {
                if ("video-ladder".equals(job.get("type").asText())) {
                    Thread.sleep(1500); // let ffmpeg write partial output, so recovery has a mess to clean
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the ladder never started");
    }
}
