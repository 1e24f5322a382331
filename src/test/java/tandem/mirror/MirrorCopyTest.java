package tandem.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import com.fasterxml.jackson.databind.ObjectMapper;
import tandem.p2p.BinaryIds;

import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real instances: A uploads a video, B follows A and mirrors it by hand (PeerTube's manual
 * redundancy). B serves A's files byte for byte at PeerTube's redundancy path once they are all
 * copied and verified, resumes an interrupted copy without fetching finished files again, refuses a
 * copy whose bytes do not match A's hashes, and drops its mirrors when A's host is turned off.
 */
class MirrorCopyTest {
    private static TestInstance a;
    private static TestInstance b;
    private static String uuid;
    private static Path originDir;
    private static List<String> names;
    private static String shaName;
    private static String mediaName;

    @BeforeAll
    static void start() {
        a = Federated.start();
        b = Federated.start();
        var up = a.admin().upload(TestMedia.clipWithAudio(), "Carried by two", Map.of("privacy", "1"));
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        uuid = up.json().at("/video/uuid").asText();
        a.awaitIdle();
        assertThat(b.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(a)))).status()).isEqualTo(204);
        Federated.awaitIdle(a, b);
        assertThat(b.client().get("/api/v1/videos/" + uuid).status()).isEqualTo(200);
        Federated.awaitIdle(a, b);

        JsonNode playlist = a.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0");
        String master = playlist.get("playlistUrl").asText();
        shaName = name(playlist.get("segmentsSha256Url").asText());
        names = new ArrayList<>(List.of(name(master), shaName));
        for (String line : a.client().get(master).text().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            names.add(line.strip());
            for (String v : a.client().get(originUrl(line.strip())).text().split("\n")) {
                if (!v.isBlank() && !v.startsWith("#") && !names.contains(v.strip())) names.add(v.strip());
            }
        }
        mediaName = names.stream().filter(n -> n.endsWith(".mp4")).findFirst().orElseThrow();
        originDir = a.dataDir().resolve("storage/streaming-playlists/hls/" + uuid);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void a_manual_mirror_resumes_verifies_serves_and_goes() throws Exception {
        TestClient admin = b.admin();
        assertThat(admin.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", 987654)).status()).isEqualTo(404);
        assertThat(a.admin().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", uuid)).status())
                .as("an instance does not mirror its own video").isEqualTo(400);
        assertThat(b.client().postJson("/api/v1/server/redundancy/videos", Map.of("videoId", uuid)).status()).isEqualTo(401);

        // The origin fails before the end of the copy: its hashes are missing for a while.
        Path sha = originDir.resolve(shaName);
        Path aside = Files.move(sha, sha.resolveSibling("aside.json"));
        long videoId = admin.get("/api/v1/videos/" + uuid).json().get("id").asLong();
        assertThat(admin.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", videoId)).status()).isEqualTo(204);
        b.awaitIdle();
        assertThat(admin.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", uuid)).status()).isEqualTo(409);
        assertThat(b.client().get(mirrorPath(names.get(0))).status()).as("nothing is served before the copy is verified").isEqualTo(404);
        Path copied = b.dataDir().resolve("storage/redundancy/hls/" + uuid + "/" + mediaName);
        Object fileKey = Files.readAttributes(copied, BasicFileAttributes.class).fileKey();

        Files.move(aside, sha);
        b.clock().advance(Duration.ofMinutes(2));
        b.app().jobs().wakeUp();
        b.awaitIdle();
        assertThat(Files.readAttributes(copied, BasicFileAttributes.class).fileKey())
                .as("the media file copied before the failure was not fetched again").isEqualTo(fileKey);

        long countedBefore = servedFor(b, Federated.host(a), uuid);
        long receivedFromMirror = 0;
        for (String n : names) {
            var mirrored = b.client().get(mirrorPath(n));
            assertThat(mirrored.status()).as(n).isEqualTo(200);
            receivedFromMirror += mirrored.body().length;
            assertThat(mirrored.body()).as(n).isEqualTo(a.client().get(originUrl(n)).body());
            assertThat(mirrored.header("Access-Control-Allow-Origin")).isEqualTo("*");
        }
        String thumbnail = a.client().get("/api/v1/videos/" + uuid).json().get("thumbnailPath").asText();
        String thumbnailName = thumbnail.substring(thumbnail.lastIndexOf('/') + 1);
        byte[] mirroredThumbnail = b.client().get(mirrorPath(thumbnailName)).body();
        receivedFromMirror += mirroredThumbnail.length;
        assertThat(mirroredThumbnail).as("the thumbnail, under the origin's name").isEqualTo(a.client().get(thumbnail).body());
        var head = b.client().send(b.client().builder(mirrorPath(mediaName)).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(Files.size(copied)));
        assertThat(head.header("Cache-Control")).contains("immutable");
        var range = b.client().get(mirrorPath(mediaName), "Range", "bytes=100-1099");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(a.client().get(originUrl(mediaName)).body(), 100, 1100));
        receivedFromMirror += range.body().length;
        assertThat(servedFor(b, Federated.host(a), uuid) - countedBefore).as("B's ledger counts what its mirror sent, under A's host")
                .isEqualTo(receivedFromMirror);
        assertThat(b.app().heldBytes().record(b.clock().millis())).as("B records the storage it holds for A")
                .containsKey(Federated.host(a)).allSatisfy((host, bytes) -> assertThat(bytes).isPositive());
        assertThat(b.client().get("/metrics").text()).as("B counts what its mirrors served").containsPattern("(?m)^tandem_mirror_served_bytes_total [1-9]");

        assertThat(announceOnB(b.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/p2pMediaLoaderInfohashes/0").asText()))
                .as("B's tracker serves the swarm of the video it mirrors").contains("\"interval\"");

        // The origin adds renditions after we copied (Tandem publishes with the first one): our copy of its
        // hashes changes on the next refresh, and the mirror copies what it lacks, keeping what it has.
        String lacking = names.stream().filter(n -> n.endsWith(".mp4")).reduce((x, y) -> y).orElseThrow();
        Path lackingCopy = b.dataDir().resolve("storage/redundancy/hls/" + uuid + "/" + lacking);
        Files.delete(lackingCopy);
        // A file fetched again would get a new time (an inode number may be reused, a time is not).
        Path keptCopy = b.dataDir().resolve("storage/redundancy/hls/" + uuid + "/" + thumbnailName);
        java.nio.file.attribute.FileTime past = java.nio.file.attribute.FileTime.fromMillis(946_684_800_000L);
        Files.setLastModifiedTime(keptCopy, past);
        b.app().database().jdbi().useHandle(h -> h.createUpdate("UPDATE remote_videos SET segments_sha256 = '{}' WHERE video_id = :v")
                .bind("v", videoId).execute());
        b.app().jobs().enqueue(tandem.federation.inbox.InboxJobs.FETCH, new tandem.federation.inbox.FetchJob.Refresh(videoId));
        b.awaitIdle();
        assertThat(b.client().get(mirrorPath(lacking)).body()).as("the lacking rendition, copied again").isEqualTo(a.client().get(originUrl(lacking)).body());
        assertThat(Files.getLastModifiedTime(keptCopy)).as("what it had is kept").isEqualTo(past);

        String base = b.baseUrl() + "/static/redundancy/hls/" + uuid;
        assertThat(b.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies/0/baseUrl").asText()).isEqualTo(base);
        JsonNode list = admin.get("/api/v1/server/redundancy/videos?target=remote-videos&start=0&count=5&sort=name").json();
        assertThat(list.get("total").asInt()).isEqualTo(1);
        JsonNode copy = list.at("/data/0/redundancies/streamingPlaylists/0");
        assertThat(list.at("/data/0/uuid").asText()).isEqualTo(uuid);
        assertThat(list.at("/data/0/id").asLong()).isEqualTo(videoId);
        assertThat(copy.get("fileUrl").asText()).isEqualTo(base);
        assertThat(copy.get("strategy").asText()).isEqualTo("manual");
        assertThat(copy.get("expiresOn").isNull()).isTrue();
        assertThat(copy.get("size").asLong()).isGreaterThan(Files.size(copied));

        assertThat(admin.delete("/api/v1/server/redundancy/videos/" + copy.get("id").asLong()).status()).isEqualTo(204);
        assertThat(b.client().get(mirrorPath(mediaName)).status()).isEqualTo(404);
        assertThat(copied).doesNotExist();
        assertThat(admin.delete("/api/v1/server/redundancy/videos/" + copy.get("id").asLong()).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/server/redundancy/videos?target=remote-videos").json().get("total").asInt()).isZero();

        // The origin serves a tampered segment: the copy fails and nothing is served.
        Path media = originDir.resolve(mediaName);
        byte[] original = Files.readAllBytes(media);
        try (RandomAccessFile f = new RandomAccessFile(media.toFile(), "rw")) {
            f.seek(original.length / 2);
            f.write(original[original.length / 2] ^ 0x5a);
        }
        try {
            assertThat(admin.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", uuid)).status()).isEqualTo(204);
            b.awaitIdle();
            String error = b.app().database().jdbi().withHandle(h -> h.createQuery("SELECT state || ': ' || error FROM mirrors").mapTo(String.class).one());
            assertThat(error).startsWith("failed: segment " + mediaName).contains("sha256").contains("the origin's hash");
            assertThat(b.client().get(mirrorPath(mediaName)).status()).isEqualTo(404);
            assertThat(b.dataDir().resolve("storage/redundancy/hls/" + uuid)).doesNotExist();
            assertThat(b.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/redundancies").size()).isZero();
        } finally {
            Files.write(media, original);
        }

        // A failed mirror may be tried again; turning the origin's host off drops it.
        assertThat(admin.postJson("/api/v1/server/redundancy/videos", Map.of("videoId", uuid)).status()).isEqualTo(204);
        b.awaitIdle();
        assertThat(b.client().get(mirrorPath(mediaName)).status()).isEqualTo(200);
        assertThat(admin.putJson("/api/v1/server/redundancy/" + Federated.host(a), Map.of("redundancyAllowed", false)).status()).isEqualTo(204);
        assertThat(b.client().get(mirrorPath(mediaName)).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/server/redundancy/videos?target=remote-videos").json().get("total").asInt()).isZero();
    }

    @Test
    void the_origin_lists_other_instances_mirrors_of_its_videos() {
        Federated.awaitIdle(a, b); // B's withdrawal of its own mirror (the other test) has reached A
        // As the inbox stores a CacheFile received from another instance (PeerTube's remote redundancy).
        String base = "https://mirror.example/static/redundancy/hls/" + uuid;
        a.app().database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO remote_mirrors (url, video_id, actor_url, base_url, expires_at, state, created_at, updated_at)
                        SELECT :url, id, 'https://mirror.example/accounts/peertube', :base, NULL, 'verified', 1, 2 FROM videos WHERE uuid = :uuid""")
                .bind("url", "https://mirror.example/redundancy/streaming-playlists/hls/" + uuid).bind("base", base).bind("uuid", uuid).execute());
        try {
            JsonNode list = a.admin().get("/api/v1/server/redundancy/videos?target=my-videos&start=0&count=5&sort=name").json();
            assertThat(list.get("total").asInt()).isEqualTo(1);
            assertThat(list.at("/data/0/uuid").asText()).isEqualTo(uuid);
            assertThat(list.at("/data/0/url").asText()).isEqualTo(a.baseUrl() + "/videos/watch/" + uuid);
            JsonNode copy = list.at("/data/0/redundancies/streamingPlaylists/0");
            assertThat(copy.get("fileUrl").asText()).isEqualTo(base);
            assertThat(copy.get("strategy").isNull()).isTrue();
            assertThat(copy.get("size").asLong()).isPositive();
            assertThat(a.admin().get("/api/v1/server/redundancy/videos?target=remote-videos").json().get("total").asInt()).isZero();
            assertThat(a.admin().get("/api/v1/server/redundancy/videos?target=everything").status()).isEqualTo(400);
            assertThat(a.client().get("/api/v1/server/redundancy/videos?target=my-videos").status()).isEqualTo(401);
        } finally {
            a.app().database().jdbi().useHandle(h -> h.createUpdate("DELETE FROM remote_mirrors").execute());
        }
    }

    /** Announces to B's tracker and returns its first answer (an unknown swarm gets the socket closed instead). */
    private static String announceOnB(String infoHashHex) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(b.baseUrl().replace("http", "ws") + "/tracker/socket"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        answer.complete(data.toString());
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                        answer.complete("closed " + code);
                        return null;
                    }
                }).join();
        ObjectMapper json = new ObjectMapper();
        ws.sendText("{\"action\":\"announce\",\"info_hash\":" + json.writeValueAsString(BinaryIds.fromHex(infoHashHex))
                + ",\"peer_id\":\"-WW0200-mirrormirror\",\"left\":100,\"event\":\"started\",\"numwant\":1,\"offers\":[]}", true).join();
        try {
            return answer.get(10, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }

    private static String mirrorPath(String name) {
        return "/static/redundancy/hls/" + uuid + "/" + name;
    }

    private static String originUrl(String name) {
        return "/static/streaming-playlists/hls/" + uuid + "/" + name;
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** What `t`'s ledger holds for a video of `origin`, once its counters are flushed. */
    private static long servedFor(TestInstance t, String origin, String uuid) {
        t.app().servedCounter().flush();
        return t.app().database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(bytes), 0) FROM served_bytes WHERE video_uuid = :u AND origin_host = :o")
                .bind("u", uuid).bind("o", origin).mapTo(Long.class).one());
    }
}
