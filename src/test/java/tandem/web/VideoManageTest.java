package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.Federated;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The uploader edits a video in a real headless Chromium (interop/browser-manage.mjs), on a phone-sized
 * then a desktop screen: title, description, tags, comments policy, an uploaded thumbnail, a frame as
 * thumbnail, chapters. The API, the watch page and a second instance that follows the first all show them.
 */
class VideoManageTest {
    private static final String TITLE = "Edited in the browser";
    private static final String DESCRIPTION = "A description *written* on a phone";
    private static TestInstance origin;
    private static TestInstance follower;
    private static String uuid;
    private static String thumbnailBefore;
    private static JsonNode story;
    private static String output;

    @BeforeAll
    static void runTheStory() throws IOException {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        origin = Federated.start();
        follower = Federated.start();
        assertThat(follower.admin().postJson("/api/v1/server/following", Map.of("hosts", List.of(Federated.host(origin)))).status()).isEqualTo(204);
        Federated.awaitIdle(origin, follower);
        TestClient admin = origin.admin();
        uuid = admin.upload(TestMedia.clipWithAudio(), "Before the edit", Map.of("privacy", "1")).json().at("/video/uuid").asText();
        Federated.awaitIdle(origin, follower);
        assertThat(follower.client().get("/api/v1/videos/" + uuid).json().path("name").asText()).as("the follower has the video").isEqualTo("Before the edit");
        thumbnailBefore = admin.get("/api/v1/videos/" + uuid).json().path("thumbnailPath").asText();

        BufferedImage img = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 640, 360);
        g.dispose();
        Path png = Files.createTempDirectory("manage").resolve("cover.png");
        ImageIO.write(img, "png", png.toFile());

        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "browser-manage.mjs",
                origin.baseUrl(), admin.token(), uuid, png.toString(), TITLE, DESCRIPTION);
        output = run.output();
        story = run.report();
        assertThat(story.has("failed")).as(output).isFalse();
        assertThat(run.exitCode()).as(output).isZero();
        Federated.awaitIdle(origin, follower);
    }

    @AfterAll
    static void stop() {
        if (origin != null) origin.close();
        if (follower != null) follower.close();
    }

    @Test
    void the_phone_edit_is_saved_and_shown_on_the_watch_page() {
        assertThat(story.at("/phoneDetails/url").asText()).as(output).endsWith("/videos/manage/" + origin.admin().get("/api/v1/videos/" + uuid).json().path("shortUUID").asText());
        assertThat(story.at("/phoneDetails/before/title").asText()).isEqualTo("Before the edit");
        assertThat(story.at("/phoneDetails/overflow").asInt()).as("nothing wider than a phone").isLessThanOrEqualTo(0);
        assertThat(story.at("/watch/title").asText()).isEqualTo(TITLE);
        assertThat(story.at("/watch/description").asText()).contains("written");
        JsonNode v = origin.client().get("/api/v1/videos/" + uuid).json();
        assertThat(v.path("name").asText()).isEqualTo(TITLE);
        assertThat(v.path("description").asText()).isEqualTo(DESCRIPTION);
        assertThat(v.path("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("edited", "phone");
        assertThat(v.at("/commentsPolicy/id").asInt()).isEqualTo(3);
    }

    @Test
    void the_thumbnail_is_replaced_by_the_image_then_by_a_frame() {
        String uploaded = story.at("/phoneThumbnail/after").asText();
        assertThat(uploaded).isNotEqualTo(thumbnailBefore);
        assertThat(story.at("/phoneThumbnail/naturalWidth").asInt()).as("the new image loads").isPositive();
        String frame = story.at("/desktopFrameAndChapters/after").asText();
        assertThat(frame).isNotEqualTo(uploaded);
        assertThat(origin.client().get("/api/v1/videos/" + uuid).json().path("thumbnailPath").asText()).isEqualTo(frame);
        assertThat(origin.client().get(frame).body()).isNotEqualTo(origin.client().get(thumbnailBefore).body());
    }

    @Test
    void desktop_sees_the_saved_values_and_saves_chapters_with_a_bad_line_refused() {
        assertThat(story.at("/desktopFrameAndChapters/reloaded/title").asText()).isEqualTo(TITLE);
        assertThat(story.at("/desktopFrameAndChapters/reloaded/comments").asText()).isEqualTo("3");
        assertThat(story.at("/desktopFrameAndChapters/badChapters").asText()).contains("Line 1");
        JsonNode chapters = origin.client().get("/api/v1/videos/" + uuid + "/chapters").json().path("chapters");
        assertThat(chapters.size()).isEqualTo(2);
        assertThat(chapters.at("/1/title").asText()).isEqualTo("The end");
        assertThat(story.at("/oldUrl/url").asText()).contains("/videos/manage/" + uuid);
        assertThat(story.path("pageErrors").size()).as(output).isZero();
    }

    @Test
    void the_description_preview_renders_markdown_and_runs_nothing_hostile() {
        JsonNode preview = story.get("preview");
        assertThat(preview.get("label").asText()).as(output).isEqualTo("Preview");
        assertThat(preview.get("bold").asText()).isEqualTo("bold");
        assertThat(preview.get("links")).extracting(JsonNode::asText).contains("https://example.org/page")
                .noneMatch(href -> href.toLowerCase().startsWith("javascript:"));
        assertThat(preview.get("images").asInt()).isZero();
        assertThat(preview.get("scripts").asInt()).isZero();
        assertThat(preview.get("pwned").asInt()).as("nothing the description carries ran").isZero();
        assertThat(preview.get("beside").asBoolean()).as("beside the field on a desktop: " + output).isTrue();
    }

    @Test
    void a_french_reader_gets_the_edit_page_in_french() {
        assertThat(story.at("/french/lang").asText()).isEqualTo("fr");
        assertThat(story.at("/french/headings")).extracting(JsonNode::asText).contains("Informations", "Miniature", "Sous-titres", "Chapitres");
        assertThat(story.at("/french/save").asText()).isEqualTo("Enregistrer les informations");
        // Named as the watch page names them: the catalog for categories and licences, the browser for languages.
        assertThat(story.at("/french/names/category").asText()).isEqualTo("Musique");
        assertThat(story.at("/french/names/licence").asText()).isEqualTo("Attribution - Partage dans les mêmes conditions");
        assertThat(story.at("/french/names/language").asText()).isEqualTo("allemand");
        assertThat(story.at("/french/names/captionLanguage").asText()).isEqualTo("allemand");
        assertThat(story.at("/french/names/preview").asText()).isEqualTo("Aperçu");
    }

    @Test
    void the_other_instance_shows_the_new_title_description_and_thumbnail() {
        JsonNode remote = follower.client().get("/api/v1/videos/" + uuid).json();
        assertThat(remote.path("name").asText()).isEqualTo(TITLE);
        assertThat(remote.path("description").asText()).isEqualTo(DESCRIPTION);
        byte[] ours = origin.client().get(origin.client().get("/api/v1/videos/" + uuid).json().path("thumbnailPath").asText()).body();
        byte[] theirs = follower.client().get(remote.path("thumbnailPath").asText()).body();
        assertThat(theirs).as("the follower copied the chosen frame").isEqualTo(ours);
    }
}
