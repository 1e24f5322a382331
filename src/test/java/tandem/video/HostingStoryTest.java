package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A user uploads a video; it becomes playable HLS whose every segment matches its published SHA-256. */
class HostingStoryTest {
    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\s+(\\S+)");
    private static TestInstance tandem;
    private static TestClient admin;
    private static String uuid;

    @BeforeAll
    static void uploadOneVideo() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        uuid = admin.uploaded(TestMedia.clipWithAudio(), "My first video",
                Map.of("tags[0]", "nature", "tags[1]", "music", "category", "1", "description", "Hello world", "privacy", "1"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void the_video_is_published_with_a_torrent_and_an_hls_ladder() {
        JsonNode v = tandem.client().get("/api/v1/videos/" + uuid).json();
        assertThat(v.at("/state/id").asInt()).isEqualTo(1);
        assertThat(v.at("/duration").asInt()).isEqualTo(TestMedia.CLIP_SECONDS);
        assertThat(v.at("/tags").toString()).contains("nature", "music");
        assertThat(v.at("/category/label").asText()).isEqualTo("Music");
        assertThat(v.at("/files/0/torrentUrl").asText()).endsWith(".torrent");
        assertThat(v.at("/files/0/magnetUri").asText()).startsWith("magnet:?xs=");
        assertThat(v.at("/streamingPlaylists/0/files").size()).isGreaterThanOrEqualTo(1);
        assertThat(v.at("/trackerUrls/1").asText()).startsWith("ws://localhost:").endsWith("/tracker/socket");
        String shortUuid = v.at("/shortUUID").asText();
        assertThat(tandem.client().get("/api/v1/videos/" + shortUuid).json().at("/uuid").asText()).isEqualTo(uuid);
        assertThat(tandem.client().get("/api/v1/videos/" + v.at("/id").asLong()).json().at("/uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void every_segment_matches_its_sha256_and_is_served_by_byte_range() throws Exception {
        JsonNode playlist = tandem.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0");
        String masterUrl = playlist.get("playlistUrl").asText();
        Response master = tandem.client().get(masterUrl);
        assertThat(master.status()).isEqualTo(200);
        assertThat(master.header("Content-Type")).isEqualTo("application/vnd.apple.mpegurl");
        assertThat(master.header("Access-Control-Allow-Origin")).isEqualTo("*");
        JsonNode sha = tandem.client().get(playlist.get("segmentsSha256Url").asText()).json();
        String dir = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1);
        List<String> variants = master.text().lines().filter(l -> l.endsWith(".m3u8")).toList();
        assertThat(variants).hasSize(playlist.get("files").size());
        int checked = 0;
        for (String variant : variants) {
            Matcher m = BYTERANGE.matcher(tandem.client().get(dir + variant).text());
            while (m.find()) {
                long len = Long.parseLong(m.group(1));
                long off = Long.parseLong(m.group(2));
                String file = m.group(3);
                Response seg = tandem.client().get(dir + file, "Range", "bytes=" + off + "-" + (off + len - 1));
                assertThat(seg.status()).isEqualTo(206);
                assertThat(seg.header("Cache-Control")).as("a public video's fragments are for any cache").isEqualTo("public, max-age=31536000, immutable");
                assertThat(seg.header("Content-Range")).isEqualTo("bytes " + off + "-" + (off + len - 1) + "/" + seg.header("Content-Range").split("/")[1]);
                assertThat(seg.body()).hasSize((int) len);
                String expected = sha.at("/" + file + "/" + off + "-" + (off + len - 1)).asText();
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seg.body()))).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(variants.size());
    }

    @Test
    void ffprobe_plays_the_master_playlist_over_http() throws Exception {
        String masterUrl = tandem.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/playlistUrl").asText();
        ProcessBuilder pb = new ProcessBuilder(TestMedia.binaries().ffprobe().toString(), "-v", "error",
                "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", masterUrl);
        pb.environment().put("LD_LIBRARY_PATH", TestMedia.binaries().ffprobe().getParent().toString());
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow())).isBetween(2.5, 3.5);
    }

