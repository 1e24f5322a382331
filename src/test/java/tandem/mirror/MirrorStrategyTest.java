package tandem.mirror;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.job.NoPayload;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * B mirrors A's videos by strategy (recently-added with at least one view, a budget that holds one
 * of them): a video is picked once it qualifies and A's host is allowed, an expired mirror is
 * extended while nothing else needs the room, a video that does not fit waits, and the oldest
 * expired mirror is evicted to make room for it. Time is B's test clock.
 */
class MirrorStrategyTest {
    private static TestInstance a;
    private static TestInstance b;
    private static String first;
    private static String second;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = TestInstance.start(Federated.settings(Map.of("mirror_strategies", "recently-added:400KB:10h:1",
                "mirror_check_interval_seconds", "3600")));
        first = upload("First to be carried");
        second = upload("Second to be carried");
        assertThat(b.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        if (List.of(first, second).stream().anyMatch(uuid -> b.client().get("/api/v1/videos/" + uuid).status() != 200)) {
            // Both videos' fetches may race to create A's account; the loser is retried 30 s later.
            b.clock().advance(Duration.ofMinutes(1));
            b.app().jobs().wakeUp();
            Federated.awaitIdle(a, b);
        }
        for (String uuid : List.of(first, second)) assertThat(b.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void picks_extends_waits_and_evicts() {
        views(first, 1);
        check();
        assertThat(mirrors()).as("A's host is not allowed yet").isEmpty();

        assertThat(b.admin().putJson("/api/v1/server/redundancy/" + Federated.host(a), Map.of("redundancyAllowed", true)).status()).isEqualTo(204);
        check();
        assertThat(mirrors()).containsExactly(first + " recently-added ready");
        long expires = expiresAt(first);
        assertThat(expires).isCloseTo(b.clock().millis() + Duration.ofHours(10).toMillis(), within(60_000L));
        assertThat(b.client().get("/api/v1/videos/" + first).json().at("/streamingPlaylists/0/redundancies/0/baseUrl").asText())
                .isEqualTo(b.baseUrl() + "/static/redundancy/hls/" + first);
        var stats = b.client().get("/api/v1/server/stats").json().at("/videosRedundancy/0");
        assertThat(stats.get("strategy").asText()).isEqualTo("recently-added");
        assertThat(stats.get("totalSize").asLong()).isEqualTo(400 * 1024);
        assertThat(stats.get("totalVideos").asInt()).isEqualTo(1);
        assertThat(stats.get("totalUsed").asLong()).isPositive();

        b.clock().advance(Duration.ofHours(10));
        check();
        assertThat(expiresAt(first)).as("expired, nothing else wants the room: extended").isCloseTo(b.clock().millis() + Duration.ofHours(10).toMillis(), within(60_000L));

        views(second, 1);
        check();
        assertThat(mirrors()).as("the second does not fit while the first has not expired").containsExactly(first + " recently-added ready");

        b.clock().advance(Duration.ofHours(10));
        check();
        assertThat(mirrors()).as("the expired first is evicted for the second").containsExactly(second + " recently-added ready");
        assertThat(b.client().get("/static/redundancy/hls/" + first + "/" + "x.m3u8").status()).isEqualTo(404);

        long secondExpires = expiresAt(second);
        b.clock().advance(Duration.ofHours(8));
        check();
        assertThat(b.clock().millis()).as("the last run before it expires").isLessThan(secondExpires);
        assertThat(expiresAt(second)).as("extended before it expires, so origins never see it lapse")
                .isCloseTo(b.clock().millis() + Duration.ofHours(10).toMillis(), within(60_000L));
    }

    private static String upload(String name) {
        var up = a.admin().upload(TestMedia.clipWithAudio(), name, Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        a.awaitIdle();
        return up.json().at("/video/uuid").asText();
    }

    /** An hour passes and the strategies run once (as the recurring check does each `mirror_check_interval_seconds`). */
    private static void check() {
        b.clock().advance(Duration.ofHours(1));
        b.app().jobs().enqueue(MirrorJobs.CHECK, NoPayload.NONE);
        b.awaitIdle();
    }

    private static void views(String uuid, int n) {
        b.app().database().jdbi().useHandle(h -> h.createUpdate("UPDATE videos SET views = :n WHERE uuid = :u").bind("n", n).bind("u", uuid).execute());
    }

    private static List<String> mirrors() {
        return b.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT v.uuid || ' ' || m.strategy || ' ' || m.state FROM mirrors m JOIN videos v ON v.id = m.video_id ORDER BY m.id")
                .mapTo(String.class).list());
    }

    private static long expiresAt(String uuid) {
        return b.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT m.expires_at FROM mirrors m JOIN videos v ON v.id = m.video_id WHERE v.uuid = :u").bind("u", uuid).mapTo(Long.class).one());
    }
}
