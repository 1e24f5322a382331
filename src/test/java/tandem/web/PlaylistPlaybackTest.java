package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A playlist plays on the watch page in a real headless Chromium (interop/browser-playlist.mjs): from
 * "Play all" at position 1 to the end, then on to element 2 at ?playlistPosition=2 with the playlist
 * beside the player; a private playlist plays for its owner only. The embed API's getCaptions gives the
 * caption files' URLs, which answer WebVTT, and setCaption turns them on and off by those ids.
 */
class PlaylistPlaybackTest {
    private static TestInstance tandem;
    private static JsonNode story;
    private static String output;
    private static String shortId;

    @BeforeAll
    static void runTheStory() throws IOException {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        TestClient admin = tandem.admin();
        String first = admin.upload(TestMedia.webReadyClip(320, 180, 4), "Episode one", Map.of()).json().at("/video/uuid").asText();
        String second = admin.upload(TestMedia.webReadyClip(320, 180, 5), "Episode two", Map.of()).json().at("/video/uuid").asText();
        // Newer than both: what "up next" would offer, which a playlist must not follow.
        admin.upload(TestMedia.clipWithAudio(), "Not in the playlist", Map.of());
        tandem.awaitIdle();
        long channel = admin.me().at("/videoChannels/0/id").asLong();
        JsonNode open = admin.postJson("/api/v1/video-playlists", Map.of("displayName", "Season one", "privacy", 1, "videoChannelId", channel)).json();
        shortId = open.at("/videoPlaylist/shortUUID").asText();
        String hidden = admin.postJson("/api/v1/video-playlists", Map.of("displayName", "My secret list", "privacy", 3)).json()
                .at("/videoPlaylist/uuid").asText();
        for (String v : new String[] {first, second}) {
            assertThat(admin.postJson("/api/v1/video-playlists/" + shortId + "/videos", Map.of("videoId", v)).status()).isEqualTo(200);
        }
        assertThat(admin.postJson("/api/v1/video-playlists/" + hidden + "/videos", Map.of("videoId", second)).status()).isEqualTo(200);

        Path dir = Files.createTempDirectory("captions");
        Path fr = Files.writeString(dir.resolve("fr.srt"), "1\r\n00:00:00,500 --> 00:00:02,000\r\nBonjour\r\n");
        Path en = Files.writeString(dir.resolve("en.vtt"), "WEBVTT\n\n00:00.500 --> 00:02.000\nHello\n");
        assertThat(admin.multipart("PUT", "/api/v1/videos/" + first + "/captions/fr", Map.of(), "captionfile", fr).status()).isEqualTo(204);
        assertThat(admin.multipart("PUT", "/api/v1/videos/" + first + "/captions/en", Map.of(), "captionfile", en).status()).isEqualTo(204);

        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "browser-playlist.mjs",
                tandem.baseUrl(), admin.token(), shortId, hidden, first);
        output = run.output();
        story = run.report();
        assertThat(story.has("failed")).as(output).isFalse();
        assertThat(run.exitCode()).as(output).isZero();
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    void play_all_starts_the_playlist_at_its_first_element_with_the_list_beside_the_player() {
        assertThat(story.at("/playAll/href").asText()).isEqualTo("/w/p/" + shortId + "?playlistPosition=1");
        JsonNode first = story.get("first");
        assertThat(first.get("url").asText()).as(output).endsWith("/w/p/" + shortId + "?playlistPosition=1");
        assertThat(first.get("title").asText()).isEqualTo("Episode one");
        assertThat(first.get("heading").asText()).isEqualTo("Season one");
        assertThat(first.get("items")).extracting(JsonNode::asText).containsExactly("Episode one", "Episode two");
        assertThat(first.get("current").asText()).isEqualTo("1");
        assertThat(first.get("beside").asBoolean()).as("beside the page on a desktop: " + output).isTrue();
    }

    @Test
    void the_end_of_an_element_plays_the_next_one_not_the_up_next_video() {
        JsonNode end = story.get("end");
        assertThat(end.get("url").asText()).as(output).endsWith("/w/p/" + shortId + "?playlistPosition=2");
        assertThat(end.get("title").asText()).isEqualTo("Episode two");
        assertThat(end.get("current").asText()).isEqualTo("2");
        assertThat(end.get("upNextShown").asInt()).isZero();
    }

    @Test
    void a_private_playlist_plays_for_its_owner_only() {
        assertThat(story.at("/private/owner/heading").asText()).isEqualTo("My secret list");
        assertThat(story.at("/private/owner/title").asText()).isEqualTo("Episode two");
        assertThat(story.at("/private/stranger/title").asText()).as(output).contains("private video playlist");
        assertThat(story.at("/private/stranger/panelHidden").asBoolean()).isTrue();
    }

    @Test
    void the_embed_api_gives_caption_files_that_answer_webvtt_and_switches_them_by_id() {
        JsonNode embed = story.get("embedCaptions");
        assertThat(embed.get("captions")).extracting(c -> c.get("id").asText()).containsExactlyInAnyOrder("fr", "en");
        for (JsonNode c : embed.get("captions")) {
            assertThat(c.get("src").asText()).as(output).startsWith(tandem.baseUrl() + "/lazy-static/video-captions/");
            assertThat(c.get("label").asText()).isNotBlank();
        }
        for (JsonNode f : embed.get("files")) {
            assertThat(f.get("status").asInt()).isEqualTo(200);
            assertThat(f.get("type").asText()).startsWith("text/vtt");
            assertThat(f.get("start").asText()).isEqualTo("WEBVTT");
        }
        assertThat(embed.get("modesAfterSet")).extracting(JsonNode::asText).contains("fr:showing").doesNotContain("en:showing");
        assertThat(embed.get("modesAfterOff")).extracting(JsonNode::asText).noneMatch(m -> m.endsWith(":showing"));
        assertThat(story.path("pageErrors").size()).as(output).isZero();
    }
}
