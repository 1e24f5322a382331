package tandem.federation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mirrors over ActivityPub (PeerTube's CacheFiles), with real instances: A the origin, B and D
 * following A (D follows nothing else). M, a fake instance, stands in for a mirror host because
 * serving `/static/redundancy/hls/` is the copy job's side; B's own announcements are driven
 * through its announcer. A mirror reaches players only once a random segment of it matched the
 * hashes; D learns it through A's forward and checks it against its own copy of A's hashes; when A
 * stops, B and D play from the mirror, and from A again once it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MirrorsOverActivityPubTest {
    private static final String CACHE_FILES = "/redundancy/streaming-playlists/hls/";
    private static TestInstance a;
    private static TestInstance b;
    private static TestInstance d;
    private static FakeRemote m;
    private static String uuid;
    private static String master;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        d = Federated.start();
        var up = a.admin().upload(TestMedia.clipWithAudio(), "Mirrored far and wide", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        Federated.awaitIdle(a);
        for (TestInstance follower : List.of(b, d)) {
            assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        }
        Federated.awaitIdle(a, b, d);
        master = a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/playlistUrl").asText();
        m = FakeRemote.start(a.client());
    }

    @AfterAll
    static void stop() {
        m.close();
        a.close();
        b.close();
        d.close();
    }

    @Test
    @Order(1)
    void instances_that_list_the_video_keep_their_own_copy_of_its_hashes() {
        JsonNode origin = a.client().get(a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/segmentsSha256Url").asText()).json();
        assertThat(origin.size()).isPositive();
        for (TestInstance t : List.of(b, d)) {
            var copy = t.client().get("/static/remote-hashes/" + uuid + "/segments-sha256.json");
            assertThat(copy.status()).isEqualTo(200);
            assertThat(copy.json()).isEqualTo(origin);
        }
        assertThat(a.client().get("/static/remote-hashes/" + uuid + "/segments-sha256.json").status()).as("not for our own video").isEqualTo(404);
    }

    @Test
    @Order(2)
    void a_checked_mirror_is_listed_by_the_origin_and_by_d_through_the_forward() {
        String base = mirror("alice", "", false);
        announce("Create", "alice", "", Instant.now().plus(Duration.ofDays(2)));
        Federated.awaitIdle(a, b, d);
        for (TestInstance t : List.of(a, b, d)) {
            assertThat(redundancies(t)).as("on " + Federated.host(t)).containsExactly(base);
            assertThat(state(t, cacheFileId("alice", ""))).isEqualTo("verified");
        }
    }

    @Test
    @Order(3)
    void bad_cache_files_are_refused_with_their_reason() {
        String other = "http://127.0.0.1:1";
        refused(cacheFile("alice", "", a.baseUrl() + "/videos/watch/" + UUID.randomUUID(), m.base() + "/static/redundancy/hls/x"), "no video of ours");
        refused(cacheFile("alice", "", videoUrl(), other + "/static/redundancy/hls/" + uuid), "not on the host of its actor");
        refused(cacheFile("alice", "", videoUrl(), m.base() + "/static/redundancy/hls/" + UUID.randomUUID()), "not the playlist directory of video " + uuid);
        ObjectNode foreignId = cacheFile("alice", "", videoUrl(), m.base() + "/static/redundancy/hls/" + uuid);
        foreignId.put("id", other + CACHE_FILES + uuid);
        refused(foreignId, "is not on the host of its actor");

        // Mallory, on the same host, may neither update nor undo alice's mirror.
        post("Update", "mallory", cacheFile("alice", "", videoUrl(), m.base() + "/static/redundancy/hls/" + uuid));
        assertThat(lastInboxError(a)).contains("may not update CacheFile");
        post("Undo", "mallory", undone("mallory", cacheFile("alice", "", videoUrl(), m.base() + "/static/redundancy/hls/" + uuid)));
        assertThat(lastInboxError(a)).contains("may not undo CacheFile");
        assertThat(redundancies(a)).as("alice's mirror stays").hasSize(1);

        // A mirror serving bytes that are not the origin's is checked, failed and never listed.
        String tampered = mirror("mallory", "/mallory", true);
        announce("Create", "mallory", "/mallory", null);
        Federated.awaitIdle(a, b, d);
        assertThat(state(a, cacheFileId("mallory", "/mallory"))).isEqualTo("failed");
        assertThat(checkError(a, cacheFileId("mallory", "/mallory"))).contains("do not match their sha256");
        assertThat(redundancies(a)).doesNotContain(tampered);
        assertThat(redundancies(d)).doesNotContain(tampered);
    }

    @Test
    @Order(4)
    void accept_from_refuses_mirrors_from_those_it_names() {
        try (TestInstance e = TestInstance.start(Federated.settings(Map.of("mirror_accept_from", "followings")))) {
            FakeRemote toE = FakeRemote.start(e.client());
            try (toE) {
                ObjectNode c = JsonCacheFiles.cacheFile(toE, "alice", "", e.baseUrl() + "/videos/watch/" + UUID.randomUUID(), toE.base() + "/static/redundancy/hls/x");
                assertThat(toE.post(e.baseUrl() + "/inbox", toE.actor("alice"), JsonCacheFiles.activity(toE, "Create", "alice", c)).status()).isEqualTo(202);
                e.awaitIdle();
                assertThat(lastInboxError(e)).contains("accept_from = followings");
            }
        }
    }

    @Test
    @Order(5)
    void our_announcements_in_peertube_shapes_reach_the_origin_and_its_followers() {
        long onB = b.app().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", uuid).mapTo(Long.class).one());
        b.app().database().jdbi().useHandle(h -> h.execute(
                "INSERT INTO mirrors (video_id, strategy, state, size_bytes, created_at, updated_at) VALUES (?, 'manual', 'ready', 0, 0, 0)", onB));
        b.app().cacheFileAnnouncer().created(onB, null);
        Federated.awaitIdle(a, b, d);
        String id = b.baseUrl() + CACHE_FILES + uuid;
        JsonNode doc = b.client().get(CACHE_FILES + uuid, "Accept", "application/activity+json").json();
        assertThat(doc.path("type").asText()).isEqualTo("CacheFile");
        assertThat(doc.path("object").asText()).isEqualTo(videoUrl());
        assertThat(doc.at("/url/href").asText()).isEqualTo(b.baseUrl() + "/static/redundancy/hls/" + uuid);
        assertThat(doc.at("/url/mediaType").asText()).isEqualTo("application/x-mpegURL");
        assertThat(doc.path("expires").isNull()).isTrue();
        for (TestInstance t : List.of(a, d)) {
            assertThat(row(t, id, "actor_url")).as("on " + Federated.host(t)).isEqualTo(b.baseUrl() + "/accounts/peertube");
            assertThat(row(t, id, "base_url")).isEqualTo(b.baseUrl() + "/static/redundancy/hls/" + uuid);
        }
        // What PeerTube checks on a relayed activity: the linked-data signature, in JSON-LD's safe mode.
        JsonNode create = a.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT body FROM inbox_activities WHERE activity_url = :id").bind("id", id + "/activity").mapTo(String.class).findOne())
                .map(MirrorsOverActivityPubTest::json).orElseThrow(() -> new AssertionError("A did not receive B's Create"));
        assertThat(create.at("/to/0").asText()).isEqualTo(a.baseUrl() + "/accounts/root");
        assertThat(create.path("cc")).isEmpty();
        assertThat(create.path("actor").asText()).isEqualTo(b.baseUrl() + "/accounts/peertube");
        String key = b.client().get("/accounts/peertube", "Accept", "application/activity+json").json().at("/publicKey/publicKeyPem").asText();
        assertThat(LdSignaturesTest.jsonldJs(create, key).path("verified").asBoolean()).as(create.toString()).isTrue();

        Instant later = Instant.parse("2031-01-01T00:00:00Z");
        b.app().cacheFileAnnouncer().extended(onB, later);
        Federated.awaitIdle(a, b, d);
        assertThat(row(a, id, "expires_at")).isEqualTo(String.valueOf(later.toEpochMilli()));

        b.app().database().jdbi().useHandle(h -> h.execute("DELETE FROM mirrors WHERE video_id = ?", onB));
        assertThat(b.client().get(CACHE_FILES + uuid).status()).as("no mirror, no CacheFile").isEqualTo(404);
        b.app().cacheFileAnnouncer().withdrawn(onB);
        Federated.awaitIdle(a, b, d);
        assertThat(row(a, id, "id")).as("withdrawn at the origin").isNull();
        assertThat(row(d, id, "id")).as("and on D, through the forward").isNull();
    }

    @Test
    @Order(6)
    void update_changes_expires_and_undo_removes() {
        String base = mirror("mallory", "/short", false);
        announce("Create", "mallory", "/short", Instant.parse("2030-01-01T00:00:00Z"));
        Federated.awaitIdle(a, b, d);
        assertThat(redundancies(a)).contains(base);
        announce("Update", "mallory", "/short", Instant.parse("2030-06-01T00:00:00Z"));
        Federated.awaitIdle(a, b, d);
        assertThat(row(a, cacheFileId("mallory", "/short"), "expires_at")).isEqualTo(String.valueOf(Instant.parse("2030-06-01T00:00:00Z").toEpochMilli()));
        assertThat(row(d, cacheFileId("mallory", "/short"), "expires_at")).isEqualTo(String.valueOf(Instant.parse("2030-06-01T00:00:00Z").toEpochMilli()));

        m.remove(URI.create(cacheFileId("mallory", "/short")).getPath());
        post("Undo", "mallory", undone("mallory", cacheFile("mallory", "/short", videoUrl(), base)));
        Federated.awaitIdle(a, b, d);
        assertThat(redundancies(a)).doesNotContain(base);
        assertThat(redundancies(d)).doesNotContain(base);
    }

    @Test
    @Order(7)
    void when_the_origin_stops_b_and_d_play_from_the_mirror_and_come_back_by_themselves() {
        String base = m.base() + "/static/redundancy/hls/" + uuid;
        String masterName = master.substring(master.lastIndexOf('/') + 1);
        JsonNode before = d.client().get("/api/v1/videos/" + uuid).json();
        assertThat(before.at("/originStatus/reachable").asBoolean()).isTrue();
        a.stopApp();
        try {
            // A refresh that finds A silent has D ask A at once, before any viewer comes.
            long onD = d.app().database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM videos WHERE uuid = :u").bind("u", uuid).mapTo(Long.class).one());
            d.app().jobs().enqueue(tandem.federation.inbox.InboxJobs.FETCH, new tandem.federation.inbox.FetchJob.Refresh(onD));
            d.awaitIdle();
            assertThat(d.client().get("/api/v1/videos/" + uuid).json().at("/originStatus/reachable").asBoolean()).isFalse();
            for (TestInstance t : List.of(b, d)) {
                t.clock().advance(Duration.ofSeconds(31));
                JsonNode v = t.client().get("/api/v1/videos/" + uuid).json();
                assertThat(v.at("/streamingPlaylists/0/playlistUrl").asText()).as("on " + Federated.host(t)).isEqualTo(base + "/" + masterName);
                assertThat(v.at("/streamingPlaylists/0/segmentsSha256Url").asText())
                        .isEqualTo(t.baseUrl() + "/static/remote-hashes/" + uuid + "/segments-sha256.json");
                assertThat(v.at("/streamingPlaylists/0/p2pMediaLoaderInfohashes")).isEqualTo(before.at("/streamingPlaylists/0/p2pMediaLoaderInfohashes"));
                assertThat(v.at("/originStatus/reachable").asBoolean()).isFalse();
                assertThat(v.at("/originStatus/unreachableSince").asText()).isNotEmpty();
                assertThat(v.at("/originStatus/playingFrom").asText()).isEqualTo(m.host());
                assertThat(t.client().get(v.at("/streamingPlaylists/0/playlistUrl").asText()).status()).as("the mirror's master plays").isEqualTo(200);
            }
        } finally {
            a.restartApp();
        }
        assertThat(a.client().get(master).status()).as("A is back and serves its master").isEqualTo(200);
        for (TestInstance t : List.of(b, d)) {
            t.clock().advance(Duration.ofSeconds(31));
            JsonNode v = t.client().get("/api/v1/videos/" + uuid).json();
            assertThat(v.at("/streamingPlaylists/0/playlistUrl").asText()).isEqualTo(master);
            assertThat(v.at("/originStatus/reachable").asBoolean()).isTrue();
            assertThat(v.at("/originStatus/playingFrom").isNull()).isTrue();
        }
    }

    @Test
    @Order(8)
    void web_video_cache_files_are_ignored_and_expired_mirrors_purged() {
        ObjectNode web = cacheFile("alice", "/web", videoUrl(), m.base() + "/static/web-videos/" + uuid + "-720.mp4");
        ((ObjectNode) web.get("url")).put("mediaType", "video/mp4").put("height", 720).put("size", 1000).put("fps", 25);
        post("Create", "alice", web);
        assertThat(lastInboxError(a)).isNull();
        assertThat(row(a, cacheFileId("alice", "/web"), "id")).isNull();

        String base = mirror("mallory", "/brief", false);
        announce("Create", "mallory", "/brief", a.clock().instant().plus(Duration.ofMinutes(1)));
        assertThat(redundancies(a)).contains(base);
        a.clock().advance(Duration.ofMinutes(2));
        assertThat(redundancies(a)).as("expired: no longer listed").doesNotContain(base);
        String checked = row(a, cacheFileId("alice", ""), "checked_at");
        a.clock().advance(Duration.ofHours(7));
        recheckNow();
        assertThat(row(a, cacheFileId("mallory", "/brief"), "id")).as("and purged").isNull();
        assertThat(row(a, cacheFileId("alice", ""), "checked_at")).as("not re-checked within a day").isEqualTo(checked);
        a.clock().advance(Duration.ofHours(18));
        recheckNow();
        assertThat(Long.parseLong(row(a, cacheFileId("alice", ""), "checked_at"))).as("re-checked after a day").isGreaterThan(Long.parseLong(checked));
        assertThat(state(a, cacheFileId("alice", ""))).isEqualTo("verified");
    }

    /** The recurring re-check's run, now (the queue plans its next one from when it last looked, which a jumping clock makes moot). */
    private static void recheckNow() {
        a.app().jobs().enqueue(tandem.mirror.RemoteMirrorJobs.RECHECK, tandem.job.NoPayload.NONE);
        a.awaitIdle();
    }

    // --- the fake mirror host M

    private static JsonNode json(String s) {
        try {
            return InboxFixture.JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String videoUrl() {
        return a.baseUrl() + "/videos/watch/" + uuid;
    }

    private static String cacheFileId(String actor, String prefix) {
        return m.base() + prefix + CACHE_FILES + uuid;
    }

    /** M serves a copy of A's playlists and files under `<prefix>/static/redundancy/hls/<uuid>/`; `tampered` flips every byte of the fMP4 files. */
    private static String mirror(String actor, String prefix, boolean tampered) {
        String dir = master.substring(0, master.lastIndexOf('/') + 1);
        String base = prefix + "/static/redundancy/hls/" + uuid;
        List<String> files = new ArrayList<>(List.of(master.substring(dir.length())));
        for (String line : a.client().get(master).text().split("\n")) if (!line.isBlank() && !line.startsWith("#")) files.add(line.trim());
        JsonNode sha = a.client().get(a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/segmentsSha256Url").asText()).json();
        sha.fieldNames().forEachRemaining(files::add);
        for (String f : files) {
            byte[] bytes = a.client().get(dir + f).body();
            if (tampered && f.endsWith(".mp4")) for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) ~bytes[i];
            m.file(base + "/" + f, bytes, f.endsWith(".mp4") ? "video/mp4" : "application/vnd.apple.mpegurl");
        }
        return m.base() + base;
    }

    private static ObjectNode cacheFile(String actor, String prefix, String video, String href) {
        ObjectNode c = JsonCacheFiles.cacheFile(m, actor, prefix, video, href);
        c.put("id", cacheFileId(actor, prefix));
        return c;
    }

    /** M's actor announces its mirror to A, serving the CacheFile at its id as PeerTube does. */
    private static void announce(String type, String actor, String prefix, Instant expires) {
        ObjectNode c = cacheFile(actor, prefix, videoUrl(), m.base() + prefix + "/static/redundancy/hls/" + uuid);
        if (expires == null) c.putNull("expires");
        else c.put("expires", expires.toString());
        m.serve(URI.create(c.path("id").asText()).getPath(), c);
        post(type, actor, c);
    }

    private static ObjectNode undone(String actor, ObjectNode cacheFile) {
        ObjectNode create = JsonCacheFiles.activity(m, "Create", actor, cacheFile);
        create.remove("@context");
        return create;
    }

    private static void post(String type, String actor, ObjectNode object) {
        assertThat(m.post(a.baseUrl() + "/inbox", m.actor(actor), JsonCacheFiles.activity(m, type, actor, object)).status()).isEqualTo(202);
        Federated.awaitIdle(a, b, d);
    }

    private static void refused(ObjectNode cacheFile, String reason) {
        post("Create", "alice", cacheFile);
        assertThat(lastInboxError(a)).contains(reason);
    }

    private static String lastInboxError(TestInstance t) {
        return t.app().database().jdbi().withHandle(h -> h.createQuery(
                "SELECT last_error FROM jobs WHERE type = 'activitypub-inbox' ORDER BY id DESC LIMIT 1").mapTo(String.class).one());
    }

    private static List<String> redundancies(TestInstance t) {
        List<String> out = new ArrayList<>();
        t.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").forEach(r -> out.add(r.path("baseUrl").asText()));
        return out;
    }

    private static String state(TestInstance t, String id) {
        return row(t, id, "state");
    }

    private static String checkError(TestInstance t, String id) {
        return row(t, id, "check_error");
    }

    private static String row(TestInstance t, String id, String column) {
        Optional<String> v = t.app().database().jdbi().withHandle(h -> h.createQuery("SELECT CAST(" + column + " AS TEXT) FROM remote_mirrors WHERE url = :u")
                .bind("u", id).mapTo(String.class).findOne());
        return v.orElse(null);
    }

    /** PeerTube's CacheFile activities as a fake host sends them. */
    static final class JsonCacheFiles {
        private JsonCacheFiles() {}

        static ObjectNode cacheFile(FakeRemote from, String actor, String prefix, String video, String href) {
            ObjectNode c = InboxFixture.JSON.createObjectNode();
            c.put("id", from.base() + prefix + CACHE_FILES + UUID.randomUUID()).put("type", "CacheFile").put("object", video);
            c.putNull("expires");
            c.putObject("url").put("type", "Link").put("mediaType", "application/x-mpegURL").put("href", href);
            return c;
        }

        static ObjectNode activity(FakeRemote from, String type, String actor, ObjectNode object) {
            ObjectNode act = InboxFixture.JSON.createObjectNode();
            act.putArray("@context").add("https://www.w3.org/ns/activitystreams");
            act.put("type", type).put("id", from.base() + "/activities/" + UUID.randomUUID()).put("actor", from.actor(actor));
            act.putArray("to");
            act.putArray("cc");
            act.set("object", object);
            return act;
        }
    }
}
