package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Players report what they downloaded from peers and from us; the sums land durably in hourly rows
 * and admins read them back as a chart. Tests compare totals before and after, so their order does not matter.
 */
class PlaybackMetricsTest {
    private static final String STATS = "/api/v1/server/p2p-stats";
    private static TestInstance tandem;
    private static TestClient admin;
    private static TestClient bob;
    private static TestClient mia;
    private static JsonNode publicVideo;
    private static JsonNode privateVideo;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "bob", "password", "bob-password", "email", "bob@example.org",
                "role", 2)).status()).isEqualTo(200);
        assertThat(admin.postJson("/api/v1/users", Map.of("username", "mia", "password", "mia-password", "email", "mia@example.org",
                "role", 1)).status()).isEqualTo(200);
        bob = tandem.client().login("bob", "bob-password");
        mia = tandem.client().login("mia", "mia-password");
        String pub = admin.upload(TestMedia.clipWithAudio(), "Shared by many", Map.of()).json().at("/video/uuid").asText();
        String priv = admin.upload(TestMedia.clipWithAudio(), "Only for me", Map.of("privacy", "3")).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        publicVideo = admin.get("/api/v1/videos/" + pub).json();
        privateVideo = admin.get("/api/v1/videos/" + priv).json();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static Map<String, Object> report(Object videoId, long p2p, long http, long uploaded, int peers) {
        Map<String, Object> m = new HashMap<>();
        m.put("playerMode", "p2p-media-loader");
        m.put("resolution", 720);
        m.put("fps", 30);
        m.put("p2pEnabled", true);
        m.put("p2pPeers", peers);
        m.put("resolutionChanges", 0);
        m.put("errors", 0);
        m.put("downloadedBytesP2P", p2p);
        m.put("downloadedBytesHTTP", http);
        m.put("uploadedBytesP2P", uploaded);
        m.put("videoId", videoId);
        return m;
    }

    private static JsonNode stats(String query) {
        Response r = admin.get(STATS + query);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        return r.json();
    }

    private static long total(String field) {
        return stats("?hours=24").at("/totals/" + field).asLong();
    }

    @Test
    void reports_from_anyone_add_up_per_hour_and_admins_read_them_as_a_chart() {
        JsonNode before = stats("?hours=24");
        String uuid = publicVideo.get("uuid").asText();
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(uuid, 3000, 1000, 500, 4)).status()).isEqualTo(204);
        assertThat(bob.postJson("/api/v1/metrics/playback", report(publicVideo.get("shortUUID").asText(), 1000, 1000, 0, 2)).status())
                .isEqualTo(204);
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(publicVideo.get("id").asLong(), 0, 2000, 0, 0)).status())
                .isEqualTo(204);

        Instant hourNow = Instant.now().truncatedTo(ChronoUnit.HOURS);
        JsonNode after = stats("?hours=24");
        assertThat(after.get("hours")).hasSize(24);
        for (int i = 1; i < 24; i++) {
            Instant previous = Instant.parse(after.at("/hours/" + (i - 1) + "/hour").asText());
            assertThat(Instant.parse(after.at("/hours/" + i + "/hour").asText())).isEqualTo(previous.plus(Duration.ofHours(1)));
        }
        Instant last = Instant.parse(after.at("/hours/23/hour").asText());
        assertThat(last).isBetween(hourNow.minus(Duration.ofHours(1)), hourNow);
        assertThat(after.at("/totals/p2pBytes").asLong() - before.at("/totals/p2pBytes").asLong()).isEqualTo(4000);
        assertThat(after.at("/totals/httpBytes").asLong() - before.at("/totals/httpBytes").asLong()).isEqualTo(4000);
        assertThat(after.at("/totals/uploadedBytes").asLong() - before.at("/totals/uploadedBytes").asLong()).isEqualTo(500);
        assertThat(after.at("/totals/reports").asLong() - before.at("/totals/reports").asLong()).isEqualTo(3);
        long hourSum = 0;
        for (JsonNode h : after.get("hours")) hourSum += h.get("p2pBytes").asLong();
        assertThat(hourSum).as("the hours add up to the totals").isEqualTo(after.at("/totals/p2pBytes").asLong());
        assertThat(after.at("/hours/23/maxPeers").asInt()).isGreaterThanOrEqualTo(4);
        double p2p = after.at("/totals/p2pBytes").asDouble();
        assertThat(after.get("p2pRatio").asDouble()).isCloseTo(p2p / (p2p + after.at("/totals/httpBytes").asDouble()),
                org.assertj.core.data.Offset.offset(1e-9));
        JsonNode top = after.at("/topVideos/0");
        assertThat(top.get("uuid").asText()).isEqualTo(uuid);
        assertThat(top.get("name").asText()).isEqualTo("Shared by many");
        assertThat(top.get("p2pBytes").asLong()).isGreaterThanOrEqualTo(4000);

        JsonNode server = tandem.client().get("/api/v1/server/stats").json();
        assertThat(server.get("totalP2PBytes").asLong()).isGreaterThanOrEqualTo(4000);
        assertThat(server.get("totalHttpBytes").asLong()).isGreaterThanOrEqualTo(4000);
        assertThat(server.get("totalUsers").asInt()).isEqualTo(3);
    }

    @Test
    void private_videos_take_reports_from_their_owner_only_and_sums_outlive_restarts_and_deletion() {
        String uuid = privateVideo.get("uuid").asText();
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(uuid, 1, 1, 0, 0)).status()).isEqualTo(403);
        assertThat(bob.postJson("/api/v1/metrics/playback", report(uuid, 1, 1, 0, 0)).status()).isEqualTo(403);
        long before = total("p2pBytes");
        assertThat(admin.postJson("/api/v1/metrics/playback", report(uuid, 7000, 0, 0, 1)).status()).isEqualTo(204);
        assertThat(total("p2pBytes")).isEqualTo(before + 7000);

        tandem.restartApp();
        assertThat(total("p2pBytes")).as("nothing lives only in memory").isEqualTo(before + 7000);

        assertThat(admin.delete("/api/v1/videos/" + uuid).status()).isEqualTo(204);
        tandem.awaitIdle();
        JsonNode after = stats("?hours=24");
        assertThat(after.at("/totals/p2pBytes").asLong()).as("a deleted video's bytes still count").isEqualTo(before + 7000);
        for (JsonNode v : after.get("topVideos")) assertThat(v.get("uuid").asText()).isNotEqualTo(uuid);
    }

    @Test
    void malformed_oversized_and_unknown_reports_are_refused_and_change_nothing() {
        long before = total("reports");
        String uuid = publicVideo.get("uuid").asText();
        Response missing = tandem.client().postJson("/api/v1/metrics/playback", Map.of("videoId", uuid));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("invalid-params").has("playerMode")).isTrue();
        assertThat(missing.json().get("invalid-params").has("downloadedBytesP2P")).isTrue();
        Map<String, Object[]> bad = Map.of(
                "downloadedBytesP2P", new Object[] {-1, 10_000_000_001L, 1.5, "lots", true},
                "downloadedBytesHTTP", new Object[] {-5},
                "uploadedBytesP2P", new Object[] {Long.MAX_VALUE},
                "playerMode", new Object[] {"flash", 3},
                "p2pEnabled", new Object[] {"yes"},
                "p2pPeers", new Object[] {-1, 1_000_000},
                "resolution", new Object[] {-720},
                "videoId", new Object[] {"", "not a video id!"});
        bad.forEach((field, values) -> {
            for (Object value : values) {
                Map<String, Object> body = report(uuid, 1, 1, 1, 1);
                body.put(field, value);
                Response r = tandem.client().postJson("/api/v1/metrics/playback", body);
                assertThat(r.status()).as(field + "=" + value + ": " + r.text()).isEqualTo(400);
            }
        });
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(UUID.randomUUID().toString(), 1, 1, 1, 1)).status())
                .isEqualTo(404);
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", report(999_999, 1, 1, 1, 1)).status()).isEqualTo(404);
        Response notJson = tandem.client().send(tandem.client().builder("/api/v1/metrics/playback")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{oops")));
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(tandem.client().withToken("forged").postJson("/api/v1/metrics/playback", report(uuid, 1, 1, 1, 1)).status())
                .isEqualTo(401);
        Map<String, Object> atTheLimit = report(uuid, 0, 0, 0, 0);
        atTheLimit.put("downloadedBytesP2P", PlaybackReport.MAX_BYTES);
        atTheLimit.put("fps", null);
        atTheLimit.put("playerMode", "web-video");
        assertThat(tandem.client().postJson("/api/v1/metrics/playback", atTheLimit).status()).as("10 GB and no fps are fine").isEqualTo(204);
        assertThat(total("reports")).isEqualTo(before + 1);
    }

    @Test
    void only_admins_and_moderators_read_p2p_stats_for_one_hour_up_to_a_month() {
        assertThat(tandem.client().get(STATS).status()).isEqualTo(401);
        assertThat(bob.get(STATS).status()).isEqualTo(403);
        Response asModerator = mia.get(STATS);
        assertThat(asModerator.status()).isEqualTo(200);
        assertThat(asModerator.json().get("hours")).as("24 hours by default").hasSize(24);
        assertThat(stats("?hours=1").get("hours")).hasSize(1);
        assertThat(stats("?hours=744").get("hours")).hasSize(744);
        for (String hours : new String[] {"0", "-3", "745", "abc", "1.5"}) {
            Response r = admin.get(STATS + "?hours=" + hours);
            assertThat(r.status()).as(hours).isEqualTo(400);
            assertThat(r.json().get("invalid-params").has("hours")).isTrue();
        }
    }
}
