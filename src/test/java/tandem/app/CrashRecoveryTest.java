package tandem.app;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A `kill -9` in the middle of transcoding loses nothing: after a restart the job resumes and the video is published. */
class CrashRecoveryTest {

    @Test
    void a_video_whose_transcoding_was_killed_is_published_after_restart() throws Exception {
        Path source = TestMedia.clip1080p(6);
        try (TestInstance tandem = TestInstance.prepare(Map.of())) {
            Process child = startChild(tandem);
            try {
                TestClient admin = awaitReady(tandem).admin();
                assertThat(admin.upload(source, "Interrupted video", Map.of()).status()).isEqualTo(200);
                awaitTranscodingStarted(admin);
                child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no cleanup
            } finally {
                child.destroyForcibly();
                killOrphans(tandem.dataDir());
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

    private static Process startChild(TestInstance tandem) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "tandem.app.Main", "start");
        pb.environment().putAll(tandem.environment());
        pb.redirectErrorStream(true).redirectOutput(tandem.dataDir().resolve("child.log").toFile());
        return pb.start();
    }

    private static TestInstance awaitReady(TestInstance tandem) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (tandem.client().get("/health").status() == 200) return tandem;
            } catch (RuntimeException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("child instance did not start; see " + tandem.dataDir().resolve("child.log"));
    }

    private static void awaitTranscodingStarted(TestClient admin) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode active = admin.get("/api/v1/jobs/active").json();
            for (JsonNode job : active.get("data")) {
                if ("video-transcode".equals(job.get("type").asText())) {
                    Thread.sleep(1500); // let ffmpeg write partial output, so recovery has a mess to clean
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("transcoding never started");
    }

    /** The killed JVM's ffmpeg child has no parent left to stop it. */
    private static void killOrphans(Path dataDir) {
        String marker = dataDir.toString() + File.separator;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("ffmpeg")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }
}
