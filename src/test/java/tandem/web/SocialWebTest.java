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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A viewer in a real headless Chromium at phone size (interop/browser-social.mjs): the bell counts a
 * new video of her subscription, the notification leads to it, the subscriptions feed shows it, the
 * history lists it once watched, and "Watch later" keeps it. Afterwards the API says it all happened.
 */
class SocialWebTest {
    private static final String NAME = "A video for subscribers";
    private static TestInstance tandem;
    private static TestClient ana;
    private static String uuid;
    private static JsonNode story;
    private static String output;

    @BeforeAll
    static void runTheStory() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        tandem = TestInstance.start();
        ana = tandem.newUser("ana");
        TestClient ben = tandem.newUser("ben");
        assertThat(ana.postJson("/api/v1/users/me/subscriptions", Map.of("uri", "ben_channel")).status()).isEqualTo(204);
        uuid = ben.uploaded(TestMedia.longClip(), NAME, Map.of("privacy", "1"));
        tandem.awaitIdle();
        BrowserScript run = BrowserScript.run(Duration.ofSeconds(240), "browser-social.mjs", tandem.baseUrl(), "ana", "ana-password", uuid, NAME);
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
    void the_bell_counts_the_new_video_and_reading_it_empties_the_bell() {
        assertThat(story.at("/login/bell").asText()).isEqualTo("1");
        assertThat(story.at("/notifications/text").asText()).contains(NAME).contains("published a new video");
        assertThat(story.at("/notifications/unreadAfter").asInt()).isZero();
        assertThat(ana.get("/api/v1/users/me/notifications?unread=true&count=0").json().get("total").asInt()).isZero();
    }

    @Test
    void the_subscriptions_feed_shows_the_video() {
        List<String> cards = new ArrayList<>();
        story.at("/subscriptions/cards").forEach(c -> cards.add(c.asText()));
        assertThat(cards).contains(NAME);
        assertThat(story.at("/subscriptions/feed").asText()).as("the page's private feed link").contains("<rss").contains(uuid);
    }

    @Test
    void watching_fills_the_history_with_where_she_stopped() {
        assertThat(story.at("/history/title").asText()).isEqualTo(NAME);
        int at = ana.get("/api/v1/videos/" + uuid).json().at("/userHistory/currentTime").asInt();
        assertThat(at).as("the page reported the position").isGreaterThanOrEqualTo(5);
        assertThat(story.at("/history/stoppedAt").asText()).startsWith("Stopped at 0:0");
    }

    @Test
    void watch_later_keeps_the_video_and_its_page_lists_it() {
        assertThat(story.at("/watch/saved").asText()).contains("Watch later");
        assertThat(story.at("/watchLater/title").asText()).isEqualTo("Watch later");
        assertThat(story.at("/watchLater/videos")).extracting(JsonNode::asText).containsExactly(NAME);
        assertThat(story.at("/watchLater/playAll").asText()).contains("playlistPosition=1");
        assertThat(story.at("/watchLater/wide").asInt()).as("no sideways scrolling at 375 px").isLessThanOrEqualTo(375);
        assertThat(story.get("errors")).as(output).isEmpty();
    }
}
