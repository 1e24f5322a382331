package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Avatars and banners in a real headless Chromium (interop/browser-avatars.mjs): an avatar set on the settings page
 * shows in the header, a channel's banner and avatar set on "My channels" show on the channel page, phone and desktop.
 */
class AvatarWebTest {

    @Test
    void an_avatar_from_the_settings_and_a_channel_banner_show_where_people_look() {
        assertThat(Path.of("/usr/bin/chromium")).as("./tandem test installs Debian's chromium").isExecutable();
        try (TestInstance t = TestInstance.start()) {
            t.newUser("mia");
            BrowserScript run = BrowserScript.run(Duration.ofSeconds(180), "browser-avatars.mjs",
                    t.baseUrl(), "mia", "mia-password", TestMedia.png(640, 480).toString());
            JsonNode story = run.report();
            assertThat(story.has("failed")).as(run.output()).isFalse();
            assertThat(story.at("/login/whoami").asText()).as("the initial letter is no part of the name").isEqualTo("mia");
            assertThat(story.at("/login/letter").asInt()).as("a letter until a picture is set").isEqualTo(1);
            assertThat(story.at("/settings/label").asText()).isEqualTo("Change my avatar");
            assertThat(story.at("/settings/header").asInt()).isPositive();
            assertThat(story.at("/settings/preview").asInt()).isPositive();
            assertThat(story.at("/settings/afterReload").asInt()).isPositive();
            assertThat(story.at("/settings/alt").asText()).isEqualTo("Avatar of mia");
            assertThat(story.at("/channel/banner").asInt()).isEqualTo(1920);
            assertThat(story.at("/channel/avatar").asInt()).isPositive();
            for (String size : new String[] {"phone", "desktop"}) {
                assertThat(story.at("/" + size + "/banner").asInt()).as(size).isEqualTo(1920);
                assertThat(story.at("/" + size + "/avatar").asInt()).as(size).isPositive();
                assertThat(story.at("/" + size + "/header").asInt()).as(size).isPositive();
            }
            assertThat(story.at("/phone/bannerWidth").asDouble()).isLessThan(story.at("/desktop/bannerWidth").asDouble());
            JsonNode channel = t.client().get("/api/v1/video-channels/mia_channel").json();
            assertThat(channel.path("banners")).hasSize(2);
            assertThat(channel.path("avatars")).hasSize(4);
        }
    }
}