    @Test
    void static_files_support_etags_ranges_and_images() {
        JsonNode v = tandem.client().get("/api/v1/videos/" + uuid).json();
        String file = v.at("/streamingPlaylists/0/files/0/fileUrl").asText();
        Response whole = tandem.client().get(file);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(whole.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(tandem.client().get(file, "If-None-Match", whole.header("ETag")).status()).isEqualTo(304);
        Response beyond = tandem.client().get(file, "Range", "bytes=999999999-");
        assertThat(beyond.status()).isEqualTo(416);
        assertThat(beyond.header("Content-Range")).isEqualTo("bytes */" + whole.body().length);
        Response thumb = tandem.client().get(v.get("thumbnailPath").asText());
        assertThat(thumb.status()).isEqualTo(200);
        assertThat(thumb.header("Content-Type")).isEqualTo("image/jpeg");
        assertThat(tandem.client().get(v.get("previewPath").asText()).status()).isEqualTo(200);
        Response torrent = tandem.client().get(v.at("/files/0/torrentUrl").asText());
        assertThat(torrent.status()).isEqualTo(200);
        assertThat(torrent.text()).startsWith("d").contains("8:announce");
    }

    @Test
    void lists_filter_and_search_published_videos() {
        TestClient anon = tandem.client();
        assertThat(anon.get("/api/v1/videos").json().get("total").asInt()).isEqualTo(1);
        assertThat(anon.get("/api/v1/videos?search=first").json().get("total").asInt()).isEqualTo(1);
        assertThat(anon.get("/api/v1/videos?search=nothing-like-it").json().get("total").asInt()).isZero();
        assertThat(anon.get("/api/v1/videos?tagsOneOf=music").json().get("total").asInt()).isEqualTo(1);
        assertThat(anon.get("/api/v1/videos?categoryOneOf=2").json().get("total").asInt()).isZero();
        assertThat(anon.get("/api/v1/videos?isLocal=true&sort=-views&start=0&count=5").json().get("total").asInt()).isEqualTo(1);
        assertThat(anon.get("/api/v1/videos?count=101").status()).isEqualTo(400);
        assertThat(anon.get("/api/v1/video-channels/root_channel/videos").json().get("total").asInt()).isEqualTo(1);
        assertThat(anon.get("/api/v1/accounts/root/videos").json().get("total").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/users/me/videos").json().at("/data/0/uuid").asText()).isEqualTo(uuid);
    }

    @Test
    void the_config_and_constants_answer_like_peertube() {
        JsonNode config = tandem.client().get("/api/v1/config").json();
        for (String key : List.of("serverVersion", "client", "defaults", "webadmin", "instance", "search", "plugin", "theme", "email",
                "contactForm", "signup", "transcoding", "live", "videoStudio", "videoFile", "import", "export", "autoBlacklist",
                "avatar", "banner", "video", "videoCaption", "user", "videoChannels", "trending", "tracker", "followings",
                "broadcastMessage", "homepage", "openTelemetry", "views", "storyboards", "videoTranscription")) {
            assertThat(config.has(key)).as(key).isTrue();
        }
        assertThat(tandem.client().get("/api/v1/videos/categories").json().get("1").asText()).isEqualTo("Music");
        assertThat(tandem.client().get("/api/v1/videos/privacies").json().get("3").asText()).isEqualTo("Private");
        assertThat(tandem.client().get("/health").json().get("status").asText()).isEqualTo("UP");
        assertThat(admin.get("/api/v1/jobs/completed").json().get("total").asInt()).isPositive();
        JsonNode all = admin.get("/api/v1/jobs/all").json();
        assertThat(all.get("total").asLong()).as("an unfiltered job list counts every job").isGreaterThanOrEqualTo(all.get("data").size()).isPositive();
        assertThat(tandem.client().get("/metrics").text()).contains("tandem_jobs", "tandem_http_requests");
    }

    @Test
    void without_wait_transcoding_a_video_is_published_at_once_and_gains_its_ladder_later() {
        Response up = admin.upload(TestMedia.clipWithoutAudio(), "Published right away", Map.of("waitTranscoding", "false"));
        String now = up.json().at("/video/uuid").asText();
        JsonNode early = tandem.client().get("/api/v1/videos/" + now).json();
        assertThat(early.at("/state/id").asInt()).isEqualTo(1);
        assertThat(early.get("waitTranscoding").asBoolean()).isFalse();
        assertThat(early.at("/files/0/fileUrl").asText()).contains("/static/web-videos/");
        tandem.awaitIdle();
        assertThat(tandem.client().get("/api/v1/videos/" + now).json().at("/streamingPlaylists/0/files").size()).isPositive();
        assertThat(admin.delete("/api/v1/videos/" + now).status()).isEqualTo(204);
        tandem.awaitIdle();
    }

    @Test
    void deleting_a_video_removes_its_files() throws IOException {
        Response up = admin.upload(TestMedia.clipWithoutAudio(), "To be deleted", Map.of());
        String doomed = up.json().at("/video/uuid").asText();
        tandem.awaitIdle();
        var hlsDir = tandem.dataDir().resolve("storage/streaming-playlists/hls/" + doomed);
        assertThat(Files.isDirectory(hlsDir)).isTrue();
        assertThat(tandem.client().delete("/api/v1/videos/" + doomed).status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/videos/" + doomed).status()).isEqualTo(204);
        tandem.awaitIdle();
        assertThat(tandem.client().get("/api/v1/videos/" + doomed).status()).isEqualTo(404);
        assertThat(Files.exists(hlsDir)).isFalse();
        try (var web = Files.list(tandem.dataDir().resolve("storage/web-videos"))) {
            assertThat(web.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(doomed));
        }
    }
}
