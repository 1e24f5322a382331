package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A moderator works through the moderation pages in a real headless Chromium at phone width
 * (interop/browser-moderation.mjs): sees a user's report, asks its reporter a question in the report's
 * conversation (the reporter answers from /my-account/abuses), accepts it, blocks the reported video, and
 * mutes an account on their own blocklist page. The API then tells whether it all really happened.
 */
class ModerationWebTest {

    @Test
    void a_moderator_sees_a_report_accepts_it_and_blocks_the_video() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        try (TestInstance tandem = TestInstance.start()) {
            TestClient uploader = tandem.newUser("seller");
            TestClient viewer = tandem.newUser("watcher");
            String uuid = uploader.uploaded(TestMedia.clipWithAudio(), "Miracle pans", Map.of("privacy", "1"));
            tandem.awaitIdle();
            String reason = "An advert disguised as a recipe";
            assertThat(viewer.postJson("/api/v1/abuses", Map.of("reason", reason, "predefinedReasons", java.util.List.of("spamOrMisleading"),
                    "video", Map.of("id", uuid))).status()).isEqualTo(200);
            TestClient admin = tandem.admin();

            BrowserScript run = BrowserScript.run(Duration.ofSeconds(180), "browser-moderation.mjs", tandem.baseUrl(), admin.token(), uuid, reason,
                    "watcher", viewer.token());
            JsonNode story = run.report();
            assertThat(story.has("failed")).as(run.output()).isFalse();
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(story.at("/pending/tabs").toString()).contains("Reports", "Blocked videos", "Comments");
            assertThat(story.at("/pending/current").asText()).isEqualTo("Reports");
            assertThat(story.at("/pending/item").asText()).contains("Miracle pans", "Spam or misleading", "watcher@");
            assertThat(story.at("/pending/video").asText()).isEqualTo("/videos/watch/" + uuid);
            assertThat(story.at("/ask/message").asText()).contains("Which recipe did you try?", "moderator");
            assertThat(story.at("/answer/title").asText()).contains("My reports");
            assertThat(story.at("/answer/seen").asText()).contains("Miracle pans", "Pending", "Which recipe did you try?");
            assertThat(story.at("/answer/thread").toString()).contains("Which recipe did you try?", "The caramel one, it needs their pan");
            assertThat(story.at("/answer/scrollWidth").asInt()).as("nothing wider than the phone").isLessThanOrEqualTo(375);
            assertThat(story.at("/counted/summary").asText()).contains("2 messages");
            assertThat(story.at("/block/state").asText()).isEqualTo("Accepted");
            assertThat(story.at("/block/blocked").asText()).contains("Miracle pans", reason);
            assertThat(story.at("/mute/muted/0").asText()).contains("watcher@");
            assertThat(story.at("/mute/scrollWidth").asInt()).as("nothing wider than the phone").isLessThanOrEqualTo(375);

            assertThat(story.at("/watchBlocked/title").asText()).contains("blocked");

            assertThat(admin.get("/api/v1/abuses?state=3").json().at("/data/0/reason").asText()).isEqualTo(reason);
            long abuseId = admin.get("/api/v1/abuses?state=3").json().at("/data/0/id").asLong();
            JsonNode thread = viewer.get("/api/v1/abuses/" + abuseId + "/messages").json();
            assertThat(thread.at("/data/0/byModerator").asBoolean()).isTrue();
            assertThat(thread.at("/data/1/message").asText()).isEqualTo("The caramel one, it needs their pan");
            assertThat(admin.get("/api/v1/videos/blacklist").json().at("/data/0/video/uuid").asText()).isEqualTo(uuid);
            assertThat(viewer.get("/api/v1/videos/" + uuid).status()).as("blocked for everyone but its owner and moderators").isEqualTo(403);
            assertThat(admin.get("/api/v1/users/me/blocklist/accounts").json().at("/data/0/blockedAccount/name").asText()).isEqualTo("watcher");
        }
    }
}
