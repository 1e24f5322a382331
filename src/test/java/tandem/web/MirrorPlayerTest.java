package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestInstance;
import tandem.web.FakeMirror.Hit;
import tandem.web.FakeMirror.Mode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real origin and a viewer in real headless Chromium; the video's mirrors are fakes (remote hosts
 * that misbehave on purpose), registered as verified `remote_mirrors` so the API lists them. Each
 * mirror logs what it was asked, so the assertions rest on the servers' view, not only the player's.
 */
class MirrorPlayerTest {
    private static TestInstance origin;
    private static String uuid;
    private static String masterUrl;
    private static long videoId;
    private final List<FakeMirror> mirrors = new ArrayList<>();

    @BeforeAll
    static void publish() {
        origin = TestInstance.start();
        uuid = origin.admin().upload(TestMedia.longClip(), "Carried by mirrors", Map.of()).json().at("/video/uuid").asText();
        origin.awaitIdle();
        masterUrl = origin.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/playlistUrl").asText();
        videoId = origin.app().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM videos WHERE uuid = :u")
                .bind("u", uuid).mapTo(Long.class).one());
    }

    @AfterAll
    static void stop() {
        origin.close();
    }

    @AfterEach
    void closeMirrors() {
        mirrors.forEach(FakeMirror::close);
        origin.app().database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM remote_mirrors WHERE video_id = :v").bind("v", videoId).execute());
    }

    /** Starts a fake mirror holding a copy of the video and lists it as verified, as the mirror check would. */
    private FakeMirror mirror(Mode mode) {
        FakeMirror m = FakeMirror.copying(origin.client(), masterUrl, uuid, mode);
        mirrors.add(m);
        long now = System.currentTimeMillis();
        origin.app().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO remote_mirrors (url, video_id, actor_url, base_url, state, checked_at, created_at, updated_at)
                        VALUES (:url, :v, :actor, :base, 'verified', :now, :now, :now)""")
                .bind("url", m.baseUrl().replace("/static/redundancy/hls/", "/redundancy/streaming-playlists/hls/")).bind("v", videoId)
                .bind("actor", "http://" + m.host() + "/accounts/peertube").bind("base", m.baseUrl()).bind("now", now).execute());
        return m;
    }

    private static JsonNode watch(int playSeconds) {
        return watch(playSeconds, null);
    }

    /** Plays `playSeconds` of the video; the page may log no error but `expected` (Chromium's line for a failed request). */
    private static JsonNode watch(int playSeconds, String expected) {
        return watch(playSeconds, expected, Map.of());
    }

    private static JsonNode watch(int playSeconds, String expected, Map<String, String> env) {
        return watch("/w/" + uuid, playSeconds, expected, env);
    }

    private static JsonNode watch(String page, int playSeconds, String expected, Map<String, String> env) {
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(150), env, "browser-mirrors.mjs", origin.baseUrl() + page,
                String.valueOf(playSeconds), "90");
        JsonNode r = run.report();
        assertThat(r.get("currentTime").asDouble()).as("playback went on: " + run.output()).isGreaterThanOrEqualTo(playSeconds);
        assertThat(r.at("/stats/error").isNull()).as(run.output()).isTrue();
        for (JsonNode e : r.get("errors")) assertThat(expected != null && e.asText().contains(expected)).as(run.output()).isTrue();
        return r;
    }

    private static JsonNode source(JsonNode report, String host) {
        for (JsonNode s : report.at("/stats/sources")) if (s.get("host").asText().equals(host)) return s;
        throw new AssertionError("no source " + host + " in " + report.at("/stats/sources"));
    }

    /** Bytes the origin stored for `host` from the players' reports, waiting a little for the report sent as the page closed. */
    private static long storedBytes(String host) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode stats = origin.admin().get("/api/v1/videos/" + uuid + "/stats/sources").json();
            for (JsonNode h : stats.get("data")) if (h.get("host").asText().equals(host) && h.get("bytes").asLong() > 0) return h.get("bytes").asLong();
            if (System.nanoTime() > deadline) return 0;
            Thread.sleep(200);
        }
    }

    @Test
    void a_healthy_mirror_carries_the_segments_and_the_origin_hears_how_much() throws InterruptedException {
        FakeMirror healthy = mirror(Mode.HONEST);
        JsonNode r = watch(8);
        assertThat(healthy.segmentHits()).as("fragments the mirror served").isNotEmpty();
        JsonNode mine = source(r, healthy.host());
        assertThat(mine.get("bytes").asLong()).isPositive();
        assertThat(mine.get("dropped").asBoolean()).isFalse();
        assertThat(r.at("/stats/sources/0/bytes").asLong()).as("prefer-mirrors spares the origin while a mirror is healthy").isZero();
        assertThat(r.get("overlay").asText()).contains(healthy.host());
        // The last report leaves as the page closes, after the script's last look: at least what the page showed.
        assertThat(storedBytes(healthy.host())).as("the origin stored the mirror's bytes").isGreaterThanOrEqualTo(mine.get("bytes").asLong());
    }

    @Test
    void a_mirror_serving_tampered_bytes_is_dropped_and_playback_goes_on_from_the_origin() throws InterruptedException {
        FakeMirror tampering = mirror(Mode.TAMPERING);
        JsonNode r = watch(8);
        assertThat(tampering.segmentHits()).as("asked once, then dropped for the rest of the playback").hasSize(1);
        JsonNode bad = source(r, tampering.host());
        assertThat(bad.get("dropped").asBoolean()).isTrue();
        assertThat(bad.get("why").asText()).contains("hash");
        assertThat(bad.get("bytes").asLong()).isZero();
        assertThat(r.at("/stats/rejected").asInt()).isPositive();
        assertThat(r.at("/stats/sources/0/bytes").asLong()).as("the origin served the rest").isPositive();
        assertThat(storedBytes(tampering.host())).as("tampered bytes carry nothing").isZero();
    }

    @Test
    void a_mirror_that_hangs_costs_the_viewer_under_three_seconds() {
        FakeMirror hanging = mirror(Mode.HANGING);
        JsonNode r = watch(8);
        List<Hit> hung = hanging.segmentHits();
        assertThat(hung).as("asked once, then dropped").hasSize(1);
        // The same fragment, asked again from the origin: the time between is what the hang cost.
        JsonNode retry = null;
        long askedAt = 0;
        for (JsonNode f : r.get("fragments")) {
            boolean sameRange = f.get("range").isNull() ? hung.getFirst().range() == null : f.get("range").asText().equals(hung.getFirst().range());
            if (f.get("url").asText().startsWith(hanging.baseUrl()) && askedAt == 0) askedAt = f.get("at").asLong();
            else if (askedAt > 0 && retry == null && sameRange && f.get("url").asText().endsWith("/" + hung.getFirst().file())) retry = f;
        }
        assertThat(retry).as("the hung fragment was asked from another source: " + r.get("fragments")).isNotNull();
        long cost = retry.get("at").asLong() - askedAt;
        assertThat(cost).as("ms lost on the hanging mirror").isBetween(1500L, 2999L);
        assertThat(r.get("waitingMs").asLong()).as("ms the video waited after it started").isLessThan(3000);
        assertThat(r.at("/stats/abandoned").asInt()).isEqualTo(1);
        assertThat(source(r, hanging.host()).get("dropped").asBoolean()).isTrue();
    }

    @Test
    void when_the_origin_cannot_serve_the_master_playlist_the_player_loads_a_mirrors_copy() throws IOException {
        FakeMirror healthy = mirror(Mode.HONEST);
        String master = masterUrl.substring(masterUrl.lastIndexOf('/') + 1);
        Path file;
        try (Stream<Path> all = Files.walk(origin.dataDir())) {
            file = all.filter(p -> p.getFileName().toString().equals(master)).findFirst().orElseThrow();
        }
        byte[] saved = Files.readAllBytes(file);
        Files.delete(file);
        try {
            // (The origin, which had the file's size cached, now answers its headers and breaks the connection.)
            JsonNode r = watch(6, "Failed to load resource");
            assertThat(r.at("/stats/masterFrom").asText()).isEqualTo(healthy.host());
            assertThat(healthy.hits().stream().map(Hit::file)).contains(master);
            assertThat(healthy.segmentHits()).isNotEmpty();
        } finally {
            Files.write(file, saved);
        }
    }

    @Test
    void while_the_origin_is_down_the_page_says_so_and_plays_the_mirrors_master_in_the_origins_swarm() {
        FakeMirror healthy = mirror(Mode.HONEST);
        String master = masterUrl.substring(masterUrl.lastIndexOf('/') + 1);
        // What an instance that found the origin down serves (the mirror's master stands in); here the page is given it.
        JsonNode r = watch(4, null, Map.of("PLAYLIST_URL", healthy.baseUrl() + "/" + master, "ORIGIN_STATUS",
                "{\"reachable\":false,\"unreachableSince\":\"2026-12-07T10:00:00Z\",\"playingFrom\":\"" + healthy.host() + "\"}"));
        assertThat(r.get("originStatus").asText()).startsWith("Origin unreachable since ").endsWith("playing from mirror " + healthy.host());
        assertThat(r.at("/stats/swarmId").asText()).as("viewers stay in the origin's swarm").isEqualTo(masterUrl);
        assertThat(healthy.hits().stream().map(Hit::file)).contains(master);
        assertThat(r.at("/stats/sources/0/dropped").asBoolean()).as("no time lost on the origin").isTrue();
        assertThat(r.at("/stats/sources/0/bytes").asLong()).isZero();
        for (JsonNode f : r.get("fragments")) assertThat(f.get("url").asText()).startsWith(healthy.baseUrl());

        JsonNode embedded = watch("/videos/embed/" + uuid + "?autoplay=1", 2, null, Map.of("PLAYLIST_URL", healthy.baseUrl() + "/" + master,
                "ORIGIN_STATUS", "{\"reachable\":false,\"unreachableSince\":null,\"playingFrom\":\"" + healthy.host() + "\"}"));
        assertThat(embedded.get("originStatus").asText()).as("the embed says it too").isEqualTo("Origin unreachable since a moment ago, playing from mirror " + healthy.host());

        JsonNode reachable = watch(1);
        assertThat(reachable.get("originStatus").isNull()).as("nothing said while the origin answers").isTrue();
        assertThat(reachable.at("/stats/swarmId").asText()).isEqualTo(masterUrl);
    }
}
