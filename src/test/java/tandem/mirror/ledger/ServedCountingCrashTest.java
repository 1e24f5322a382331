package tandem.mirror.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.ChildInstance;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `kill -9` loses no counted byte once a flush interval has passed: bytes served by a child process,
 * then SIGKILL, then a restart finds them all in `served_bytes`, equal to what the client received.
 */
class ServedCountingCrashTest {

    @Test
    void bytes_counted_before_a_kill_survive_it() throws Exception {
        try (TestInstance tandem = TestInstance.prepare(Map.of("ledger_flush_seconds", "1"))) {
            String uuid;
            long received = 0;
            try (ChildInstance child = ChildInstance.start(tandem)) {
                child.awaitReady(Duration.ofSeconds(60));
                TestClient admin = tandem.admin();
                uuid = admin.upload(TestMedia.clipWithAudio(), "Killed while counting", Map.of("privacy", "1")).json().at("/video/uuid").asText();
                JsonNode files = awaitPublished(tandem.client(), uuid);
                for (int i = 0; i < 5; i++) {
                    for (JsonNode f : files) {
                        TestClient.Response r = tandem.client().get(f.get("fileUrl").asText());
                        assertThat(r.status()).isEqualTo(200);
                        received += r.body().length;
                    }
                }
                Thread.sleep(2500); // more than one flush interval (1 s): that is the promise under test
                child.kill();
            }
            tandem.restartApp();
            long counted = tandem.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE video_uuid = :u").bind("u", uuid).mapTo(Long.class).one());
            assertThat(received).isGreaterThan(0);
            assertThat(counted).isEqualTo(received);
        }
    }

    private static JsonNode awaitPublished(TestClient client, String uuid) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode v = client.get("/api/v1/videos/" + uuid).json();
            if (v.at("/state/id").asInt() == 1 && v.at("/streamingPlaylists/0/files").size() > 0) return v.at("/streamingPlaylists/0/files");
            Thread.sleep(200);
        }
        throw new AssertionError("the video was never published");
    }
}
