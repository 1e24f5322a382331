package tandem.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;
import tandem.media.TestMedia;
import tandem.testing.TestInstance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every main page, as a phone and as a desktop with an English browser and as a phone with a French one, anonymous and
 * signed in (interop/browser-tour.mjs): no script error, nothing wider than the phone, every form
 * field labelled, the page in the browser's language. Screenshots land in target/screenshots for
 * people to look at.
 */
class PageTourTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_main_page_loads_fits_a_phone_labels_its_fields_and_speaks_french_to_a_french_browser() {
        try (TestInstance t = TestInstance.start()) {
            String uuid = t.admin().uploaded(TestMedia.clipWithAudio(), "Tour de la rivière", Map.of("description", "Une *belle* promenade", "tags[0]", "nature"));
            t.awaitIdle(Duration.ofSeconds(120));
            ArrayNode pages = JSON.createArrayNode();
            page(pages, "home", "/", false, "Se connecter");
            page(pages, "watch", "/w/" + uuid, false, "Se connecter");
            page(pages, "search", "/search?search=rivi%C3%A8re", false, "Se connecter");
            page(pages, "browse", "/videos/browse?categoryOneOf=1", false, "Se connecter");
            page(pages, "tag", "/search?tagsOneOf=nature", false, "Se connecter");
            page(pages, "not-found", "/no/such/page", false, "Se connecter");
            page(pages, "channel", "/c/root_channel", false, "Se connecter");
            page(pages, "account", "/a/root", false, "Se connecter");
            page(pages, "login", "/login", false, "Se connecter");
            page(pages, "public-ledger", "/about/ledger", false, "Se connecter");
            page(pages, "about", "/about/instance", false, "Se connecter");
            page(pages, "signup", "/signup", false, "Se connecter");
            page(pages, "reset-password", "/reset-password", false, "Se connecter");
            page(pages, "upload", "/videos/upload", true, null);
            page(pages, "manage", "/videos/manage/" + uuid, true, null);
            page(pages, "settings", "/my-account/settings", true, null);
            page(pages, "notifications", "/my-account/notifications", true, null);
            page(pages, "history", "/my-library/history/videos", true, null);
            page(pages, "playlists", "/my-library/video-playlists", true, null);
            page(pages, "channels", "/my-library/video-channels", true, null);
            page(pages, "subscriptions", "/videos/subscriptions", true, null);
            page(pages, "admin-settings", "/admin/config/edit-custom", true, null);
            page(pages, "admin-moderation", "/admin/moderation/abuses/list", true, null);
            page(pages, "my-videos", "/my-library/videos", true, null);
            page(pages, "admin", "/admin", true, null);
            Path shots = Path.of("target", "screenshots").toAbsolutePath();
            BrowserScript run = BrowserScript.run(Duration.ofSeconds(400), "browser-tour.mjs",
                    t.baseUrl(), t.admin().token(), shots.toString(), pages.toString());
            JsonNode report = run.report();
            assertThat(report.path("failed").asText("")).as(run.output()).isEmpty();
            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(report.at("/watch~1phone~1fr/lang").asText()).isEqualTo("fr");
            assertThat(report.at("/home~1desktop~1en/lang").asText()).isEqualTo("en");
            assertThat(shots.resolve("watch-phone-fr.png")).as("a screenshot for people to look at").exists();
        }
    }

    private static void page(ArrayNode pages, String name, String path, boolean signedIn, String french) {
        pages.addObject().put("name", name).put("path", path).put("signedIn", signedIn).put("french", french);
    }
}
