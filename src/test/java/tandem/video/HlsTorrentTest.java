package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each HLS rendition gets a .torrent, as PeerTube makes one per HLS file: served at PeerTube's path,
 * web-seeded from the rendition, named in the API and in the Video object; a video published by an
 * older Tandem, without them, gets them after a restart and followers hear of them.
 */
class HlsTorrentTest {
    private static TestInstance tandem;
    private static String uuid;

    @BeforeAll
    static void upload() {
        tandem = TestInstance.start();
        uuid = tandem.admin().uploaded(TestMedia.clipWithAudio(), "Bread: a story", Map.of("privacy", "1"));
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    @Test
    void every_hls_rendition_has_a_torrent_in_the_api_and_the_video_object() {
        JsonNode files = tandem.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files");
        assertThat(files).isNotEmpty();
        JsonNode object = tandem.client().get("/videos/watch/" + uuid, "Accept", "application/activity+json").json();
        List<JsonNode> tags = new ArrayList<>();
        for (JsonNode link : object.get("url")) link.path("tag").forEach(tags::add);
        for (JsonNode f : files) {
            String torrentUrl = f.path("torrentUrl").asText(null);
            assertThat(torrentUrl).as(f.toString()).startsWith(tandem.baseUrl() + "/lazy-static/torrents/").endsWith("-hls.torrent");
            assertThat(f.path("torrentDownloadUrl").asText()).startsWith(tandem.baseUrl() + "/download/torrents/");
            assertThat(f.path("magnetUri").asText()).startsWith("magnet:?").contains("xt=urn:btih:");
            Response torrent = tandem.client().get(torrentUrl);
            assertThat(torrent.status()).isEqualTo(200);
            String meta = new String(torrent.body(), StandardCharsets.ISO_8859_1);
            String seed = f.path("fileUrl").asText();
            String name = "Bread- a story " + f.at("/resolution/id").asInt() + "p.mp4";
            assertThat(meta).as("web seed, and PeerTube's name: the video's, its resolution, the extension")
                    .contains("8:url-list" + "l" + seed.length() + ":" + seed).contains("4:name" + name.length() + ":" + name)
                    .contains("13:announce-list");
            assertThat(tags).as("a torrent link of the rendition's height in the playlist's tags")
                    .anyMatch(t -> t.path("mediaType").asText().equals("application/x-bittorrent") && t.path("href").asText().equals(torrentUrl)
                            && t.path("height").asInt() == f.at("/resolution/id").asInt());
            assertThat(tags).anyMatch(t -> t.path("href").asText().equals(f.path("magnetUri").asText()));
        }
    }

    @Test
    void a_video_published_without_them_gets_them_after_a_restart_and_followers_are_told() {
        String forget = "UPDATE video_files SET torrent_name = NULL, info_hash = NULL WHERE kind = 'hls'";
        tandem.app().database().jdbi().useHandle(h -> h.createUpdate(forget).execute());
        assertThat(tandem.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files/0/torrentUrl").isNull()).isTrue();
        long updates = publishJobs();

        tandem.restartApp();
        tandem.awaitIdle();
        JsonNode files = tandem.client().get("/api/v1/videos/" + uuid).json().at("/streamingPlaylists/0/files");
        for (JsonNode f : files) {
            assertThat(f.path("torrentUrl").asText(null)).as(f.toString()).endsWith("-hls.torrent");
            assertThat(tandem.client().get(f.path("torrentUrl").asText()).status()).isEqualTo(200);
        }
        assertThat(publishJobs()).as("an Update tells followers of the new links").isEqualTo(updates + 1);
    }

    private static long publishJobs() {
        return tandem.app().database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM jobs WHERE type = 'activitypub-publish'")
                .mapTo(Long.class).one());
    }
}
