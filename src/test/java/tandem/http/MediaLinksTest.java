package tandem.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every link the API gives to a file of a video (thumbnail, preview, MP4s, downloads, torrents) opens,
 * on both listeners, for whoever may watch the video and for nobody else: a private video's files
 * need its owner, an admin or the owner's file token, and stay out of shared caches.
 */
class MediaLinksTest {
    private static TestInstance tandem;
    private static TestClient anyone;
    private static TestClient admin;
    private static TestClient alice;
    private static TestClient carol;
    private static String mediaBase;
    private static String publicVideo;
    private static String privateVideo;
    private static String notForDownload;

    @BeforeAll
    static void aliceUploadsThreeVideos() throws IOException {
        int mediaPort = TestInstance.freePort();
        mediaBase = "http://localhost:" + mediaPort;
        tandem = TestInstance.start(Map.of("media_port", String.valueOf(mediaPort)));
        anyone = tandem.client();
        admin = tandem.admin();
        alice = tandem.newUser("alice");
        carol = tandem.newUser("carol");
        publicVideo = upload("A public video", Map.of("privacy", "1"));
        privateVideo = upload("A private video", Map.of("privacy", "3"));
        notForDownload = upload("Watch only", Map.of("privacy", "1", "downloadEnabled", "false"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void every_link_of_a_public_video_opens_for_anyone_on_both_listeners_with_byte_ranges() {
        JsonNode v = anyone.get("/api/v1/videos/" + publicVideo).json();
        List<String> links = links(v);
        assertThat(links).anyMatch(l -> l.contains("/lazy-static/thumbnails/")).anyMatch(l -> l.contains("/lazy-static/previews/"))
                .anyMatch(l -> l.contains("/static/web-videos/")).anyMatch(l -> l.contains("/download/web-videos/"))
                .anyMatch(l -> l.contains("/download/streaming-playlists/")).anyMatch(l -> l.contains("/torrents/"));
        for (String url : links) {
            Response whole = anyone.get(url);
            assertThat(whole.status()).as(url).isEqualTo(200);
            assertThat(whole.header("Cache-Control")).as(url).startsWith("public");
            Response first = anyone.get(url, "Range", "bytes=0-0");
            assertThat(first.status()).as(url).isEqualTo(206);
            assertThat(first.body()).as(url).containsExactly(whole.body()[0]);
            if (url.contains("/download/")) {
                // Named after the video, as PeerTube names downloads: "<name>-<resolution>p.<ext>".
                assertThat(whole.header("Content-Disposition")).as(url).matches("attachment; filename=\"A public video-\\d+p\\.(mp4|torrent)\".*");
            }
        }
    }

    @Test
    void a_private_videos_links_open_only_for_its_owner_an_admin_or_the_owners_file_token() {
        JsonNode v = alice.get("/api/v1/videos/" + privateVideo).json();
        String token = alice.postJson("/api/v1/videos/" + privateVideo + "/token", Map.of()).json().at("/files/token").asText();
        List<String> links = links(v);
        assertThat(links).anyMatch(l -> l.contains("/lazy-static/thumbnails/")).anyMatch(l -> l.contains("/torrents/"))
                .anyMatch(l -> l.contains("/download/web-videos/")).anyMatch(l -> l.contains("/download/streaming-playlists/"));
        for (String url : links) {
            assertThat(anyone.get(url).status()).as("anyone: " + url).isIn(401, 403, 404);
            assertThat(carol.get(url).status()).as("another user: " + url).isIn(401, 403, 404);
            Response owner = alice.get(url);
            assertThat(owner.status()).as("owner: " + url).isEqualTo(200);
            assertThat(owner.header("Cache-Control")).as(url).startsWith("private");
            assertThat(alice.get(url, "Range", "bytes=0-0").status()).as(url).isEqualTo(206);
            assertThat(admin.get(url).status()).as("admin: " + url).isEqualTo(200);
            assertThat(anyone.get(url + "?videoFileToken=" + token).status()).as("file token: " + url).isEqualTo(200);
        }
    }

    @Test
    void a_video_its_owner_keeps_from_downloads_plays_but_only_its_owner_downloads_it() {
        JsonNode v = anyone.get("/api/v1/videos/" + notForDownload).json();
        assertThat(v.get("downloadEnabled").asBoolean()).isFalse();
        for (JsonNode f : files(v)) {
            for (String played : onBothListeners(f.get("fileUrl").asText())) assertThat(anyone.get(played).status()).as(played).isEqualTo(200);
            for (String field : List.of("fileDownloadUrl", "torrentDownloadUrl")) {
                if (!f.hasNonNull(field)) continue;
                for (String url : onBothListeners(f.get(field).asText())) {
                    assertThat(anyone.get(url).status()).as(url).isEqualTo(403);
                    assertThat(alice.get(url).status()).as("owner: " + url).isEqualTo(200);
                }
            }
        }
    }

    @Test
    void a_private_video_made_public_plays_from_its_public_address_at_once_and_back() {
        String uuid = upload("Soon public", Map.of("privacy", "3"));
        tandem.awaitIdle();
        JsonNode v = alice.get("/api/v1/videos/" + uuid).json();
        String privateMaster = v.at("/streamingPlaylists/0/playlistUrl").asText();
        List<String> thumbnails = onBothListeners(tandem.baseUrl() + v.get("thumbnailPath").asText());
        assertThat(alice.get(privateMaster).status()).isEqualTo(200);
        for (String t : thumbnails) assertThat(anyone.get(t).status()).as(t).isEqualTo(403);

        assertThat(alice.putJson("/api/v1/videos/" + uuid, Map.of("privacy", 1)).status()).isEqualTo(204);
        String publicMaster = anyone.get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/playlistUrl").asText();
        assertThat(publicMaster).isEqualTo(privateMaster.replace("/private/", "/"));
        assertThat(anyone.get(publicMaster).status()).as("public as soon as the change is saved").isEqualTo(200);
        for (String t : thumbnails) assertThat(anyone.get(t).status()).as(t).isEqualTo(200);

        assertThat(alice.putJson("/api/v1/videos/" + uuid, Map.of("privacy", 3)).status()).isEqualTo(204);
        assertThat(anyone.get(publicMaster).status()).as("private again at once").isEqualTo(404);
        for (String t : thumbnails) assertThat(anyone.get(t).status()).as(t).isEqualTo(403);
    }

    private static String upload(String name, Map<String, String> fields) {
        Response up = alice.upload(TestMedia.clipWithAudio(), name, fields);
        assertThat(up.status()).as(up.text()).isEqualTo(200);
        return up.json().at("/video/uuid").asText();
    }

    /** The web-video files and the HLS renditions of a video. */
    private static List<JsonNode> files(JsonNode v) {
        List<JsonNode> files = new ArrayList<>();
        v.get("files").forEach(files::add);
        v.at("/streamingPlaylists/0/files").forEach(files::add);
        return files;
    }

    /** Every link to one of our files the API gives for a video, each on both listeners. */
    private static List<String> links(JsonNode v) {
        List<String> urls = new ArrayList<>(List.of(tandem.baseUrl() + v.get("thumbnailPath").asText(), tandem.baseUrl() + v.get("previewPath").asText()));
        for (JsonNode f : files(v)) {
            for (String field : List.of("fileUrl", "fileDownloadUrl", "torrentUrl", "torrentDownloadUrl")) {
                if (f.hasNonNull(field)) urls.add(f.get(field).asText());
            }
        }
        return urls.stream().flatMap(u -> onBothListeners(u).stream()).toList();
    }

    /** The same path on the main listener and on the zero-copy media listener. */
    private static List<String> onBothListeners(String url) {
        String path = URI.create(url).getRawPath();
        return Stream.of(tandem.baseUrl(), mediaBase).map(base -> base + path).toList();
    }
}
