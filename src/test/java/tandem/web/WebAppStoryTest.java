package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person uses the web app in a real headless Chromium on a phone-sized screen
 * (interop/browser-story.mjs): logs in, drops a video on the upload page while the network cuts one
 * chunk, sees it in "my videos" until it is published, watches it, likes it, comments, finds it
 * again, edits its channel and its profile, opens the admin pages and logs out. Afterwards the API tells whether it all really happened.
 */
class WebAppStoryTest {
    private static final String TITLE = "Browser story upload";
    private static final String COMMENT = "Nice video! <script>window.pwned = true</script>";
    private static TestInstance tandem;
    private static JsonNode story;
    private static String output;

    @BeforeAll
    static void runTheStory() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        Path clip = TestMedia.longClip();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "browser-story.mjs",
                tandem.baseUrl(), "root", TestInstance.ADMIN_PASSWORD, clip.toString(), TITLE);
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
    void a_wrong_password_is_refused_with_a_message_then_the_right_one_logs_in() {
        assertThat(story.at("/login/refused").asText()).containsIgnoringCase("invalid");
        assertThat(story.at("/login/whoami").asText()).isEqualTo("root");
    }

    @Test
    void the_upload_survives_a_dropped_connection_and_makes_exactly_one_complete_video() {
        List<String> ranges = new ArrayList<>();
        story.at("/upload/puts").forEach(r -> ranges.add(r.asText()));
        int query = ranges.indexOf(ranges.stream().filter(r -> r.startsWith("bytes */")).findFirst().orElseThrow(
                () -> new AssertionError("the page never asked the server what it kept: " + ranges)));
        assertThat(ranges.get(query + 1)).as("after the drop the page resumes where the server stopped, not from 0: " + ranges)
                .doesNotStartWith("bytes 0-");
        assertThat(ranges.get(query + 1)).as("the chunk that was cut is sent again").isEqualTo(ranges.get(query - 1));
        List<Integer> progress = new ArrayList<>();
        story.at("/upload/progress").forEach(v -> progress.add(v.asInt()));
        assertThat(progress).as("a progress bar that moves").anyMatch(v -> v > 0 && v < 100).contains(100);

        JsonNode mine = tandem.admin().get("/api/v1/users/me/videos?count=100").json();
        assertThat(mine.get("total").asInt()).as("no duplicate video").isEqualTo(1);
        JsonNode video = tandem.admin().get("/api/v1/videos/" + story.at("/upload/uuid").asText()).json();
        assertThat(video.get("name").asText()).isEqualTo(TITLE);
        assertThat(video.get("description").asText()).isEqualTo("Uploaded from the browser");
        assertThat(video.get("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("browser", "story");
        assertThat(video.get("duration").asInt()).as("every byte arrived: the whole 40 s were transcoded").isEqualTo(40);
        assertThat(story.at("/myVideos/states").get(story.at("/myVideos/states").size() - 1).asText()).isEqualTo("Published");
    }

    @Test
    void the_video_plays_and_the_like_and_the_comment_are_stored_with_the_script_kept_inert() {
        JsonNode watch = story.get("watch");
        assertThat(watch.get("title").asText()).isEqualTo(TITLE);
        assertThat(watch.at("/stats/http").asLong()).isPositive();
        assertThat(watch.at("/stats/rejected").asInt()).isZero();
        assertThat(watch.get("like").asText()).endsWith("1");
        assertThat(watch.get("comments")).extracting(JsonNode::asText).containsExactly(COMMENT);
        assertThat(watch.get("scriptRan").asBoolean()).isFalse();
        assertThat(watch.get("scriptElements").asInt()).isZero();

        String uuid = story.at("/upload/uuid").asText();
        TestClient admin = tandem.admin();
        assertThat(admin.get("/api/v1/videos/" + uuid).json().get("likes").asInt()).isEqualTo(1);
        assertThat(admin.get("/api/v1/users/me/videos/" + uuid + "/rating").json().get("rating").asText()).isEqualTo("like");
        JsonNode threads = admin.get("/api/v1/videos/" + uuid + "/comment-threads").json();
        assertThat(threads.get("total").asInt()).isEqualTo(1);
        assertThat(threads.at("/data/0/text").asText()).isEqualTo(COMMENT);
    }

    @Test
    void the_video_is_found_on_the_home_page_by_search_and_on_its_channel_and_both_profiles_are_edited() {
        assertThat(story.at("/discover/home")).extracting(JsonNode::asText).contains(TITLE);
        assertThat(story.at("/discover/search")).extracting(JsonNode::asText).containsExactly(TITLE);
        assertThat(story.at("/discover/channel")).extracting(JsonNode::asText).contains(TITLE);
        assertThat(story.at("/discover/accountChannels").asInt()).isEqualTo(1);
        assertThat(story.at("/editChannel/title").asText()).isEqualTo("Edited in the browser");
        assertThat(story.at("/editChannel/description").asText()).isEqualTo("Written on a phone");
        assertThat(story.at("/editProfile/title").asText()).isEqualTo("The admin, renamed");
        assertThat(story.at("/editProfile/description").asText()).isEqualTo("Runs this instance");
        assertThat(story.at("/editProfile/passwordForm").asInt()).as("the owner also gets the password form").isEqualTo(1);
        assertThat(tandem.client().get("/api/v1/accounts/root").json().at("/displayName").asText()).isEqualTo("The admin, renamed");
    }

    @Test
    void the_admin_pages_show_users_jobs_and_p2p_statistics() {
        assertThat(story.at("/admin/users").asInt()).isEqualTo(1);
        assertThat(story.at("/admin/jobTypes").toString()).contains("video-transcode");
        assertThat(story.at("/admin/p2p").asText()).contains("% P2P");
    }

    @Test
    void logging_out_revokes_the_token_and_no_page_had_a_script_error() {
        assertThat(story.at("/logout/loggedOut").asBoolean()).isTrue();
        assertThat(tandem.client().withToken(story.at("/logout/token").asText()).get("/api/v1/users/me").status()).isEqualTo(401);
        assertThat(story.get("errors")).as(output).isEmpty();
    }
}
