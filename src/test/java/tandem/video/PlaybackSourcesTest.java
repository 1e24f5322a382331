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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Players say how many HTTP bytes each source (the origin, each mirror) carried (`tandemSources`);
 * the origin keeps the sums per video and host durably and shows them to its admins and moderators.
 */
class PlaybackSourcesTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        uuid = admin.upload(TestMedia.clipWithAudio(), "Carried by mirrors", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static Map<String, Object> report(long http, Object sources) {
        Map<String, Object> m = new HashMap<>();
        m.put("videoId", uuid);
        m.put("playerMode", "p2p-media-loader");
        m.put("resolution", 720);
        m.put("p2pEnabled", true);
        m.put("resolutionChanges", 0);
        m.put("errors", 0);
        m.put("downloadedBytesP2P", 0);
        m.put("downloadedBytesHTTP", http);
        m.put("uploadedBytesP2P", 0);
        if (sources != null) m.put("tandemSources", sources);
        return m;
    }

    private static Map<String, Object> source(Object baseUrl, Object bytes) {
        Map<String, Object> m = new HashMap<>();
        m.put("baseUrl", baseUrl);
        m.put("bytes", bytes);
        return m;
    }

    private static JsonNode sources() {
        Response r = admin.get("/api/v1/videos/" + uuid + "/stats/sources");
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static long bytesOf(JsonNode stats, String host) {
        for (JsonNode h : stats.get("data")) if (h.get("host").asText().equals(host)) return h.get("bytes").asLong();
        return 0;
    }

    @Test
    void bytes_per_source_host_add_up_and_outlive_a_restart() {
        long before = bytesOf(sources(), "mirror-b.example");
        List<Object> one = List.of(source("https://Mirror-B.example/static/redundancy/hls/" + uuid, 700),
                source("http://mirror-c.example:8080/static/redundancy/hls/" + uuid, 200),
                source(tandem.baseUrl() + "/static/streaming-playlists/hls/" + uuid, 100));
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(1000, one)).status()).isEqualTo(204);
        // Two base URLs on one host are one carrier.
        List<Object> two = List.of(source("https://mirror-b.example/a", 50), source("https://mirror-b.example/b", 250));
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(400, two)).status()).isEqualTo(204);
        // PeerTube's players send no breakdown: still fine.
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(10, null)).status()).isEqualTo(204);

        tandem.restartApp();
        JsonNode after = sources();
        assertThat(after.at("/video/uuid").asText()).isEqualTo(uuid);
        assertThat(bytesOf(after, "mirror-b.example") - before).isEqualTo(1000);
        assertThat(bytesOf(after, "mirror-c.example:8080")).isGreaterThanOrEqualTo(200);
        assertThat(bytesOf(after, tandem.baseUrl().replace("http://", ""))).isGreaterThanOrEqualTo(100);
        assertThat(after.at("/data/0/host").asText()).as("the biggest carrier first").isEqualTo("mirror-b.example");
        long sum = 0;
        for (JsonNode h : after.get("data")) sum += h.get("bytes").asLong();
        assertThat(after.get("total").asLong()).isEqualTo(sum);
    }

    @Test
    void a_bad_breakdown_is_refused_precisely_and_changes_nothing() {
        long before = sources().get("total").asLong();
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 33; i++) tooMany.add(source("https://m" + i + ".example/x", 1));
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("tandemSources", new Object[] {"https://m.example", tooMany, List.of(source("https://m.example/x", 11))});
        cases.put("tandemSources[0]", new Object[] {List.of("https://m.example/x")});
        cases.put("tandemSources[0].baseUrl", new Object[] {List.of(source("ftp://m.example/x", 1)), List.of(source("not a url", 1)),
                List.of(source(null, 1)), List.of(source("https://m.example/" + "x".repeat(2048), 1))});
        cases.put("tandemSources[0].bytes", new Object[] {List.of(source("https://m.example/x", -1)),
                List.of(source("https://m.example/x", 1.5)), List.of(source("https://m.example/x", "7"))});
        cases.forEach((field, values) -> {
            for (Object value : values) {
                Response r = tandem.client().postJson("/api/v1/metrics/playback", report(10, value));
                assertThat(r.status()).as(field + ": " + r.text()).isEqualTo(400);
                assertThat(r.json().get("invalid-params").has(field)).as(field + ": " + r.text()).isTrue();
            }
        });
        assertThat(sources().get("total").asLong()).isEqualTo(before);
    }

    @Test
    void only_admins_and_moderators_read_a_videos_sources() {
        assertThat(tandem.client().get("/api/v1/videos/" + uuid + "/stats/sources").status()).isEqualTo(401);
        admin.postJson("/api/v1/users", Map.of("username", "viewer", "password", "viewer-password", "email", "v@example.org", "role", 2));
        TestClient viewer = tandem.client().login("viewer", "viewer-password");
        assertThat(viewer.get("/api/v1/videos/" + uuid + "/stats/sources").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/videos/" + java.util.UUID.randomUUID() + "/stats/sources").status()).isEqualTo(404);
        Response badHours = admin.get("/api/v1/videos/" + uuid + "/stats/sources?hours=0");
        assertThat(badHours.status()).isEqualTo(400);
        assertThat(badHours.json().get("invalid-params").has("hours")).isTrue();
        assertThat(admin.get("/api/v1/videos/" + uuid + "/stats/sources?hours=1").json().get("hours").asInt()).isEqualTo(1);
    }
}
