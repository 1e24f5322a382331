package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Fast by default": an upload is published with one rendition (a remux of a web-ready source, else one low
 * rung) before the rest of the ladder is encoded; the ladder then joins it, the first rendition keeping its place.
 */
class PlayableFirstTest {
    private static final Pattern BYTERANGE = Pattern.compile("#EXT-X-BYTERANGE:(\\d+)@(\\d+)\\s+(\\S+)");
    private static TestInstance tandem;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    /** What a player sees when the video first turns playable. */
    private record FirstSight(List<String> variants, JsonNode video) {}

    @Test
    void a_web_ready_upload_is_remuxed_and_playable_before_its_ladder() throws Exception {
        Path source = TestMedia.webReadyClip(1280, 720, 12);
        FirstSight first = uploadAndWatch(source, "Web-ready");
        assertThat(first.variants()).containsExactly(fileKey(first.video()) + "-720.m3u8");
        tandem.awaitIdle(Duration.ofMinutes(3));
        JsonNode done = video(first.video().get("uuid").asText());
        List<String> all = variants(done);
        assertThat(all).as("the remuxed rendition keeps its place; the ladder joins it")
                .containsExactly(fileKey(done) + "-720.m3u8", fileKey(done) + "-480.m3u8", fileKey(done) + "-360.m3u8",
                        fileKey(done) + "-240.m3u8");
        assertThat(done.at("/streamingPlaylists/0/files").size()).isEqualTo(4);
        assertThat(done.at("/streamingPlaylists/0/files/0/size").asLong()).as("published files never change")
                .isEqualTo(first.video().at("/streamingPlaylists/0/files/0/size").asLong());
        assertThat(done.at("/streamingPlaylists/0/p2pMediaLoaderInfohashes").size()).isEqualTo(4);
        assertThat(done.at("/streamingPlaylists/0/p2pMediaLoaderInfohashes/0").asText())
                .isEqualTo(first.video().at("/streamingPlaylists/0/p2pMediaLoaderInfohashes/0").asText());
        assertThat(checkSegments(done)).isGreaterThanOrEqualTo(12);
    }

    @Test
    void a_ten_bit_upload_gets_a_fast_low_rung_first() throws Exception {
        Path source = TestMedia.tenBitClip(854, 480, 25, 12);
        FirstSight first = uploadAndWatch(source, "Ten-bit");
        assertThat(first.variants()).containsExactly(fileKey(first.video()) + "-360.m3u8");
        tandem.awaitIdle(Duration.ofMinutes(3));
        JsonNode done = video(first.video().get("uuid").asText());
        assertThat(variants(done)).containsExactly(fileKey(done) + "-360.m3u8", fileKey(done) + "-480.m3u8",
                fileKey(done) + "-240.m3u8");
        assertThat(checkSegments(done)).isGreaterThanOrEqualTo(9);
    }

    /**
     * Uploads and polls until the video is published, then checks at once that its master, variant playlists and
     * every segment against segments-sha256.json are served; returns what it saw then.
     */
    private static FirstSight uploadAndWatch(Path source, String name) throws Exception {
        String uuid = admin.uploaded(source, name, Map.of("privacy", "1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode v = video(uuid);
            if (v.at("/state/id").asInt() == 1) {
                List<String> variants = variants(v);
                assertThat(v.at("/streamingPlaylists/0/files").size()).isEqualTo(variants.size());
                checkSegments(v);
                return new FirstSight(variants, v);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never published");
    }

    private static JsonNode video(String uuid) {
        return tandem.client().get("/api/v1/videos/" + uuid).json();
    }

    private static String fileKey(JsonNode v) {
        String master = v.at("/streamingPlaylists/0/playlistUrl").asText();
        String name = master.substring(master.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - "-master.m3u8".length());
    }

    private static List<String> variants(JsonNode v) {
        Response master = tandem.client().get(v.at("/streamingPlaylists/0/playlistUrl").asText());
        assertThat(master.status()).isEqualTo(200);
        return master.text().lines().filter(l -> l.endsWith(".m3u8")).toList();
    }

    /** Fetches every segment the master reaches by byte range and checks it against the published SHA-256. */
    private static int checkSegments(JsonNode v) throws Exception {
        JsonNode playlist = v.at("/streamingPlaylists/0");
        String masterUrl = playlist.get("playlistUrl").asText();
        String dir = masterUrl.substring(0, masterUrl.lastIndexOf('/') + 1);
        JsonNode sha = tandem.client().get(playlist.get("segmentsSha256Url").asText()).json();
        int checked = 0;
        for (String variant : variants(v)) {
            Matcher m = BYTERANGE.matcher(tandem.client().get(dir + variant).text());
            while (m.find()) {
                long len = Long.parseLong(m.group(1));
                long off = Long.parseLong(m.group(2));
                String file = m.group(3);
                Response seg = tandem.client().get(dir + file, "Range", "bytes=" + off + "-" + (off + len - 1));
                assertThat(seg.status()).isEqualTo(206);
                String expected = sha.at("/" + file + "/" + off + "-" + (off + len - 1)).asText();
                assertThat(expected).as(file + " " + off).isNotEmpty();
                assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seg.body()))).isEqualTo(expected);
                checked++;
            }
        }
        assertThat(checked).isPositive();
        return checked;
    }
}
