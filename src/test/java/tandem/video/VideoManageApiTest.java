package tandem.video;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;
import tandem.testing.TestInstance;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The edit page's API: stills from an image or a frame, chapters, and scheduled publication. */
class VideoManageApiTest {
    private static TestInstance tandem;
    private static TestClient admin;
    private static String uuid;

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        admin = tandem.admin();
        uuid = admin.upload(TestMedia.clipWithAudio(), "To edit", Map.of()).json().at("/video/uuid").asText();
        tandem.awaitIdle();
    }

    @AfterAll
    static void stop() {
        tandem.close();
    }

    private static JsonNode details() {
        return admin.get("/api/v1/videos/" + uuid).json();
    }

    private static byte[] still(String path) {
        Response r = tandem.client().get(path);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.body();
    }

    private static Path png(Color color) throws IOException {
        BufferedImage img = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 320, 180);
        g.dispose();
        Path p = Files.createTempDirectory("stills").resolve("thumb.png");
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    @Test
    void an_uploaded_thumbnail_replaces_the_stills_under_a_new_name_and_a_wrong_file_is_refused_by_name() throws IOException {
        String before = details().path("thumbnailPath").asText();
        byte[] old = still(before);

        Path text = Files.createTempDirectory("stills").resolve("thumb.jpg");
        Files.writeString(text, "not an image at all");
        Response bad = admin.multipart("PUT", "/api/v1/videos/" + uuid, Map.of("name", "Should not be saved"), "thumbnailfile", text);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid-params").has("thumbnailfile")).as(bad.text()).isTrue();
        assertThat(details().path("name").asText()).as("nothing changes when a file is refused").isEqualTo("To edit");

        Response ok = admin.multipart("PUT", "/api/v1/videos/" + uuid, Map.of("name", "Edited with a picture"), "thumbnailfile", png(Color.MAGENTA));
        assertThat(ok.status()).as(ok.text()).isEqualTo(204);
        JsonNode after = details();
        assertThat(after.path("name").asText()).isEqualTo("Edited with a picture");
        assertThat(after.path("thumbnailPath").asText()).isNotEqualTo(before);
        assertThat(still(after.path("thumbnailPath").asText())).isNotEqualTo(old);
        assertThat(still(after.path("previewPath").asText())).startsWith((byte) 0xff, (byte) 0xd8);
        tandem.awaitIdle();
        assertThat(tandem.client().get(before).status()).as("the old still is removed").isEqualTo(404);
    }

    @Test
    void a_chosen_frame_makes_a_new_thumbnail() {
        String before = details().path("thumbnailPath").asText();
        byte[] old = still(before);
        Response r = admin.postJson("/api/v1/videos/" + uuid + "/thumbnail/from-frame", Map.of("timecode", 0.2));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        String path = r.json().path("thumbnailPath").asText();
        assertThat(path).isNotEqualTo(before).isEqualTo(details().path("thumbnailPath").asText());
        assertThat(still(path)).isNotEqualTo(old);

        Response late = admin.postJson("/api/v1/videos/" + uuid + "/thumbnail/from-frame", Map.of("timecode", 9999));
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().path("invalid-params").has("timecode")).isTrue();
        assertThat(tandem.client().postJson("/api/v1/videos/" + uuid + "/thumbnail/from-frame", Map.of("timecode", 1)).status()).isEqualTo(401);
    }

    @Test
    void chapters_round_trip_sorted_and_bad_ones_are_named() {
        Response put = admin.putJson("/api/v1/videos/" + uuid + "/chapters", Map.of("chapters", List.of(
                Map.of("timecode", 2, "title", "Ending"), Map.of("timecode", 0, "title", "Opening"))));
        assertThat(put.status()).as(put.text()).isEqualTo(204);
        JsonNode got = tandem.client().get("/api/v1/videos/" + uuid + "/chapters").json();
        assertThat(got.at("/chapters/0/title").asText()).isEqualTo("Opening");
        assertThat(got.at("/chapters/1/timecode").asInt()).isEqualTo(2);
        assertThat(got.path("chapters").size()).isEqualTo(2);

        Response empty = admin.putJson("/api/v1/videos/" + uuid + "/chapters", Map.of("chapters", List.of(Map.of("timecode", 1, "title", ""))));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("invalid-params").has("chapters[0].title")).as(empty.text()).isTrue();
        Response twice = admin.putJson("/api/v1/videos/" + uuid + "/chapters", Map.of("chapters", List.of(
                Map.of("timecode", 1, "title", "One"), Map.of("timecode", 1, "title", "Again"))));
        assertThat(twice.json().path("invalid-params").has("chapters[1].timecode")).as(twice.text()).isTrue();
        Response past = admin.putJson("/api/v1/videos/" + uuid + "/chapters", Map.of("chapters", List.of(Map.of("timecode", 3600, "title", "Later"))));
        assertThat(past.json().path("invalid-params").has("chapters[0].timecode")).as(past.text()).isTrue();
        assertThat(tandem.client().get("/api/v1/videos/" + uuid + "/chapters").json().path("chapters").size()).as("refused ones change nothing").isEqualTo(2);

        JsonNode ap = tandem.client().get("/videos/watch/" + uuid + "/chapters", "Accept", "application/activity+json").json();
        assertThat(ap.at("/hasPart/0/name").asText()).isEqualTo("Opening");
        assertThat(ap.at("/hasPart/0/endOffset").asInt()).isEqualTo(2);
    }

    @Test
    void a_scheduled_video_is_published_at_its_time() {
        String id = admin.upload(TestMedia.clipWithAudio(), "Coming soon", Map.of("privacy", "3")).json().at("/video/uuid").asText();
        tandem.awaitIdle();
        Instant at = tandem.clock().instant().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Response past = admin.putJson("/api/v1/videos/" + id, Map.of("scheduleUpdate", Map.of("updateAt", tandem.clock().instant().minusSeconds(60).toString())));
        assertThat(past.json().path("invalid-params").has("scheduleUpdate.updateAt")).as(past.text()).isTrue();
        assertThat(admin.putJson("/api/v1/videos/" + id, Map.of("scheduleUpdate", Map.of("updateAt", at.toString(), "privacy", 1))).status()).isEqualTo(204);
        JsonNode d = admin.get("/api/v1/videos/" + id).json();
        assertThat(d.at("/scheduledUpdate/updateAt").asText()).isEqualTo(at.toString());
        assertThat(d.at("/privacy/id").asInt()).isEqualTo(3);

        tandem.clock().advance(Duration.ofHours(1));
        tandem.awaitIdle();
        assertThat(tandem.client().get("/api/v1/videos/" + id).status()).as("still private an hour before").isEqualTo(403);

        tandem.clock().advance(Duration.ofHours(1).plusSeconds(1));
        tandem.app().jobs().wakeUp();
        tandem.awaitIdle();
        JsonNode published = tandem.client().get("/api/v1/videos/" + id).json();
        assertThat(published.at("/privacy/id").asInt()).isEqualTo(1);
        assertThat(published.has("scheduledUpdate")).isFalse();
        assertThat(Instant.parse(published.path("publishedAt").asText())).isAfterOrEqualTo(at);

        Instant later = tandem.clock().instant().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String uploaded = admin.upload(TestMedia.clipWithAudio(), "Scheduled at upload", Map.of("privacy", "3",
                "scheduleUpdate[updateAt]", later.toString(), "scheduleUpdate[privacy]", "2")).json().at("/video/uuid").asText();
        JsonNode scheduled = admin.get("/api/v1/videos/" + uploaded).json();
        assertThat(scheduled.at("/scheduledUpdate/updateAt").asText()).isEqualTo(later.toString());
        assertThat(scheduled.at("/scheduledUpdate/privacy").asInt()).isEqualTo(2);
        tandem.awaitIdle();
    }
}
