package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.media.TestMedia;
import tandem.testing.Eventually;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;
import tandem.web.BrowserScript;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four instances carry one video together. A uploads it; B mirrors it by strategy, C by hand; D
 * follows only A. A lists both mirrors and D learns them from A. A viewer on A fetches segments
 * from B and C, which count what they served. A goes down: the video plays on B, C and D from the
 * mirrors, every segment checked against their own copy of A's hashes. A comes back: nothing to repair.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorStoryTest {
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance c;
    private static TestInstance d;
    private static String uuid;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = TestInstance.start(Federated.settings(Map.of("mirror_strategies", "most-views:1GB:10h", "mirror_check_interval_seconds", "1")));
        c = Federated.start();
        d = Federated.start();
        var up = a.admin().upload(TestMedia.longClip(), "Carried by four", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        a.awaitIdle();
        for (TestInstance follower : List.of(b, c, d)) {
            assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(a, b, c, d);
        for (TestInstance mirror : List.of(b, c)) {
            assertThat(mirror.admin().putJson("/api/v1/server/redundancy/" + Federated.host(a), Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
        }
    }

    @AfterAll
    static void stop() {
        for (TestInstance t : new TestInstance[] {a, b, c, d}) if (t != null) t.close();
    }

    @Test
    @Order(1)
    void b_mirrors_by_strategy_c_by_hand_and_a_lists_both() {
        long onC = c.client().get("/api/v1/videos/" + uuid).json().get("id").asLong();
        TestClient.Response added = c.admin().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", onC));
        assertThat(added.status()).as(added.text()).isEqualTo(204);
        assertThat(c.admin().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", onC)).status()).as("already mirrored").isEqualTo(409);
        JsonNode listed = await("A lists B's and C's mirrors", () -> {
            JsonNode r = a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies");
            return r.toString().contains(mirrorOf(b)) && r.toString().contains(mirrorOf(c)) ? r : null;
        });
        assertThat(listed.size()).isEqualTo(2);
        JsonNode byStrategy = b.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json();
        assertThat(byStrategy.at("/data/0/uuid").asText()).isEqualTo(uuid);
        assertThat(byStrategy.at("/data/0/redundancies/streamingPlaylists/0/strategy").asText()).isEqualTo("most-views");
        JsonNode ofOurs = a.admin().get("/api/v1/server/redundancy/videos?target=my-videos").json();
        assertThat(ofOurs.at("/data/0/redundancies/streamingPlaylists").size()).as(ofOurs.toString()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void d_follows_only_a_and_learns_both_mirrors_from_a() {
        await("D lists B's and C's mirrors", () -> {
            String r = d.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").toString();
            return r.contains(mirrorOf(b)) && r.contains(mirrorOf(c)) ? true : null;
        });
    }

    @Test
    @Order(3)
    void a_viewer_on_a_gets_segments_from_b_and_c_which_count_them() {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs", a.baseUrl() + "/videos/watch/" + uuid, "1", "25", "0", "time");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        JsonNode stats = run.report().at("/viewers/0/stats");
        assertThat(run.report().at("/viewers/0/currentTime").asDouble()).as(out).isGreaterThan(2);
        assertThat(stats.at("/rejected").asInt()).as(out).isZero();
        assertThat(bytesFrom(stats, Federated.host(b))).as("bytes from B: " + out).isPositive();
        assertThat(bytesFrom(stats, Federated.host(c))).as("bytes from C: " + out).isPositive();
        for (TestInstance mirror : List.of(b, c)) {
            assertThat(servedByMirror(mirror)).as("bytes " + Federated.host(mirror) + " counts as served for its mirrors").isPositive();
        }
    }

    @Test
    @Order(4)
    void with_a_down_the_video_plays_on_b_c_and_d_from_the_mirrors() {
        String origin = a.baseUrl();
        a.stopApp();
        for (TestInstance t : List.of(b, c, d)) {
            JsonNode v = await("the API of " + Federated.host(t) + " sends players to a mirror", () -> {
                JsonNode details = t.client().get("/api/v1/videos/" + uuid).json();
                return details.at("/originStatus/reachable").asBoolean(true) ? null : details;
            });
            String playlist = v.at("/streamingPlaylists/0/playlistUrl").asText();
            assertThat(playlist).doesNotStartWith(origin).contains("/static/redundancy/hls/" + uuid + "/");
            assertThat(v.at("/streamingPlaylists/0/segmentsSha256Url").asText()).as("hashes from the instance's own copy").startsWith(t.baseUrl());
        }
        String pages = String.join(",", List.of(b, c, d).stream().map(t -> t.baseUrl() + "/videos/watch/" + uuid).toList());
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(150), "browser-watch.mjs", pages, "3", "90");
        String out = run.output();
        assertThat(run.exitCode()).as(out).isZero();
        for (JsonNode viewer : run.report().get("viewers")) {
            assertThat(viewer.get("currentTime").asDouble()).as(out).isGreaterThan(2);
            assertThat(viewer.at("/stats/rejected").asInt()).as(out).isZero();
            assertThat(viewer.at("/stats/error").isNull()).as(out).isTrue();
        }
    }

    @Test
    @Order(5)
    void a_comes_back_and_nothing_needs_repair() {
        a.restartApp();
        await("D sends players to A again", () -> {
            JsonNode details = d.client().get("/api/v1/videos/" + uuid).json();
            return details.at("/originStatus/reachable").asBoolean(false)
                    && details.at("/streamingPlaylists/0/playlistUrl").asText().startsWith(a.baseUrl()) ? true : null;
        });
        String listed = a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").toString();
        assertThat(listed).contains(mirrorOf(b)).contains(mirrorOf(c));
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(120), "browser-watch.mjs", a.baseUrl() + "/videos/watch/" + uuid, "1", "60");
        assertThat(run.report().at("/viewers/0/currentTime").asDouble()).as(run.output()).isGreaterThan(2);
    }

    private static String mirrorOf(TestInstance t) {
        return t.baseUrl() + "/static/redundancy/hls/" + uuid;
    }

    /** The player's HTTP bytes from one host (its `tandemStats.sources`). */
    static long bytesFrom(JsonNode stats, String host) {
        long n = 0;
        for (JsonNode s : stats.path("sources")) if (host.equals(s.path("host").asText())) n += s.path("bytes").asLong();
        return n;
    }

    /** What a mirror says it served for the videos it carries, from its metrics. */
    private static long servedByMirror(TestInstance t) {
        return t.client().get("/metrics").text().lines().filter(l -> l.startsWith("tandem_mirror_served_bytes_total"))
                .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static <T> T await(String what, Supplier<T> value) {
        return Eventually.await(what, Duration.ofSeconds(90), value);
    }
}
