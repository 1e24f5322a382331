package tandem.mirror.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.ChildInstance;
import tandem.testing.Eventually;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A mirror killed mid-hour (`kill -9`) loses none of the bytes it counted for its origin: B, a child
 * process, mirrors A's video and serves it, then dies; once restarted, its `served_bytes` for A hold
 * at least what the client received, and at most that plus A's check of the copy (one segment).
 */
class MirrorCountingCrashTest {
    private static final Duration WITHIN = Duration.ofSeconds(90);

    @Test
    void bytes_a_mirror_counted_before_a_kill_survive_it() throws Exception {
        try (TestInstance a = Federated.start();
             TestInstance b = TestInstance.prepare(Federated.settings(Map.of("ledger_flush_seconds", "1")))) {
            var up = a.admin().upload(TestMedia.clipWithAudio(), "Mirrored, then killed", Map.of("privacy", "1"));
            assertThat(up.status()).as(up.text()).isEqualTo(200);
            String uuid = up.json().at("/video/uuid").asText();
            a.awaitIdle();
            long received = 0;
            long largestFile = 0;
            try (ChildInstance child = ChildInstance.start(b)) {
                child.awaitReady(Duration.ofSeconds(60));
                assertThat(b.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
                long onB = Eventually.await("B knows A's video", WITHIN, () -> {
                    TestClient.Response r = b.client().get("/api/v1/videos/" + uuid);
                    return r.status() == 200 ? r.json().get("id").asLong() : null;
                });
                assertThat(b.admin().putJson("/api/v1/server/redundancy/" + Federated.host(a), Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
                TestClient.Response added = b.admin().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", onB));
                assertThat(added.status()).as(added.text()).isEqualTo(204);
                String mirror = b.baseUrl() + "/static/redundancy/hls/" + uuid;
                Eventually.await("A lists B's checked mirror", WITHIN, () -> a.client().get("/api/v1/videos/" + uuid).json()
                        .at("/streamingPlaylists/0/redundancies").toString().contains(mirror) ? true : null);
                for (int i = 0; i < 5; i++) {
                    for (JsonNode f : a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files")) {
                        String url = f.get("fileUrl").asText();
                        TestClient.Response r = b.client().get(mirror + url.substring(url.lastIndexOf('/')));
                        assertThat(r.status()).as(url).isEqualTo(200);
                        received += r.body().length;
                        largestFile = Math.max(largestFile, r.body().length);
                    }
                }
                Thread.sleep(2500); // more than one flush interval (1 s): that is the promise under test
                child.kill();
            }
            b.restartApp();
            long counted = b.app().database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE video_uuid = :u AND origin_host = :o")
                    .bind("u", uuid).bind("o", Federated.host(a)).mapTo(Long.class).one());
            assertThat(received).isPositive();
            assertThat(counted).as("nothing lost").isGreaterThanOrEqualTo(received);
            assertThat(counted - received).as("only A's check of one segment besides").isLessThanOrEqualTo(largestFile);
        }
    }
}
